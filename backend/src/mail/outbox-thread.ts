import type { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import { AppError, fromErrorFields, type ErrorFields } from "../shared/app-error";
import { closeThread, startThread } from "../shared/start-thread";
import type { WalCheckpointResult } from "../db/database";
import type { DeliverySettings } from "./mail-delivery";
import type { QueuedMail } from "./outgoing-mail";
import type { MailDelivery } from "./outbox-worker";

type Result = { type: "result"; seq: number; ok: true } | ({ type: "result"; seq: number; ok: false } & ErrorFields);

/**
 * A MailDelivery that renders and sends in a worker thread. The outbox worker keeps every
 * database read and write on the main thread (no lock contention); only the message and
 * its outcome cross threads. If the thread dies, its messages fail as transient and are
 * retried by the outbox.
 */
export class OutboxThreadDelivery implements MailDelivery {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private seq = 0;
  private readonly inFlight = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  private closed = false;

  constructor(
    private readonly settings: DeliverySettings & { checkpoint?: { dbPath: string; everyMs: number } },
    private readonly log: Logger,
    /** Called with each WAL checkpoint the thread makes (see `settings.checkpoint`). */
    private readonly onWalCheckpointed?: (r: WalCheckpointResult) => void,
  ) {}

  private ensure(): Promise<void> {
    if (this.ready) return this.ready;
    const { worker, ready } = startThread(new URL("./outbox-thread-entry.ts", import.meta.url), { ...this.settings });
    this.worker = worker;
    this.ready = ready;
    worker.on("message", (m: Result | { type: string }) => {
      if (m.type === "checkpointed") {
        this.onWalCheckpointed?.(m as { type: string } & WalCheckpointResult);
        return;
      }
      if (m.type !== "result") return;
      const r = m as Result;
      const waiter = this.inFlight.get(r.seq);
      if (!waiter) return;
      this.inFlight.delete(r.seq);
      if (r.ok) waiter.resolve();
      else waiter.reject(fromErrorFields(r));
    });
    worker.on("error", (err) => this.log.error({ err }, "outbox thread error"));
    worker.on("exit", (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.ready = undefined;
      for (const [seq, w] of this.inFlight) {
        this.inFlight.delete(seq);
        w.reject(new AppError("upstream_unavailable", `mail thread exited (${code})`));
      }
    });
    return this.ready;
  }

  /** Starts the thread now (it otherwise starts with the first message). */
  warmUp(): void {
    this.ensure().catch((err) => this.log.error({ err }, "outbox thread could not start"));
  }

  async deliver(mail: QueuedMail): Promise<void> {
    if (this.closed) throw new AppError("upstream_unavailable", "mail thread is stopping");
    try {
      await this.ensure();
    } catch (err) {
      this.ready = undefined;
      throw new AppError("upstream_unavailable", `mail thread could not start: ${(err as Error).message}`, { cause: err });
    }
    const seq = ++this.seq;
    return new Promise<void>((resolve, reject) => {
      this.inFlight.set(seq, { resolve, reject });
      this.worker!.postMessage({ type: "send", seq, mail });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    await closeThread(worker, 5000);
    this.worker = undefined;
  }
}
