import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { isAppError } from "../shared/app-error";
import { inlineDelivery, transportFor, type DeliverySettings } from "./mail-delivery";
import type { QueuedMail } from "./outgoing-mail";

/**
 * Runs in a worker thread: renders invites and talks SMTP (or writes .eml files) for the
 * outbox, so that work never competes with HTTP requests. It never touches the database.
 */
const settings = workerData as DeliverySettings & { checkpoint?: { dbPath: string; everyMs: number } };
const delivery = inlineDelivery(transportFor(settings), settings.mailFrom);

// WAL checkpoints (and their fsync) also run here, so the request thread never waits on them.
let checkpointTimer: NodeJS.Timeout | undefined;
if (settings.checkpoint) {
  const db = new Database(settings.checkpoint.dbPath);
  db.pragma("busy_timeout = 1000");
  checkpointTimer = setInterval(() => {
    try {
      db.pragma("wal_checkpoint(PASSIVE)");
    } catch {
      /* busy: the next tick tries again */
    }
  }, settings.checkpoint.everyMs);
}

parentPort!.on("message", (msg: { type: "send"; seq: number; mail: QueuedMail } | { type: "close" }) => {
  if (msg.type === "close") {
    if (checkpointTimer) clearInterval(checkpointTimer);
    void delivery.close().finally(() => parentPort!.postMessage({ type: "closed" }));
    return;
  }
  delivery.deliver(msg.mail).then(
    () => parentPort!.postMessage({ type: "result", seq: msg.seq, ok: true }),
    (err: unknown) =>
      parentPort!.postMessage({
        type: "result",
        seq: msg.seq,
        ok: false,
        code: isAppError(err) ? err.code : "upstream_unavailable",
        message: err instanceof Error ? err.message : String(err),
      }),
  );
});
parentPort!.postMessage({ type: "ready" });
