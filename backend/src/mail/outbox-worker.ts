import type { Logger } from "pino";
import type { SqliteOutboxRepository } from "../db/outbox-repository";
import { isAppError } from "../shared/app-error";
import type { Clock } from "../shared/clock";
import type { QueuedMail } from "./outgoing-mail";

/** Anything that sends the outbox. */
export interface OutboxRunner {
  start(): void;
  /** Look at the outbox soon, for example right after a commit. */
  nudge(): void;
  /** Sends everything due now. */
  drain(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Renders and sends one queued message. Throws AppError `upstream_unavailable` for a
 * transient failure, `upstream_rejected` when the server refuses it, `validation` when the
 * message cannot be rendered.
 */
export interface MailDelivery {
  deliver(mail: QueuedMail): Promise<void>;
  close(): Promise<void>;
}

export interface OutboxWorkerOptions {
  pollMs: number;
  maxBackoffMs: number;
  baseBackoffMs?: number;
  concurrency: number;
  /** How long a claimed message stays reserved before another worker may retry it. */
  leaseMs?: number;
  /** Permanent rejections are retried this many times before the message is marked failed. */
  maxPermanentAttempts?: number;
  /** Yields mail to more urgent work on the machine while that work is heavy (see OutboxPacing). */
  pacing?: OutboxPacing;
}

/**
 * While `busy()` says so (for example, while bookings arrive faster than a property manager's
 * site ever sees), the background loop sends at most `messagesPerSecond`: rendering and sending
 * mail would otherwise take every spare CPU cycle, and the threads that answer requests would
 * wait for the CPU behind it. Nothing is dropped or reordered; the backlog goes out at full speed
 * once `busy()` turns false. An explicit drain() is never paced.
 */
export interface OutboxPacing {
  busy(): boolean;
  messagesPerSecond: number;
}

/**
 * Sends queued mail after the transaction that queued it has committed. Transient failures
 * (SMTP down, timeouts) are retried forever with exponential backoff up to a cap, so nothing
 * is lost in an outage; every attempt is recorded with its outcome. All database access stays
 * on this thread; the delivery may render and send elsewhere (see OutboxThreadDelivery).
 */
export class OutboxWorker implements OutboxRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private stopping = false;
  private deferred: NodeJS.Immediate | undefined;
  /** While paced: the time (performance.now()) before which no further batch is claimed. */
  private pausedUntil = 0;

  constructor(
    private readonly repo: SqliteOutboxRepository,
    private readonly delivery: MailDelivery,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: OutboxWorkerOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.stopping = false;
    this.nudge();
  }

  /**
   * Asks the worker to look at the outbox soon. Deferred to a later tick, so a nudge from
   * inside a transaction never reads rows that are not committed yet.
   */
  nudge(): void {
    if (this.stopped || this.deferred) return;
    this.deferred = setImmediate(() => {
      this.deferred = undefined;
      this.kick();
    });
  }

  /** Sends everything due now; resolves with the number of messages attempted. */
  drain(): Promise<number> {
    return this.sendDue(false);
  }

  /** Sends batches until one comes back short; paced, it also stops where the pacing says to wait. */
  private async sendDue(paced: boolean): Promise<number> {
    let total = 0;
    for (;;) {
      // A stopping worker finishes the batch it holds, not the whole backlog.
      if (this.stopping || (paced && this.pauseMs() > 0)) return total;
      const n = await this.sendBatch();
      total += n;
      if (paced) this.spend(n);
      if (n < this.batchLimit()) return total;
    }
  }

  private batchLimit(): number {
    return this.options.concurrency * 4;
  }

  /** Claims one batch of due messages, sends it, records the outcomes; resolves with its size. */
  private async sendBatch(): Promise<number> {
    const batch = this.repo.claimDue(this.clock.now(), this.batchLimit(), this.options.leaseMs ?? 120_000);
    if (batch.length === 0) return 0;
    let next = 0;
    const sent: number[] = [];
    const lanes = Array.from({ length: Math.min(this.options.concurrency, batch.length) }, async () => {
      while (next < batch.length) {
        const mail = batch[next++];
        if (await this.sendOne(mail)) sent.push(mail.id);
      }
    });
    try {
      await Promise.all(lanes);
    } finally {
      // One transaction records the whole batch. A crash before it means those messages
      // are sent again once their lease runs out: at least once, never lost.
      this.repo.markSentMany(sent, this.clock.now());
    }
    return batch.length;
  }

  /** How long the background loop waits before its next batch; 0 when it may go on now. */
  private pauseMs(): number {
    const pacing = this.options.pacing;
    if (!pacing) return 0;
    const wait = this.pausedUntil - performance.now();
    return wait > 0 && pacing.busy() ? wait : 0;
  }

  /** A batch of `count` went out: while busy, the next waits the time those messages are allowed. */
  private spend(count: number): void {
    const pacing = this.options.pacing;
    if (!pacing) return;
    if (!pacing.busy()) {
      this.pausedUntil = 0;
      return;
    }
    this.pausedUntil = Math.max(this.pausedUntil, performance.now()) + (count * 1000) / pacing.messagesPerSecond;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    this.clearTimer();
    if (this.deferred) clearImmediate(this.deferred);
    this.deferred = undefined;
    await this.running;
    await this.delivery.close();
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    // Paced: the timer set for the end of the pause sends the next batch.
    if (this.timer && this.pauseMs() > 0) return;
    this.clearTimer();
    this.running = this.loop().finally(() => {
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

  private async loop(): Promise<void> {
    try {
      await this.sendDue(true);
    } catch (err) {
      this.log.error({ err }, "outbox: drain failed");
    }
  }

  /** Sends one message; true when it went out (the caller records it), false when a failure was recorded. */
  private async sendOne(mail: QueuedMail): Promise<boolean> {
    try {
      await this.delivery.deliver(mail);
      this.log.info({ outboxId: mail.id, kind: mail.kind }, "outbox: sent");
      return true;
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const attempts = mail.attempts + 1;
      if (isAppError(err, "validation")) {
        this.repo.markFailed(mail.id, reason, this.clock.now());
        this.log.error({ outboxId: mail.id, kind: mail.kind, reason }, "outbox: message cannot be built, marked failed");
        return false;
      }
      if (isAppError(err, "upstream_rejected") && attempts >= (this.options.maxPermanentAttempts ?? 3)) {
        this.repo.markFailed(mail.id, reason, this.clock.now());
        this.log.error({ outboxId: mail.id, kind: mail.kind, attempts, reason }, "outbox: message rejected, marked failed");
        return false;
      }
      const delay = this.backoff(attempts);
      this.repo.markRetry(mail.id, reason, new Date(this.clock.now().getTime() + delay), this.clock.now());
      this.log.warn({ outboxId: mail.id, kind: mail.kind, attempts, retryInMs: delay, reason }, "outbox: send failed, will retry");
      return false;
    }
  }

  private backoff(attempts: number): number {
    const base = this.options.baseBackoffMs ?? 1000;
    const raw = Math.min(this.options.maxBackoffMs, base * 2 ** Math.min(attempts - 1, 20));
    return Math.round(raw * (0.8 + Math.random() * 0.4));
  }

  private schedule(): void {
    this.clearTimer();
    const pause = this.pauseMs();
    const due = this.repo.nextDueAt();
    let wait = this.options.pollMs;
    if (due) wait = Math.max(10, Math.min(wait, due.getTime() - this.clock.now().getTime()));
    // Paced: due mail waits for the end of the pause (mail not yet due may wait longer).
    if (pause > 0) wait = Math.max(wait, Math.ceil(pause));
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
