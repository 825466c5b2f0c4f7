-- Listings and tour hours are read straight from their tables: the version counter that
-- caches of them compared (0005) is no longer kept.
DROP TRIGGER IF EXISTS properties_inserted;
DROP TRIGGER IF EXISTS properties_updated;
DROP TRIGGER IF EXISTS properties_deleted;
DROP TRIGGER IF EXISTS availability_inserted;
DROP TRIGGER IF EXISTS availability_updated;
DROP TRIGGER IF EXISTS availability_deleted;
DROP TABLE IF EXISTS catalog_version;
