-- The e-mail channel: every inbound message, the tickets it raises, and how threads map to conversations.

CREATE TABLE inbound_messages (
  id              INTEGER PRIMARY KEY,
  -- Message-ID, or a hash of the raw message when it has none: recorded before acting on it.
  message_key     TEXT    NOT NULL UNIQUE,
  message_id      TEXT,
  mailbox         TEXT,
  uid             INTEGER,
  uid_validity    TEXT,
  from_addr       TEXT,
  subject         TEXT,
  status          TEXT    NOT NULL CHECK (status IN ('processing', 'processed', 'ignored', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  intent          TEXT,
  priority        TEXT,
  summary         TEXT,
  ticket_id       INTEGER,
  booking_id      INTEGER,
  conversation_id TEXT    REFERENCES conversations (id),
  reply_message_id TEXT,
  received_at     TEXT    NOT NULL,
  processed_at    TEXT
);
CREATE INDEX inbound_messages_status ON inbound_messages (status);

CREATE TABLE tickets (
  id                    INTEGER PRIMARY KEY,
  intent                TEXT    NOT NULL CHECK (intent IN ('locked_out', 'maintenance', 'rent', 'tour_request', 'general', 'escalation')),
  priority              TEXT    NOT NULL CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
  summary               TEXT    NOT NULL,
  action_required       TEXT    NOT NULL,
  user_id               INTEGER REFERENCES users (id),
  sender                TEXT,
  property_id           INTEGER REFERENCES properties (id),
  unit                  TEXT,
  source_message_key    TEXT,
  conversation_id       TEXT    REFERENCES conversations (id),
  status                TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'closed')),
  assigned_to           INTEGER REFERENCES stakeholders (id),
  stakeholders_notified TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(stakeholders_notified)),
  attachments           TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(attachments)),
  created_at            TEXT    NOT NULL,
  updated_at            TEXT    NOT NULL
);
CREATE INDEX tickets_status ON tickets (status, intent);
-- One ticket per inbound message, whatever happens.
CREATE UNIQUE INDEX tickets_one_per_message ON tickets (source_message_key) WHERE source_message_key IS NOT NULL;

-- Message-IDs seen or sent in each e-mail conversation, so replies join the right thread.
CREATE TABLE mail_threads (
  message_id      TEXT    PRIMARY KEY,
  conversation_id TEXT    NOT NULL REFERENCES conversations (id) ON DELETE CASCADE
);

CREATE TABLE imap_state (
  mailbox       TEXT PRIMARY KEY,
  uid_validity  TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);

-- A booking made on behalf of one inbound message; a retried message finds it instead of booking again.
ALTER TABLE bookings ADD COLUMN source_ref TEXT;
CREATE UNIQUE INDEX bookings_source_ref ON bookings (source_ref) WHERE source_ref IS NOT NULL;
