import type { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { Config } from "../config/config";
import type { OutboxRunner } from "../mail/outbox-worker";
import type { Booking } from "../domain/bookings/booking";
import { AppError, fromErrorFields, type ErrorFields } from "../shared/app-error";
import { closeThread, startThread } from "../shared/start-thread";
import type { TourChange, TourDesk, TourRequest } from "./tour-desk";

/** A change on its way to the thread, numbered so its answer finds its caller. */
export interface QueuedChange {
  seq: number;
  change: TourChange;
}

export type ChangeResult = { seq: number; ok: true; booking: Booking } | ({ seq: number; ok: false } & ErrorFields);

export type ToTourThread =
  | ({ type: "change" } & QueuedChange)
  | { type: "nudge" }
  | { type: "drain"; seq: number }
  | { type: "close" };

export type FromTourThread =
  | { type: "ready" }
  | { type: "closed" }
  | { type: "drained"; seq: number; count: number; error?: string }
  | { type: "results"; results: ChangeResult[] };

export interface TourDeskThreadOptions {
  config: Config;
  log: Logger;
}

/**
 * Books, moves and cancels tours on a worker thread with its own SQLite connection, so the
 * thread that serves HTTP only parses requests and writes answers. The thread commits the changes
 * that arrive together in one transaction, in the order they were sent, each a savepoint of its
 * own, and answers them in one message; double bookings stay impossible because SQLite decides
 * them (a unique index on confirmed slots), whichever connection commits. The thread also runs
 * the outbox: it claims and records mail on the same connection (its mail thread renders and
 * sends), so the request thread never waits on SQLite's write lock for either. If the thread
 * dies, the changes it held fail with a clear error and it is started again for the next change
 * or queued message; mail it had claimed is sent again once its lease runs out.
 */
export class TourDeskThread implements TourDesk {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private seq = 0;
  private closed = false;
  private readonly pending = new Map<number, { resolve: (b: Booking) => void; reject: (e: Error) => void }>();
  private readonly drains = new Map<number, { resolve: (n: number) => void; reject: (e: Error) => void }>();

  constructor(private readonly o: TourDeskThreadOptions) {}

  /** Starts the thread; resolves when it can take changes. */
  start(): Promise<void> {
    if (this.ready) return this.ready;
    const { worker, ready } = startThread(new URL("./tour-desk-thread-entry.ts", import.meta.url), { config: this.o.config });
    this.worker = worker;
    this.ready = ready;
    worker.on("message", (m: FromTourThread) => {
      if (m.type === "drained") {
        const d = this.drains.get(m.seq);
        this.drains.delete(m.seq);
        if (m.error) d?.reject(new AppError("upstream_unavailable", m.error));
        else d?.resolve(m.count);
        return;
      }
      if (m.type !== "results") return;
      for (const r of m.results) {
        const waiter = this.pending.get(r.seq);
        if (!waiter) continue;
        this.pending.delete(r.seq);
        if (r.ok) waiter.resolve(r.booking);
        else waiter.reject(fromErrorFields(r));
      }
    });
    worker.on("error", (err) => this.o.log.error({ err }, "tour thread error"));
    worker.on("exit", (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.ready = undefined;
      if (this.pending.size) this.o.log.error({ code, pending: this.pending.size }, "tour thread exited with changes in flight");
      for (const [seq, w] of this.pending) {
        this.pending.delete(seq);
        w.reject(new AppError("upstream_unavailable", "The booking service restarted before answering. Please check your tours and try again."));
      }
      for (const [seq, d] of this.drains) {
        this.drains.delete(seq);
        d.reject(new AppError("upstream_unavailable", `tour thread exited (${code})`));
      }
    });
    ready.catch(() => {
      if (this.worker === worker) {
        this.worker = undefined;
        this.ready = undefined;
      }
    });
    return ready;
  }

  book(request: TourRequest): Promise<Booking> {
    return this.call({ type: "book", request });
  }

  reschedule(bookingId: number, start: Date): Promise<Booking> {
    return this.call({ type: "reschedule", bookingId, start });
  }

  cancel(bookingId: number): Promise<Booking> {
    return this.call({ type: "cancel", bookingId });
  }

  /** Mail was queued (by any thread): the outbox should look now. */
  nudgeOutbox(): void {
    if (this.closed) return;
    if (this.worker) {
      this.worker.postMessage({ type: "nudge" } satisfies ToTourThread);
      return;
    }
    // A thread that died, or never started: starting it sends everything due.
    this.start().catch((err) => this.o.log.error({ err }, "tour thread could not start; queued mail waits for the next attempt"));
  }

  /** The outbox as the rest of the server sees it: the thread runs it from its start to its close. */
  outbox(): OutboxRunner {
    return {
      start: () => {},
      nudge: () => this.nudgeOutbox(),
      drain: async () => {
        await this.start();
        const seq = ++this.seq;
        return new Promise<number>((resolve, reject) => {
          this.drains.set(seq, { resolve, reject });
          this.worker!.postMessage({ type: "drain", seq } satisfies ToTourThread);
        });
      },
      stop: async () => {},
    };
  }

  private async call(c: TourChange): Promise<Booking> {
    if (this.closed) throw new AppError("upstream_unavailable", "The server is shutting down. Please try again in a moment.");
    if (!this.worker) {
      try {
        await this.start();
      } catch (err) {
        throw new AppError("upstream_unavailable", "The booking service is starting. Please try again in a moment.", { cause: err });
      }
    }
    const seq = ++this.seq;
    return new Promise<Booking>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      this.worker!.postMessage({ type: "change", seq, change: c } satisfies ToTourThread);
    });
  }

  /** Lets the changes in flight and the outbox's current batch finish, then stops the thread. */
  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    if (!worker) return;
    // Messages are handled in order: every change sent before the close is answered first.
    await closeThread(worker, 10_000);
    this.worker = undefined;
  }
}
