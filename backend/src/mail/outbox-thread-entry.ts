import { parentPort, workerData } from "node:worker_threads";
import { checkpointWalEvery } from "../db/database";
import { errorFields } from "../shared/app-error";
import { lowerThisThreadsPriority } from "../shared/thread-priority";
import { inlineDelivery, transportFor, type DeliverySettings } from "./mail-delivery";
import type { QueuedMail } from "./outgoing-mail";

/**
 * Runs in a worker thread: renders invites and talks SMTP (or writes .eml files) for the
 * outbox, so that work never competes with HTTP requests. It reads and writes no rows.
 */
// Rendering and sending mail is background work: under load it waits for CPU time that HTTP
// requests and bookings leave free, and catches up when they ease. Queued mail is never dropped.
lowerThisThreadsPriority();
const settings = workerData as DeliverySettings & { checkpoint?: { dbPath: string; everyMs: number } };
const delivery = inlineDelivery(transportFor(settings), settings.mailFrom);

// WAL checkpoints (and their fsync) also run here, so the request thread never waits on them.
// Each result goes to the thread that writes, which may finish the checkpoint (finishWalCheckpoint).
const stopCheckpoints = settings.checkpoint
  ? checkpointWalEvery(settings.checkpoint.dbPath, settings.checkpoint.everyMs, (r) => parentPort!.postMessage({ type: "checkpointed", ...r }))
  : undefined;

parentPort!.on("message", (msg: { type: "send"; seq: number; mail: QueuedMail } | { type: "close" }) => {
  if (msg.type === "close") {
    stopCheckpoints?.();
    void delivery.close().finally(() => parentPort!.postMessage({ type: "closed" }));
    return;
  }
  delivery.deliver(msg.mail).then(
    () => parentPort!.postMessage({ type: "result", seq: msg.seq, ok: true }),
    (err: unknown) => parentPort!.postMessage({ type: "result", seq: msg.seq, ok: false, ...errorFields(err, "upstream_unavailable") }),
  );
});
parentPort!.postMessage({ type: "ready" });
