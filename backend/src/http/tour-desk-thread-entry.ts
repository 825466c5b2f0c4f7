import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config/config";
import { deferWalCheckpoints, openDatabase } from "../db/database";
import { buildBookingCore } from "../main";
import { isAppError } from "../shared/app-error";
import { systemClock } from "../shared/clock";
import { inProcessTourDesk } from "./tour-desk";
import type { FromTourThread, ToTourThread } from "./tour-desk-thread";

/**
 * Runs in the tour thread: its own SQLite connection and booking services. Each change commits
 * here; the booking, or the error, goes back to the server, with a note when mail was queued
 * so the server's outbox sends it.
 */
const port = parentPort!;
const { config } = workerData as { config: Config };
const db = openDatabase(config.dbPath);
// The server's mail thread checkpoints the WAL; commits here never wait on it.
deferWalCheckpoints(db);
let mailQueued = false;
const core = buildBookingCore(db, config, { clock: systemClock, mailClock: systemClock, mailQueued: () => (mailQueued = true) });
const desk = inProcessTourDesk(core.bookings, core.users);
const post = (m: FromTourThread) => port.postMessage(m);

port.on("message", (m: ToTourThread) => {
  if (m.type === "close") {
    db.close();
    post({ type: "closed" });
    return;
  }
  mailQueued = false;
  const run = m.type === "book" ? desk.book(m.request) : m.type === "reschedule" ? desk.reschedule(m.bookingId, m.start) : desk.cancel(m.bookingId);
  run.then(
    (booking) => post({ type: "result", seq: m.seq, ok: true, booking, mailQueued }),
    (err: unknown) =>
      post({
        type: "result",
        seq: m.seq,
        ok: false,
        mailQueued,
        code: isAppError(err) ? err.code : "internal",
        message: err instanceof Error ? err.message : String(err),
        details: isAppError(err) ? err.details : undefined,
        issues: isAppError(err) ? err.issues : undefined,
      }),
  );
});

post({ type: "ready" });
