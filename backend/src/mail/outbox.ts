import type { Logger } from "pino";
import { AppError, isAppError } from "../shared/app-error";
import type { Clock } from "../shared/clock";
import { renderQueuedMail } from "./mail-renderer";
import type { MailOutbox, OutgoingMail, QueuedMail } from "./outgoing-mail";
import type { MailTransport } from "./transport";

/** Where queued mail is kept (the SQLite outbox table). */
export interface OutboxStore {
  enqueue(mail: OutgoingMail, now: Date): number;
  /** Takes up to `limit` due messages and leases them for `leaseMs`, so no other process sends them. */
  claimDue(now: Date, limit: number, leaseMs: number): QueuedMail[];
  markSentMany(ids: readonly number[], now: Date): void;
  markRetry(id: number, error: string, nextAttemptAt: Date, now: Date): void;
  markFailed(id: number, error: string, now: Date): void;
  nextDueAt(): Date | null;
}

export interface OutboxOptions {
  pollMs: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How long a claimed message stays reserved before another process may retry it. */
  leaseMs: number;
}

/** Messages sent at once; the rest of a batch waits for a free lane. */
const LANES = 4;
const BATCH = LANES * 4;
/** Permanent rejections are retried this many times before the message is marked failed. */
const MAX_PERMANENT_ATTEMPTS = 3;

/**
 * The mail outbox. Mail is queued inside the transaction of the change it reports and sent
 * after that transaction commits. Transient failures (SMTP down, timeouts, a full disk) are
 * retried with exponential backoff up to a cap, so nothing is lost in an outage; every attempt
 * is recorded with its outcome. A message claimed by a process that dies is sent again once
 * its lease runs out: at least once, never lost.
 */
export class Outbox implements MailOutbox {
  private timer: NodeJS.Timeout | undefined;
  private deferred: NodeJS.Immediate | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private stopping = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly transport: MailTransport,
    private readonly from: { name: string; address: string },
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: OutboxOptions,
  ) {}

  /** Queues a message; call inside the transaction of the change it reports. */
  enqueue(mail: OutgoingMail): number {
    const id = this.store.enqueue(mail, this.clock.now());
    this.nudge();
    return id;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    this.nudge();
  }

  /**
   * Looks at the outbox soon. Deferred to a later tick, so a nudge from inside a transaction
   * never reads rows that are not committed yet.
   */
  nudge(): void {
    if (this.stopped || this.deferred) return;
    this.deferred = setImmediate(() => {
      this.deferred = undefined;
      this.kick();
    });
  }

  /** Sends everything due now; resolves with the number of messages attempted. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      // A stopping outbox finishes the batch it holds, not the whole backlog.
      if (this.stopping) return total;
      const n = await this.sendBatch();
      total += n;
      if (n < BATCH) return total;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    this.clearTimer();
    if (this.deferred) clearImmediate(this.deferred);
    this.deferred = undefined;
    await this.running;
    this.transport.close();
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.clearTimer();
    this.running = this.drain()
      .then(
        () => undefined,
        (err: unknown) => this.log.error({ err }, "outbox: drain failed"),
      )
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
        } else {
          this.schedule();
        }
      });
  }

  /** Claims one batch of due messages, sends it, records the outcomes; resolves with its size. */
  private async sendBatch(): Promise<number> {
    const batch = this.store.claimDue(this.clock.now(), BATCH, this.options.leaseMs);
    if (batch.length === 0) return 0;
    let next = 0;
    const sent: number[] = [];
    const lanes = Array.from({ length: Math.min(LANES, batch.length) }, async () => {
      while (next < batch.length) {
        const mail = batch[next++];
        if (await this.sendOne(mail)) sent.push(mail.id);
      }
    });
    try {
      await Promise.all(lanes);
    } finally {
      // One transaction records the batch's sent messages.
      this.store.markSentMany(sent, this.clock.now());
    }
    return batch.length;
  }

  /** Sends one message; true when it went out (the caller records it), false when a failure was recorded. */
  private async sendOne(mail: QueuedMail): Promise<boolean> {
    try {
      await this.transport.send(this.render(mail));
      this.log.info({ outboxId: mail.id, kind: mail.kind }, "outbox: sent");
      return true;
    } catch (err) {
      this.recordFailure(mail, err);
      return false;
    }
  }

  private render(mail: QueuedMail) {
    try {
      return renderQueuedMail(mail, { from: this.from });
    } catch (err) {
      if (isAppError(err)) throw err;
      throw new AppError("validation", `Cannot render message: ${(err as Error).message}`, { cause: err });
    }
  }

  private recordFailure(mail: QueuedMail, err: unknown): void {
    const reason = err instanceof Error ? err.message : String(err);
    const attempts = mail.attempts + 1;
    const now = this.clock.now();
    const entry = { outboxId: mail.id, kind: mail.kind, attempts, reason };
    if (isAppError(err, "validation")) {
      this.store.markFailed(mail.id, reason, now);
      this.log.error(entry, "outbox: message cannot be built, marked failed");
    } else if (isAppError(err, "upstream_rejected") && attempts >= MAX_PERMANENT_ATTEMPTS) {
      this.store.markFailed(mail.id, reason, now);
      this.log.error(entry, "outbox: message rejected, marked failed");
    } else {
      const delay = this.backoff(attempts);
      this.store.markRetry(mail.id, reason, new Date(now.getTime() + delay), now);
      this.log.warn({ ...entry, retryInMs: delay }, "outbox: send failed, will retry");
    }
  }

  private backoff(attempts: number): number {
    const raw = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** Math.min(attempts - 1, 20));
    return Math.round(raw * (0.8 + Math.random() * 0.4));
  }

  private schedule(): void {
    this.clearTimer();
    const due = this.store.nextDueAt();
    let wait = this.options.pollMs;
    if (due) wait = Math.max(10, Math.min(wait, due.getTime() - this.clock.now().getTime()));
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
