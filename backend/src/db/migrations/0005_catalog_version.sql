-- A counter that moves whenever listings or their weekly tour hours change, from any
-- connection: caches of the catalogue compare it instead of the database-wide data_version,
-- which every chat message and booking moves.
CREATE TABLE catalog_version (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO catalog_version (id, version) VALUES (1, 0);

CREATE TRIGGER properties_inserted AFTER INSERT ON properties BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER properties_updated AFTER UPDATE ON properties BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER properties_deleted AFTER DELETE ON properties BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER availability_inserted AFTER INSERT ON availability BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER availability_updated AFTER UPDATE ON availability BEGIN UPDATE catalog_version SET version = version + 1; END;
CREATE TRIGGER availability_deleted AFTER DELETE ON availability BEGIN UPDATE catalog_version SET version = version + 1; END;
