-- Later messages in the same e-mail thread join the open ticket instead of opening new ones.
ALTER TABLE tickets ADD COLUMN follow_ups INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN last_follow_up TEXT;
ALTER TABLE tickets ADD COLUMN last_follow_up_at TEXT;
