import type Database from "better-sqlite3";
import type { Db } from "./database";

/**
 * How long the server's request thread trusts the catalogue version it read, outside a
 * transaction. It is the thread that edits the catalogue (staff console), and its own edits show
 * at once; threads that only read the catalogue check the version every time.
 */
export const CATALOG_RECHECK_MS = 250;

/**
 * The catalogue's version (migration 0005: it moves when any connection, thread or process
 * changes listings or tour hours), read for caches of the catalogue.
 *
 * Every read outside a transaction is a read transaction of its own, which costs a request a
 * noticeable share of its time under load. So a connection may trust the last version it read
 * for `recheckMs` outside a transaction (0, the default: read it every time); a change made
 * through another connection then shows within that. Inside a transaction (booking a tour) the
 * version is always read, so a change committed before the transaction began is always seen;
 * `changed()` makes this connection's own writes show at once.
 */
export class CatalogVersion {
  private readonly read: Database.Statement<[], number>;
  private version = -1;
  private readAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly db: Db,
    private readonly recheckMs = 0,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.read = db.prepare<[], number>("SELECT version FROM catalog_version WHERE id = 1").pluck();
  }

  current(): number {
    const now = this.now();
    if (this.db.inTransaction || now - this.readAt >= this.recheckMs) {
      this.version = this.read.get() as number;
      this.readAt = this.db.inTransaction ? Number.NEGATIVE_INFINITY : now;
    }
    return this.version;
  }

  /** This connection changed the catalogue: the next read goes to the database. */
  changed(): void {
    this.readAt = Number.NEGATIVE_INFINITY;
  }
}
