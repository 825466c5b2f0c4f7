-- Leasing core: catalogue, tour hours, people, bookings, outgoing mail.
-- Times are UTC ISO-8601 strings (toISOString form); local dates are YYYY-MM-DD.

CREATE TABLE properties (
  id              INTEGER PRIMARY KEY,
  name            TEXT    NOT NULL,
  address         TEXT    NOT NULL,
  city            TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  postal_code     TEXT,
  neighborhood    TEXT    NOT NULL,
  beds            INTEGER NOT NULL CHECK (beds BETWEEN 0 AND 10),
  baths           REAL    NOT NULL CHECK (baths >= 0),
  rent            INTEGER NOT NULL CHECK (rent > 0),
  sqft            INTEGER CHECK (sqft IS NULL OR sqft > 0),
  pets_allowed    TEXT    NOT NULL CHECK (pets_allowed IN ('none', 'cats', 'dogs', 'cats_and_dogs')),
  pet_policy      TEXT    NOT NULL,
  available_from  TEXT    NOT NULL,
  description     TEXT    NOT NULL,
  amenities       TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(amenities)),
  timezone        TEXT    NOT NULL,
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at      TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE INDEX properties_city ON properties (city);

CREATE TABLE users (
  id                INTEGER PRIMARY KEY,
  name              TEXT    NOT NULL CHECK (length(trim(name)) > 0),
  email             TEXT    NOT NULL COLLATE NOCASE UNIQUE,
  phone             TEXT    CHECK (phone IS NULL OR phone GLOB '+[1-9]*'),
  role              TEXT    NOT NULL CHECK (role IN ('prospect', 'tenant')),
  property_id       INTEGER REFERENCES properties (id),
  unit              TEXT,
  lease_end         TEXT,
  balance_due_cents INTEGER NOT NULL DEFAULT 0,
  created_at        TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at        TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK (role = 'prospect' OR (property_id IS NOT NULL AND unit IS NOT NULL))
);

-- Weekly tour hours, in the property's own zone. weekday: 0 = Sunday ... 6 = Saturday.
CREATE TABLE availability (
  id            INTEGER PRIMARY KEY,
  property_id   INTEGER NOT NULL REFERENCES properties (id) ON DELETE CASCADE,
  weekday       INTEGER NOT NULL CHECK (weekday BETWEEN 0 AND 6),
  start_time    TEXT    NOT NULL CHECK (start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  end_time      TEXT    NOT NULL CHECK (end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
  slot_minutes  INTEGER NOT NULL DEFAULT 30 CHECK (slot_minutes BETWEEN 5 AND 240),
  CHECK (end_time > start_time)
);
CREATE INDEX availability_property ON availability (property_id);

-- Dated changes: a closure (whole day when no times) or extra hours.
CREATE TABLE availability_exceptions (
  id            INTEGER PRIMARY KEY,
  property_id   INTEGER NOT NULL REFERENCES properties (id) ON DELETE CASCADE,
  date          TEXT    NOT NULL,
  kind          TEXT    NOT NULL CHECK (kind IN ('closed', 'open')),
  start_time    TEXT,
  end_time      TEXT,
  slot_minutes  INTEGER CHECK (slot_minutes IS NULL OR slot_minutes BETWEEN 5 AND 240),
  note          TEXT,
  CHECK (kind = 'closed' OR (start_time IS NOT NULL AND end_time IS NOT NULL)),
  CHECK (start_time IS NULL OR end_time IS NULL OR end_time > start_time)
);
CREATE INDEX availability_exceptions_property_date ON availability_exceptions (property_id, date);

CREATE TABLE bookings (
  id            INTEGER PRIMARY KEY,
  property_id   INTEGER NOT NULL REFERENCES properties (id),
  user_id       INTEGER NOT NULL REFERENCES users (id),
  start_utc     TEXT    NOT NULL,
  end_utc       TEXT    NOT NULL,
  status        TEXT    NOT NULL CHECK (status IN ('confirmed', 'cancelled')),
  manage_token  TEXT    NOT NULL UNIQUE,
  sequence      INTEGER NOT NULL DEFAULT 0,
  source        TEXT    NOT NULL DEFAULT 'web' CHECK (source IN ('web', 'chat', 'email', 'staff')),
  created_at    TEXT    NOT NULL,
  updated_at    TEXT    NOT NULL,
  cancelled_at  TEXT,
  CHECK (end_utc > start_utc)
);
-- The database, not the application, makes a double booking impossible.
CREATE UNIQUE INDEX bookings_one_confirmed_per_slot ON bookings (property_id, start_utc) WHERE status = 'confirmed';
CREATE INDEX bookings_user ON bookings (user_id, start_utc);
CREATE INDEX bookings_property_time ON bookings (property_id, start_utc, end_utc);

-- Who to tell about what. property_id NULL means every property.
CREATE TABLE stakeholders (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL,
  email         TEXT    NOT NULL,
  phone         TEXT,
  role          TEXT    NOT NULL CHECK (role IN ('locksmith', 'maintenance', 'accounting', 'leasing')),
  intent        TEXT    NOT NULL CHECK (intent IN ('locked_out', 'maintenance', 'rent', 'tour_request', 'general')),
  property_id   INTEGER REFERENCES properties (id) ON DELETE CASCADE
);
CREATE INDEX stakeholders_intent ON stakeholders (intent, property_id);

-- Outgoing mail, written in the same transaction as the change it reports. A row holds
-- either the rendered message or the payload it is rendered from when it is sent.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  kind            TEXT    NOT NULL,
  message_id      TEXT    NOT NULL UNIQUE,
  to_addr         TEXT    NOT NULL,
  cc_addr         TEXT,
  subject         TEXT,
  text_body       TEXT,
  html_body       TEXT,
  ics             TEXT,
  ics_method      TEXT,
  in_reply_to     TEXT,
  references_hdr  TEXT,
  headers         TEXT    NOT NULL DEFAULT '{}',
  -- Facts the message is rendered from at send time, when it is not stored rendered.
  payload         TEXT    CHECK (payload IS NULL OR json_valid(payload)),
  booking_id      INTEGER REFERENCES bookings (id),
  status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  -- When a pending message is due; for a message being sent, when its lease runs out.
  next_attempt_at TEXT    NOT NULL,
  last_error      TEXT,
  created_at      TEXT    NOT NULL,
  sent_at         TEXT,
  CHECK (payload IS NOT NULL OR (subject IS NOT NULL AND text_body IS NOT NULL))
);
CREATE INDEX outbox_open ON outbox (next_attempt_at, id) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_booking ON outbox (booking_id) WHERE booking_id IS NOT NULL;

CREATE TABLE outbox_attempts (
  id          INTEGER PRIMARY KEY,
  outbox_id   INTEGER NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
  at          TEXT    NOT NULL,
  ok          INTEGER NOT NULL,
  error       TEXT
);
