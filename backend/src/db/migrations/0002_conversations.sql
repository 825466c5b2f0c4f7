-- Conversations across channels (chat sessions, e-mail threads) and what was said in them.

CREATE TABLE conversations (
  id                TEXT    PRIMARY KEY,
  channel           TEXT    NOT NULL CHECK (channel IN ('chat', 'email')),
  mode              TEXT    NOT NULL DEFAULT 'ai' CHECK (mode IN ('ai', 'human')),
  user_id           INTEGER REFERENCES users (id),
  -- Compact facts the assistant has collected (contact, criteria, offers); see session-facts.ts.
  facts             TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(facts)),
  subject           TEXT,
  escalation_reason TEXT,
  escalated_at      TEXT,
  created_at        TEXT    NOT NULL,
  updated_at        TEXT    NOT NULL,
  last_message_at   TEXT
);
CREATE INDEX conversations_recent ON conversations (last_message_at);

CREATE TABLE conversation_messages (
  id              INTEGER PRIMARY KEY,
  conversation_id TEXT    NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  role            TEXT    NOT NULL CHECK (role IN ('user', 'assistant', 'staff', 'tool', 'system')),
  text            TEXT    NOT NULL,
  -- Structured extras: offered options, tool name and label.
  data            TEXT    CHECK (data IS NULL OR json_valid(data)),
  created_at      TEXT    NOT NULL
);
CREATE INDEX conversation_messages_conversation ON conversation_messages (conversation_id, id);

-- Tours a conversation may see and change: those it booked, and those reached by a manage link.
CREATE TABLE conversation_bookings (
  conversation_id TEXT    NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  booking_id      INTEGER NOT NULL REFERENCES bookings (id),
  via             TEXT    NOT NULL CHECK (via IN ('booked', 'link')),
  PRIMARY KEY (conversation_id, booking_id)
);
