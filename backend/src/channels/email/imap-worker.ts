import { ImapFlow } from "imapflow";
import type { Logger } from "pino";
import type { SqliteInboundRepository } from "../../db/inbound-repository";
import type { Clock } from "../../shared/clock";
import type { EmailPipeline } from "./email-pipeline";

export interface ImapSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  pass: string;
  mailbox: string;
  pollMs: number;
  lookbackDays: number;
}

/** Messages handled at once: a model call takes about a second, so a backlog moves in parallel. */
export const MAIL_LANES = 4;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads the inbox: waits for new mail with IDLE (and polls as a fallback), fetches unread
 * messages of the last days without marking them read (BODY.PEEK), hands each to the
 * pipeline, and sets \Seen only after the pipeline has committed. Reconnects with backoff
 * after a dropped connection or a server restart.
 */
export class ImapMailWorker {
  private stopped = true;
  private client: ImapFlow | undefined;
  private loopDone: Promise<void> | undefined;
  private scanning: Promise<void> | undefined;
  private rescan = false;
  private readonly inFlight = new Set<number>();
  private readonly retryAt = new Map<number, number>();
  private pollTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly s: ImapSettings,
    private readonly pipeline: EmailPipeline,
    private readonly inbound: SqliteInboundRepository,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    const c = this.client;
    if (c) await c.logout().catch(() => c.close());
    await this.scanning?.catch(() => undefined);
    await this.loopDone;
  }

  private async loop(): Promise<void> {
    let backoff = 500;
    while (!this.stopped) {
      const started = performance.now();
      try {
        await this.session();
      } catch (err) {
        if (!this.stopped) this.log.warn({ err: (err as Error).message, code: (err as { code?: string }).code }, "imap: connection failed");
      }
      if (this.stopped) break;
      if (performance.now() - started > 30_000) backoff = 500;
      const wait = Math.round(backoff * (0.8 + Math.random() * 0.4));
      this.log.info({ retryInMs: wait }, "imap: reconnecting");
      await sleep(wait);
      backoff = Math.min(backoff * 2, 60_000);
    }
  }

  private async session(): Promise<void> {
    const client = new ImapFlow({
      host: this.s.host,
      port: this.s.port,
      secure: this.s.secure,
      auth: { user: this.s.user, pass: this.s.pass },
      logger: false,
      socketTimeout: 5 * 60_000,
    });
    this.client = client;
    const closed = new Promise<void>((resolve) => client.once("close", () => resolve()));
    client.on("error", (err: Error) => this.log.warn({ err: err.message }, "imap: connection error"));
    await client.connect();
    const lock = await client.getMailboxLock(this.s.mailbox);
    try {
      const mailbox = client.mailbox;
      const uidValidity = mailbox ? String(mailbox.uidValidity) : "0";
      const previous = this.inbound.swapUidValidity(this.s.mailbox, uidValidity, this.clock.now().toISOString());
      if (previous && previous !== uidValidity) {
        // UIDs start over; messages are matched by Message-ID, so nothing is redone or skipped.
        this.log.warn({ mailbox: this.s.mailbox, previous, uidValidity }, "imap: UIDVALIDITY changed");
      }
      this.log.info({ mailbox: this.s.mailbox }, "imap: connected, watching for new mail");
      client.on("exists", () => this.requestScan(client, uidValidity));
      if (this.pollTimer) clearInterval(this.pollTimer);
      this.pollTimer = setInterval(() => this.requestScan(client, uidValidity), this.s.pollMs);
      this.pollTimer.unref();
      this.requestScan(client, uidValidity);
      await closed;
    } finally {
      if (this.pollTimer) clearInterval(this.pollTimer);
      try {
        lock.release();
      } catch {
        /* connection already gone */
      }
      this.client = undefined;
    }
  }

  private requestScan(client: ImapFlow, uidValidity: string): void {
    if (this.stopped || !client.usable) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    this.scanning = this.scan(client, uidValidity)
      .catch((err) => this.log.warn({ err: (err as Error).message }, "imap: scan failed"))
      .finally(() => {
        this.scanning = undefined;
        if (this.rescan && !this.stopped) {
          this.rescan = false;
          this.requestScan(client, uidValidity);
        }
      });
  }

  private async scan(client: ImapFlow, uidValidity: string): Promise<void> {
    const since = new Date(this.clock.now().getTime() - this.s.lookbackDays * 86_400_000);
    const found = await client.search({ seen: false, since }, { uid: true });
    const now = performance.now();
    const uids = (found || []).filter((u) => !this.inFlight.has(u) && (this.retryAt.get(u) ?? 0) <= now);
    let next = 0;
    const lanes = Array.from({ length: Math.min(MAIL_LANES, uids.length) }, async () => {
      while (next < uids.length && !this.stopped && client.usable) {
        const uid = uids[next++];
        await this.handle(client, uid, uidValidity);
      }
    });
    await Promise.all(lanes);
  }

  private async handle(client: ImapFlow, uid: number, uidValidity: string): Promise<void> {
    this.inFlight.add(uid);
    try {
      const message = await client.fetchOne(String(uid), { source: true, uid: true }, { uid: true });
      // biome-ignore lint/complexity/useOptionalChain: imapflow answers false or undefined when the message is gone
      if (!message || !message.source) return;
      await this.pipeline.process(message.source, { mailbox: this.s.mailbox, uid, uidValidity });
      // Only after the outcome is committed.
      await client.messageFlagsAdd(String(uid), ["\\Seen"], { uid: true });
      this.retryAt.delete(uid);
    } catch (err) {
      const attempt = (this.retryAt.has(uid) ? 2 : 1) * 2_000;
      this.retryAt.set(uid, performance.now() + attempt);
      this.log.warn({ uid, err: (err as Error).message }, "imap: message will be retried");
    } finally {
      this.inFlight.delete(uid);
    }
  }
}
