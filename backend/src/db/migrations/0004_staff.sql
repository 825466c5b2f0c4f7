-- Staff accounts and sessions, the audit log, settings (persona), and read state of conversations.

CREATE TABLE staff_users (
  id            INTEGER PRIMARY KEY,
  email         TEXT    NOT NULL COLLATE NOCASE UNIQUE,
  name          TEXT    NOT NULL,
  password_hash TEXT    NOT NULL,
  role          TEXT    NOT NULL DEFAULT 'staff' CHECK (role IN ('admin', 'staff')),
  created_at    TEXT    NOT NULL
);

CREATE TABLE staff_sessions (
  token_hash  TEXT    PRIMARY KEY,
  staff_id    INTEGER NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
  csrf_token  TEXT    NOT NULL,
  created_at  TEXT    NOT NULL,
  expires_at  TEXT    NOT NULL
);

CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY,
  actor     TEXT    NOT NULL,
  staff_id  INTEGER REFERENCES staff_users (id),
  action    TEXT    NOT NULL,
  target    TEXT,
  details   TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
  at        TEXT    NOT NULL
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE settings (
  key    TEXT PRIMARY KEY,
  value  TEXT NOT NULL CHECK (json_valid(value))
);

ALTER TABLE conversations ADD COLUMN staff_read_at TEXT;
ALTER TABLE conversations ADD COLUMN mode_changed_at TEXT;
