import type { Logger } from "pino";
import type { SqliteOutboxRepository } from "../db/outbox-repository";
import { isAppError } from "../shared/app-error";
import type { Clock } from "../shared/clock";
import type { MailTransport } from "./transport";

export interface OutboxWorkerOptions {
  pollMs: number;
  maxBackoffMs: number;
  baseBackoffMs?: number;
  concurrency: number;
  /** How long a claimed message stays reserved before another worker may retry it. */
  leaseMs?: number;
  /** Permanent rejections are retried this many times before the message is marked failed. */
  maxPermanentAttempts?: number;
}

/**
 * Sends queued mail after the transaction that queued it has committed. Transient failures
 * (SMTP down, timeouts) are retried forever with exponential backoff up to a cap, so nothing
 * is lost in an outage; every failed attempt is recorded with its reason.
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private deferred: NodeJS.Immediate | undefined;

  constructor(
    private readonly repo: SqliteOutboxRepository,
    private readonly transport: MailTransport,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: OutboxWorkerOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
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

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
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

  /** Sends everything due now; resolves with the number of messages attempted. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const batch = this.repo.claimDue(this.clock.now(), this.options.concurrency * 4, this.options.leaseMs ?? 120_000);
      if (batch.length === 0) return total;
      total += batch.length;
      let next = 0;
      const workers = Array.from({ length: Math.min(this.options.concurrency, batch.length) }, async () => {
        while (next < batch.length) {
          const mail = batch[next++];
          await this.sendOne(mail.id, mail);
        }
      });
      await Promise.all(workers);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    if (this.deferred) clearImmediate(this.deferred);
    this.deferred = undefined;
    await this.running;
    this.transport.close();
  }

  private async loop(): Promise<void> {
    try {
      await this.drain();
    } catch (err) {
      this.log.error({ err }, "outbox: drain failed");
    }
  }

  private async sendOne(id: number, mail: Parameters<MailTransport["send"]>[0] & { attempts: number }): Promise<void> {
    try {
      await this.transport.send(mail);
      this.repo.markSent(id, this.clock.now());
      this.log.info({ outboxId: id, kind: mail.kind }, "outbox: sent");
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      const attempts = mail.attempts + 1;
      const permanent = isAppError(err, "upstream_rejected");
      if (permanent && attempts >= (this.options.maxPermanentAttempts ?? 3)) {
        this.repo.markFailed(id, reason, this.clock.now());
        this.log.error({ outboxId: id, kind: mail.kind, attempts, reason }, "outbox: message rejected, marked failed");
        return;
      }
      const delay = this.backoff(attempts);
      this.repo.markRetry(id, reason, new Date(this.clock.now().getTime() + delay), this.clock.now());
      this.log.warn({ outboxId: id, kind: mail.kind, attempts, retryInMs: delay, reason }, "outbox: send failed, will retry");
    }
  }

  private backoff(attempts: number): number {
    const base = this.options.baseBackoffMs ?? 1000;
    const raw = Math.min(this.options.maxBackoffMs, base * 2 ** Math.min(attempts - 1, 20));
    return Math.round(raw * (0.8 + Math.random() * 0.4));
  }

  private schedule(): void {
    this.clearTimer();
    const due = this.repo.nextDueAt();
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
