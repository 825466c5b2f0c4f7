import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { deferWalCheckpoints, finishWalCheckpoint, openDatabase, worthFinishing, type Db, type WalCheckpointResult } from "../src/db/database";
import { tempDir } from "./support/temp-dir";

/** Files this process holds open that SQLite created as temporary files (named etilqs_*). */
function openSqliteTempFiles(): string[] {
  return fs
    .readdirSync("/proc/self/fd")
    .map((fd) => {
      try {
        return fs.readlinkSync(`/proc/self/fd/${fd}`);
      } catch {
        return "";
      }
    })
    .filter((target) => target.includes("etilqs_"));
}

describe("openDatabase", () => {
  let dir: string | undefined;
  let db: Db | undefined;
  afterEach(() => {
    db?.close();
    db = undefined;
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it.runIf(process.platform === "linux")("keeps savepoint journals in memory, however much a savepoint changes", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "l2l-db-"));
    db = openDatabase(path.join(dir, "app.sqlite"));
    const d = db;
    d.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL)");
    const insert = d.prepare("INSERT INTO filler (body) VALUES (?)");
    d.transaction(() => {
      for (let i = 0; i < 200; i++) insert.run(Buffer.alloc(2000, i));
    })();

    const seen: string[][] = [];
    // A savepoint inside a transaction, as each change of a tour batch is: it rewrites every page
    // of the table (far past the 64 KiB SQLite otherwise keeps in memory before spilling to a file).
    const batch = d.transaction(() => {
      d.transaction(() => {
        d.prepare("UPDATE filler SET body = zeroblob(2000)").run();
        seen.push(openSqliteTempFiles());
      })();
      seen.push(openSqliteTempFiles());
    });
    batch.immediate();

    expect(seen).toEqual([[], []]);
    expect(d.pragma("temp_store", { simple: true })).toBe(2);
    expect(d.prepare("SELECT count(*) FROM filler WHERE body = zeroblob(2000)").pluck().get()).toBe(200);
  });
});

/** The WAL's checkpoint sequence number (bytes 12–15 of its header): it goes up each time the WAL starts again from its beginning. */
function walRestarts(file: string): number {
  const header = Buffer.alloc(32);
  const fd = fs.openSync(`${file}-wal`, "r");
  try {
    fs.readSync(fd, header, 0, 32, 0);
  } finally {
    fs.closeSync(fd);
  }
  return header.readUInt32BE(12);
}

describe("finishing a WAL checkpoint on the writing connection", () => {
  it("lets the WAL start again from its beginning, which another connection's checkpoint alone does not while writes go on", () => {
    const file = path.join(tempDir("l2l-wal-"), "wal.db");
    const writer = openDatabase(file);
    const other = new Database(file);
    try {
      deferWalCheckpoints(writer);
      writer.exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
      const insert = writer.prepare("INSERT INTO filler (body) VALUES (?)");
      const page = "x".repeat(3000);
      for (let i = 0; i < 300; i++) insert.run(page);
      const start = walRestarts(file);

      // The other connection's checkpoint copies the WAL only as far as a reader's snapshot, the
      // way commits made while a checkpoint runs are left for the next one.
      const reader = new Database(file);
      reader.exec("BEGIN");
      reader.prepare("SELECT count(*) FROM filler").get();
      insert.run(page);
      insert.run(page);
      const [nearly] = other.pragma("wal_checkpoint(PASSIVE)") as WalCheckpointResult[];
      reader.exec("COMMIT");
      reader.close();
      expect(nearly.checkpointed).toBeLessThan(nearly.log);
      // Later commits cannot start the WAL again: not all of it is in the database file.
      insert.run(page);
      expect(walRestarts(file)).toBe(start);

      expect(worthFinishing(nearly, 300, 50)).toBe(true);
      const finished = finishWalCheckpoint(writer);
      expect(finished.checkpointed).toBe(finished.log);
      insert.run(page);
      expect(walRestarts(file)).toBe(start + 1);
      expect(writer.prepare("SELECT count(*) FROM filler").pluck().get()).toBe(304);
    } finally {
      other.close();
      writer.close();
    }
  });

  it("is worth it only for a long WAL with few frames left to copy", () => {
    expect(worthFinishing({ busy: 0, log: 5000, checkpointed: 4900 })).toBe(true);
    expect(worthFinishing({ busy: 0, log: 1000, checkpointed: 990 })).toBe(false);
    expect(worthFinishing({ busy: 0, log: 9000, checkpointed: 1000 })).toBe(false);
    expect(worthFinishing({ busy: 1, log: 5000, checkpointed: 4900 })).toBe(false);
  });
});
