import { parentPort, workerData } from "node:worker_threads";
import type { Config } from "../config/config";
import { openDatabase } from "../db/database";
import { buildBookingCore, buildOutbox } from "../main";
import { errorFields } from "../shared/app-error";
import { systemClock } from "../shared/clock";
import { createLogger } from "../shared/logger";
import { inProcessTourDesk } from "./tour-desk";
import type { FromTourThread, ToTourThread } from "./tour-desk-thread";

/**
 * Runs in the tour thread: its own SQLite connection, the booking services and the outbox.
 * Each change commits here and its booking, or its error, goes back to the server. Mail queued
 * here is claimed and recorded on this connection and rendered and sent by the mail thread.
 */
const port = parentPort!;
const { config } = workerData as { config: Config };
const log = createLogger(config.logLevel);
const db = openDatabase(config.dbPath);
// Mail is announced only after a commit, by which time the outbox below exists.
const core = buildBookingCore(db, config, { clock: systemClock, mailClock: systemClock, mailQueued: () => outbox.nudge() });
const outbox = buildOutbox(db, config, core.outboxRepo, log, systemClock);
outbox.start();
const desk = inProcessTourDesk(core.bookings, core.users);
const post = (m: FromTourThread) => port.postMessage(m);

port.on("message", (m: ToTourThread) => {
  switch (m.type) {
    case "close":
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
  const run = m.type === "book" ? desk.book(m.request) : m.type === "reschedule" ? desk.reschedule(m.bookingId, m.start) : desk.cancel(m.bookingId);
  run.then(
    (booking) => post({ type: "result", seq: m.seq, ok: true, booking }),
    (err: unknown) => post({ type: "result", seq: m.seq, ok: false, ...errorFields(err) }),
  );
});

post({ type: "ready" });
