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
  db.pragma("busy_timeout = 5000");
  // Savepoint and statement journals stay in memory: SQLite otherwise moves one past 64 KiB into a
  // temporary file (created and deleted on disk within the transaction), as a batch of tour changes does.
  db.pragma("temp_store = MEMORY");
  migrate(db);
  if (options.seedFile) seedOnce(db, options.seedFile, options.seedToday);
  return db;
}

export function migrate(db: Db): string[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
  )`);
  const applied = new Set(
    db.prepare("SELECT version FROM schema_migrations").pluck().all() as string[],
  );
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
export function seedOnce(db: Db, seedFile: string, today?: Date): boolean {
  db.exec("CREATE TABLE IF NOT EXISTS app_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
  return db
    .transaction(() => {
      const seeded = db.prepare("SELECT value FROM app_meta WHERE key = 'seeded_at'").pluck().get();
      const count = db.prepare("SELECT count(*) FROM properties").pluck().get() as number;
      if (seeded || count > 0) return false;
      const sql = fs.readFileSync(seedFile, "utf8");
      db.exec(today ? sql.replaceAll("date('now'", `date('${today.toISOString().slice(0, 10)}'`) : sql);
      db.prepare("INSERT INTO app_meta (key, value) VALUES ('seeded_at', ?)").run(new Date().toISOString());
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

/** Leaves WAL checkpoints (and their fsync) to checkpointWalEvery() elsewhere; this connection checkpoints only as a backstop. */
export function deferWalCheckpoints(db: Db): void {
  db.pragma("wal_autocheckpoint = 20000");
}

/** What a WAL checkpoint reports: frames in the WAL, and how many of them are now in the database file. */
export interface WalCheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

/**
 * Checkpoints the WAL every `everyMs` from its own connection, on the calling thread, and reports
 * each result to `onCheckpoint`. Returns the function that stops it.
 */
export function checkpointWalEvery(dbPath: string, everyMs: number, onCheckpoint?: (r: WalCheckpointResult) => void): () => void {
  const db = new Database(dbPath);
  db.pragma("busy_timeout = 1000");
  const timer = setInterval(() => {
    let result: WalCheckpointResult | undefined;
    try {
      result = passiveCheckpoint(db);
    } catch {
      /* busy: the next tick tries again */
    }
    if (result) onCheckpoint?.(result);
  }, everyMs);
  return () => {
    clearInterval(timer);
    db.close();
  };
}

/**
 * Finishes, on the connection that writes, a checkpoint another connection has nearly completed.
 * While writes never pause, that other connection's checkpoint always ends a few frames short of
 * the WAL's end, and the WAL can only start again from its beginning once a checkpoint has copied
 * all of it. Copying those few frames here costs a short fsync; left alone, the WAL grows until
 * this connection's own backstop checkpoint copies and syncs much more, holding up its writes.
 */
export function finishWalCheckpoint(db: Db): WalCheckpointResult {
  return passiveCheckpoint(db);
}

/** Copies into the database file what of the WAL no reader still needs, without waiting for anyone. */
function passiveCheckpoint(db: Db): WalCheckpointResult {
  const [result] = db.pragma("wal_checkpoint(PASSIVE)") as WalCheckpointResult[];
  return result;
}

/**
 * Whether finishing the checkpoint `r` reported is worth a pause in writing: the WAL has reached
 * `restartFrames` (by default 4,096 frames, 16 MiB of 4 KiB pages: one block of SQLite's WAL
 * index, so lookups stay cheapest) and at most `maxLeft` of its frames remain to be copied.
 */
export function worthFinishing(r: WalCheckpointResult, restartFrames = 4096, maxLeft = 2048): boolean {
  return r.busy === 0 && r.log >= restartFrames && r.log - r.checkpointed <= maxLeft;
}

/**
 * A transaction runner for domain services: synchronous, BEGIN IMMEDIATE, nestable. Inside a
 * transaction already open on the connection it runs as a savepoint, so a change that fails
 * rolls back alone and the enclosing transaction carries on (the tour thread commits a batch of
 * bookings this way).
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
