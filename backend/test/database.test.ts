import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, type Db } from "../src/db/database";

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
