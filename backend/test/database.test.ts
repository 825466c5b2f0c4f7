import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/database";
import { tempDir } from "./support/temp-dir";

describe("openDatabase", () => {
  it("opens in WAL mode, and another process's writer waits for the lock instead of failing", () => {
    const db = openDatabase(path.join(tempDir("l2l-db-"), "leasing.db"));
    try {
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("busy_timeout", { simple: true })).toBeGreaterThanOrEqual(1000);
      expect(db.pragma("foreign_keys", { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it("keeps no catalogue version table or triggers after all migrations ran (0005 made them, 0008 drops them)", () => {
    const db = openDatabase(path.join(tempDir("l2l-db-"), "leasing.db"));
    try {
      const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all();
      expect(versions).toContain("0005_catalog_version");
      expect(versions).toContain("0008_drop_catalog_version");
      const leftovers = db.prepare("SELECT name FROM sqlite_master WHERE name = 'catalog_version' OR sql LIKE '%catalog_version%'").pluck().all();
      expect(leftovers).toEqual([]);
    } finally {
      db.close();
    }
  });
});
