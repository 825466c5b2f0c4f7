import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config/config";
import { finishWalCheckpoint, openDatabase, worthFinishing, type WalCheckpointResult } from "../db/database";
import { buildBookingCore, buildOutbox } from "../main";
import { errorFields } from "../shared/app-error";
import { RecentCount } from "../shared/recent-count";
import { systemClock } from "../shared/clock";
import { createLogger } from "../shared/logger";
import { applyTourChange } from "./tour-desk";
import type { ChangeResult, FromTourThread, QueuedChange, ToTourThread } from "./tour-desk-thread";

/**
 * Runs in the tour thread: its own SQLite connection, the booking services and the outbox.
 * Changes that arrive together commit together (group commit): one transaction, each change a
 * savepoint of its own, so one that fails (a slot just taken) rolls back alone. Their bookings,
 * or errors, go back to the server only after that commit. Mail queued here is claimed and
 * recorded on this connection and rendered and sent by the mail thread.
 */
const port = parentPort!;
const { config } = workerData as { config: Config };
const log = createLogger(config.logLevel);
const db = openDatabase(config.dbPath);
// Mail is announced only after a commit, by which time the outbox below exists.
const core = buildBookingCore(db, config, { clock: systemClock, mailClock: systemClock, mailQueued: () => outbox.nudge() });

/**
 * Tour changes arriving faster than about 150 a second (20 in 100–200 ms) are a burst no
 * property's site sees in normal use. During one, mail goes out at MAIL_PER_SECOND_IN_BURST:
 * rendering confirmations at full speed would take every spare CPU cycle, and bookings would wait
 * for the CPU behind it. Once the burst ends, the backlog is sent at full speed; nothing is lost.
 */
const BURST_CHANGES = 20;
const MAIL_PER_SECOND_IN_BURST = 100;
const recentChanges = new RecentCount(100);
const outbox = buildOutbox(db, config, core.outboxRepo, log, systemClock, {
  pacing: { busy: () => recentChanges.count() >= BURST_CHANGES, messagesPerSecond: MAIL_PER_SECOND_IN_BURST },
  onWalCheckpointed: walCheckpointed,
});

let finishing = false;

/** The mail thread checkpointed: a long WAL it has nearly copied is finished here, between two commits. */
function walCheckpointed(r: WalCheckpointResult): void {
  if (finishing || !worthFinishing(r)) return;
  finishing = true;
  // After the changes already queued: they are committed first.
  setImmediate(() => {
    finishing = false;
    // Closed in the meantime: the next start checkpoints as usual.
    if (!db.open) return;
    try {
      finishWalCheckpoint(db);
    } catch (err) {
      log.warn({ err }, "WAL checkpoint could not be finished; the next one will try again");
    }
  });
}

outbox.start();
const post = (m: FromTourThread) => port.postMessage(m);

/** The most changes one commit takes; the rest wait for the next. */
const MAX_CHANGES_PER_COMMIT = 64;

const commitTogether = db.transaction((changes: QueuedChange[]): ChangeResult[] =>
  changes.map(({ seq, change }) => {
    try {
      return { seq, ok: true, booking: applyTourChange(core.bookings, core.users, change) };
    } catch (err) {
      return { seq, ok: false, ...errorFields(err) };
    }
  }),
);

const waiting: QueuedChange[] = [];
let scheduled = false;

function commitWaiting(): void {
  scheduled = false;
  const changes = waiting.splice(0, MAX_CHANGES_PER_COMMIT);
  // Closing commits what is waiting at once; a commit it had scheduled then finds nothing.
  if (changes.length === 0) return;
  if (waiting.length) schedule();
  recentChanges.add(changes.length);
  let results: ChangeResult[];
  try {
    results = commitTogether.immediate(changes);
  } catch (err) {
    // The batch's own BEGIN or COMMIT failed: none of its changes was made.
    log.error({ err, changes: changes.length }, "tour changes could not be committed");
    results = changes.map(({ seq }) => ({ seq, ok: false, ...errorFields(err) }));
  }
  post({ type: "results", results });
}

function schedule(): void {
  if (scheduled) return;
  scheduled = true;
  // After every message that has already arrived has been queued.
  setImmediate(commitWaiting);
}

port.on("message", (m: ToTourThread) => {
  switch (m.type) {
    case "change":
      waiting.push({ seq: m.seq, change: m.change });
      schedule();
      return;
    case "close":
      // Messages arrive in order: every change sent before the close is already waiting.
      while (waiting.length) commitWaiting();
      void outbox.stop().finally(() => {
        db.close();
        post({ type: "closed" });
      });
      return;
    case "nudge":
      outbox.nudge();
      return;
    case "drain":
      outbox.drain().then(
        (count) => post({ type: "drained", seq: m.seq, count }),
        (err: unknown) => post({ type: "drained", seq: m.seq, count: 0, error: err instanceof Error ? err.message : String(err) }),
      );
      return;
  }
});

post({ type: "ready" });
