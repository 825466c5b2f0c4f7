import type { Db } from "./database";

export type InboundStatus = "processing" | "processed" | "ignored" | "failed";

export interface InboundRecord {
  id: number;
  messageKey: string;
  messageId: string | null;
  status: InboundStatus;
  attempts: number;
  lastError: string | null;
  intent: string | null;
  priority: string | null;
  summary: string | null;
  ticketId: number | null;
  bookingId: number | null;
  conversationId: string | null;
  replyMessageId: string | null;
  fromAddr: string | null;
  subject: string | null;
}

interface Row {
  id: number;
  message_key: string;
  message_id: string | null;
  status: InboundStatus;
  attempts: number;
  last_error: string | null;
  intent: string | null;
  priority: string | null;
  summary: string | null;
  ticket_id: number | null;
  booking_id: number | null;
  conversation_id: string | null;
  reply_message_id: string | null;
  from_addr: string | null;
  subject: string | null;
}

const toRecord = (r: Row): InboundRecord => ({
  id: r.id,
  messageKey: r.message_key,
  messageId: r.message_id,
  status: r.status,
  attempts: r.attempts,
  lastError: r.last_error,
  intent: r.intent,
  priority: r.priority,
  summary: r.summary,
  ticketId: r.ticket_id,
  bookingId: r.booking_id,
  conversationId: r.conversation_id,
  replyMessageId: r.reply_message_id,
  fromAddr: r.from_addr,
  subject: r.subject,
});

/** Every inbound message, recorded before anything is done about it. */
export class SqliteInboundRepository {
  constructor(private readonly db: Db) {}

  /**
   * Records the message (or finds it) and counts an attempt. Returns the record as it was
   * before this attempt, so a caller can tell a new message from a retry or a finished one.
   */
  begin(
    m: { key: string; messageId: string | null; mailbox?: string; uid?: number; uidValidity?: string; from?: string | null; subject?: string },
    now: string,
  ): { record: InboundRecord; fresh: boolean } {
    return this.db
      .transaction(() => {
        const existing = this.db.prepare<[string], Row>("SELECT * FROM inbound_messages WHERE message_key = ?").get(m.key);
        if (existing) {
          if (existing.status === "processing") {
            this.db
              .prepare("UPDATE inbound_messages SET attempts = attempts + 1, uid = coalesce(?, uid), mailbox = coalesce(?, mailbox) WHERE id = ?")
              .run(m.uid ?? null, m.mailbox ?? null, existing.id);
          }
          return { record: toRecord(existing), fresh: false };
        }
        const row = this.db
          .prepare<unknown[], Row>(
            `INSERT INTO inbound_messages (message_key, message_id, mailbox, uid, uid_validity, from_addr, subject, status, attempts, received_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 'processing', 1, ?) RETURNING *`,
          )
          .get(m.key, m.messageId, m.mailbox ?? null, m.uid ?? null, m.uidValidity ?? null, m.from ?? null, m.subject?.slice(0, 500) ?? null, now)!;
        return { record: toRecord(row), fresh: true };
      })
      .immediate();
  }

  finish(
    key: string,
    outcome: {
      status: "processed" | "ignored" | "failed";
      intent?: string | null;
      priority?: string | null;
      summary?: string | null;
      ticketId?: number | null;
      bookingId?: number | null;
      conversationId?: string | null;
      replyMessageId?: string | null;
      error?: string | null;
    },
    now: string,
  ): void {
    this.db
      .prepare(
        `UPDATE inbound_messages SET status = ?, intent = ?, priority = ?, summary = ?, ticket_id = ?, booking_id = ?, conversation_id = ?,
           reply_message_id = ?, last_error = coalesce(?, last_error), processed_at = ? WHERE message_key = ?`,
      )
      .run(
        outcome.status,
        outcome.intent ?? null,
        outcome.priority ?? null,
        outcome.summary ?? null,
        outcome.ticketId ?? null,
        outcome.bookingId ?? null,
        outcome.conversationId ?? null,
        outcome.replyMessageId ?? null,
        outcome.error ?? null,
        now,
        key,
      );
  }

  recordError(key: string, error: string): void {
    this.db.prepare("UPDATE inbound_messages SET last_error = ? WHERE message_key = ?").run(error.slice(0, 1000), key);
  }

  find(key: string): InboundRecord | undefined {
    const r = this.db.prepare<[string], Row>("SELECT * FROM inbound_messages WHERE message_key = ?").get(key);
    return r ? toRecord(r) : undefined;
  }

  list(status?: InboundStatus): InboundRecord[] {
    const rows = status
      ? this.db.prepare<[string], Row>("SELECT * FROM inbound_messages WHERE status = ? ORDER BY id").all(status)
      : this.db.prepare<[], Row>("SELECT * FROM inbound_messages ORDER BY id").all();
    return rows.map(toRecord);
  }

  /** Remembers the UIDVALIDITY of a mailbox; returns the previous value. */
  swapUidValidity(mailbox: string, uidValidity: string, now: string): string | undefined {
    return this.db
      .transaction(() => {
        const prev = this.db.prepare<[string], { uid_validity: string }>("SELECT uid_validity FROM imap_state WHERE mailbox = ?").get(mailbox)?.uid_validity;
        this.db
          .prepare(
            "INSERT INTO imap_state (mailbox, uid_validity, updated_at) VALUES (?, ?, ?) " +
              "ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity, updated_at = excluded.updated_at",
          )
          .run(mailbox, uidValidity, now);
        return prev;
      })
      .immediate();
  }
}

/** Message-IDs of each e-mail conversation. */
export class SqliteMailThreadRepository {
  constructor(private readonly db: Db) {}

  conversationFor(messageIds: readonly string[]): string | undefined {
    for (const id of messageIds) {
      const c = this.db.prepare<[string], { conversation_id: string }>("SELECT conversation_id FROM mail_threads WHERE message_id = ?").get(id);
      if (c) return c.conversation_id;
    }
    return undefined;
  }

  remember(messageId: string, conversationId: string): void {
    this.db.prepare("INSERT OR IGNORE INTO mail_threads (message_id, conversation_id) VALUES (?, ?)").run(messageId, conversationId);
  }

  /** The latest Message-ID we know in a conversation (to thread a staff reply). */
  latest(conversationId: string): string | undefined {
    return this.db
      .prepare<[string], { message_id: string }>("SELECT message_id FROM mail_threads WHERE conversation_id = ? ORDER BY rowid DESC LIMIT 1")
      .get(conversationId)?.message_id;
  }
}
