import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

export type Db = Database.Database;

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

export interface OpenDatabaseOptions {
  /** SQL run once, into an empty database. */
  seedFile?: string;
  /** The day the seed's dates count from (`date('now', ...)` in it); by default the real date. */
  seedToday?: Date;
}

/** Opens (creating when needed) the SQLite file, applies migrations, then seeds an empty database. */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Db {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  // A second process on the same file (`npm run mail:worker`) waits for the write lock instead of failing.
  db.pragma("busy_timeout = 5000");
  migrate(db);
  if (options.seedFile) seedOnce(db, options.seedFile, options.seedToday);
  return db;
}

export function migrate(db: Db): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`);
  const applied = new Set(db.prepare("SELECT version FROM schema_migrations").pluck().all() as string[]);
  const files = fs
    .readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith(".sql"))
    .sort();
  const ran: string[] = [];
  for (const file of files) {
    const version = file.replace(/\.sql$/, "");
    if (applied.has(version)) continue;
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, file), "utf8");
    db.transaction(() => {
      db.exec(sql);
      db.prepare("INSERT INTO schema_migrations (version) VALUES (?)").run(version);
    }).immediate();
    ran.push(version);
  }
  return ran;
}

/**
 * Loads the seed file only into a database that has never been seeded and holds no properties.
 * Its dates are written relative to `date('now')`; with `today`, they count from that day instead
 * (an application running on a clock of its own gets demo data relative to that clock).
 */
export function seedOnce(db: Db, seedFile: string, today = new Date()): boolean {
  db.exec("CREATE TABLE IF NOT EXISTS app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  return db
    .transaction(() => {
      const seeded = db.prepare("SELECT value FROM app_meta WHERE key = 'seeded_at'").pluck().get();
      const count = db.prepare("SELECT count(*) FROM properties").pluck().get() as number;
      if (seeded || count > 0) return false;
      const sql = fs.readFileSync(seedFile, "utf8");
      db.exec(sql.replaceAll("date('now'", `date('${today.toISOString().slice(0, 10)}'`));
      db.prepare("INSERT INTO app_meta (key, value) VALUES ('seeded_at', ?)").run(today.toISOString());
      return true;
    })
    .immediate();
}

/** Copies a database file consistently (SQLite's online backup), e.g. for a dry run on a scratch copy. */
export async function backupDatabase(from: string, to: string): Promise<void> {
  const source = new Database(from, { readonly: true });
  try {
    await source.backup(to);
  } finally {
    source.close();
  }
}

/**
 * A transaction runner for domain services: synchronous, BEGIN IMMEDIATE, nestable. Inside a
 * transaction already open on the connection it runs as a savepoint, so a change that fails
 * rolls back alone and the enclosing transaction carries on.
 */
export function transactionRunner(db: Db) {
  // One transaction function, built once: it runs whatever it is given.
  const tx = db.transaction((fn: () => unknown) => fn());
  return {
    run<T>(fn: () => T): T {
      return tx.immediate(fn) as T;
    },
  };
}

export function isUniqueViolation(err: unknown, columns?: string): boolean {
  const e = err as { code?: string; message?: string };
  if (e?.code !== "SQLITE_CONSTRAINT_UNIQUE" && e?.code !== "SQLITE_CONSTRAINT_PRIMARYKEY") return false;
  return columns === undefined || (e.message ?? "").includes(columns);
}
