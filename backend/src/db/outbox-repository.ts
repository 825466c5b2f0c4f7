import type { OutgoingMail, QueuedMail } from "../mail/outgoing-mail";
import type { Db } from "./database";

interface OutboxRow {
  id: number;
  kind: string;
  message_id: string;
  to_addr: string;
  cc_addr: string | null;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  ics: string | null;
  ics_method: "REQUEST" | "CANCEL" | null;
  in_reply_to: string | null;
  references_hdr: string | null;
  headers: string;
  payload: string | null;
  booking_id: number | null;
  status: QueuedMail["status"];
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

function toQueued(r: OutboxRow): QueuedMail {
  return {
    id: r.id,
    kind: r.kind,
    messageId: r.message_id,
    to: r.to_addr,
    cc: r.cc_addr,
    subject: r.subject,
    text: r.text_body,
    html: r.html_body,
    ics: r.ics,
    icsMethod: r.ics_method,
    inReplyTo: r.in_reply_to,
    references: r.references_hdr,
    headers: JSON.parse(r.headers) as Record<string, string>,
    payload: r.payload === null ? undefined : (JSON.parse(r.payload) as unknown),
    bookingId: r.booking_id,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}

export class SqliteOutboxRepository {
  private readonly insert;
  private readonly due;
  private readonly claim;
  private readonly sent;
  private readonly retry;
  private readonly failed;
  private readonly attempt;
  private readonly nextDue;
  private readonly claimTx;
  private readonly sentTx;
  private readonly retryTx;
  private readonly failedTx;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO outbox (kind, message_id, to_addr, cc_addr, subject, text_body, html_body, ics, ics_method,
         in_reply_to, references_hdr, headers, payload, booking_id, status, attempts, next_attempt_at, created_at)
       VALUES (@kind, @messageId, @to, @cc, @subject, @text, @html, @ics, @icsMethod,
         @inReplyTo, @references, @headers, @payload, @bookingId, 'pending', 0, @now, @now)`,
    );
    this.due = db.prepare<[string, number], OutboxRow>(
      `SELECT * FROM outbox INDEXED BY outbox_open
       WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?
       ORDER BY next_attempt_at, id LIMIT ?`,
    );
    this.claim = db.prepare<[string, number]>("UPDATE outbox SET status = 'sending', next_attempt_at = ? WHERE id = ?");
    this.sent = db.prepare<[string, number]>("UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?");
    this.retry = db.prepare<[string, string, number]>(
      "UPDATE outbox SET status = 'pending', attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
    );
    this.failed = db.prepare<[string, number]>("UPDATE outbox SET status = 'failed', attempts = attempts + 1, last_error = ? WHERE id = ?");
    this.attempt = db.prepare<[number, string, number, string | null]>("INSERT INTO outbox_attempts (outbox_id, at, ok, error) VALUES (?, ?, ?, ?)");
    this.nextDue = db.prepare<[], { at: string | null }>(
      "SELECT min(next_attempt_at) AS at FROM outbox INDEXED BY outbox_open WHERE status IN ('pending', 'sending')",
    );
    this.claimTx = db.transaction((now: Date, limit: number, leaseMs: number) => {
      const rows = this.due.all(now.toISOString(), limit);
      const lease = new Date(now.getTime() + leaseMs).toISOString();
      for (const r of rows) this.claim.run(lease, r.id);
      return rows.map(toQueued);
    });
    this.sentTx = db.transaction((ids: readonly number[], at: string) => {
      for (const id of ids) {
        this.sent.run(at, id);
        this.attempt.run(id, at, 1, null);
      }
    });
    this.retryTx = db.transaction((id: number, error: string, nextAttemptAt: string, at: string) => {
      this.retry.run(nextAttemptAt, error, id);
      this.attempt.run(id, at, 0, error);
    });
    this.failedTx = db.transaction((id: number, error: string, at: string) => {
      this.failed.run(error, id);
      this.attempt.run(id, at, 0, error);
    });
  }

  /** Queues a message. Call inside the transaction of the change it reports. */
  enqueue(mail: OutgoingMail, now: Date): number {
    const info = this.insert.run({
      kind: mail.kind,
      messageId: mail.messageId,
      to: mail.to,
      cc: mail.cc ?? null,
      subject: mail.subject ?? null,
      text: mail.text ?? null,
      html: mail.html ?? null,
      ics: mail.ics ?? null,
      icsMethod: mail.icsMethod ?? null,
      inReplyTo: mail.inReplyTo ?? null,
      references: mail.references ?? null,
      headers: JSON.stringify(mail.headers ?? {}),
      payload: mail.payload === undefined ? null : JSON.stringify(mail.payload),
      bookingId: mail.bookingId ?? null,
      now: now.toISOString(),
    });
    return Number(info.lastInsertRowid);
  }

  /** Takes up to `limit` due messages and leases them for `leaseMs` so no other worker sends them. */
  claimDue(now: Date, limit: number, leaseMs: number): QueuedMail[] {
    return this.claimTx.immediate(now, limit, leaseMs);
  }

  /** Records several messages as sent in one transaction. */
  markSentMany(ids: readonly number[], now: Date): void {
    if (ids.length) this.sentTx.immediate(ids, now.toISOString());
  }

  markRetry(id: number, error: string, nextAttemptAt: Date, now: Date): void {
    this.retryTx.immediate(id, error.slice(0, 1000), nextAttemptAt.toISOString(), now.toISOString());
  }

  markFailed(id: number, error: string, now: Date): void {
    this.failedTx.immediate(id, error.slice(0, 1000), now.toISOString());
  }

  /** When the next message becomes due, or null when nothing waits. */
  nextDueAt(): Date | null {
    const at = this.nextDue.get()?.at;
    return at ? new Date(at) : null;
  }

  list(filter: { status?: QueuedMail["status"]; bookingId?: number } = {}): QueuedMail[] {
    const where: string[] = [];
    const values: unknown[] = [];
    if (filter.status) {
      where.push("status = ?");
      values.push(filter.status);
    }
    if (filter.bookingId !== undefined) {
      where.push("booking_id = ?");
      values.push(filter.bookingId);
    }
    return this.db
      .prepare<unknown[], OutboxRow>(`SELECT * FROM outbox ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id`)
      .all(...values)
      .map(toQueued);
  }

  attempts(outboxId: number): Array<{ at: string; ok: boolean; error: string | null }> {
    return this.db
      .prepare<[number], { at: string; ok: number; error: string | null }>("SELECT at, ok, error FROM outbox_attempts WHERE outbox_id = ? ORDER BY id")
      .all(outboxId)
      .map((r) => ({ at: r.at, ok: r.ok === 1, error: r.error }));
  }
}
