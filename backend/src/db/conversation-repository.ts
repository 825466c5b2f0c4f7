import type { Statement } from "better-sqlite3";
import type {
  Channel,
  Conversation,
  ConversationMessage,
  ConversationMode,
  ConversationSummary,
  MessageRole,
  SessionFacts,
} from "../domain/conversations/conversation";
import type { ConversationFilter, ConversationRepository } from "../domain/conversations/conversation-service";
import type { Db } from "./database";

interface ConversationRow {
  id: string;
  channel: Channel;
  mode: "ai" | "human";
  user_id: number | null;
  facts: string;
  subject: string | null;
  escalation_reason: string | null;
  escalated_at: string | null;
  created_at: string;
  updated_at: string;
  last_message_at: string | null;
}
interface MessageRow {
  id: number;
  conversation_id: string;
  role: MessageRole;
  text: string;
  data: string | null;
  created_at: string;
}

function toConversation(r: ConversationRow): Conversation {
  return {
    id: r.id,
    channel: r.channel,
    mode: r.mode,
    userId: r.user_id,
    facts: JSON.parse(r.facts) as SessionFacts,
    subject: r.subject,
    escalation: r.escalation_reason ? { reason: r.escalation_reason, at: r.escalated_at ?? r.updated_at } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    lastMessageAt: r.last_message_at,
  };
}

function toMessage(r: MessageRow): ConversationMessage {
  return {
    id: r.id,
    conversationId: r.conversation_id,
    role: r.role,
    text: r.text,
    data: r.data ? (JSON.parse(r.data) as ConversationMessage["data"]) : null,
    createdAt: r.created_at,
  };
}

export class SqliteConversationRepository implements ConversationRepository {
  private readonly ins;
  private readonly byId;
  private readonly facts;
  private readonly user;
  private readonly msg;
  private readonly touch;
  private readonly book;
  private readonly books;
  private readonly append;

  constructor(private readonly db: Db) {
    this.append = db.transaction(
      (m: { conversationId: string; role: MessageRole; text: string; data?: ConversationMessage["data"]; now: string }): ConversationMessage => {
        const row = this.msg.get(m.conversationId, m.role, m.text, m.data ? JSON.stringify(m.data) : null, m.now)!;
        if (m.role !== "tool" && m.role !== "system") this.touch.run(m.now, m.now, m.conversationId);
        return toMessage(row);
      },
    );
    this.ins = db.prepare<unknown[], ConversationRow>(
      "INSERT INTO conversations (id, channel, subject, created_at, updated_at) VALUES (?, ?, ?, ?, ?) RETURNING *",
    );
    this.byId = db.prepare<[string], ConversationRow>("SELECT * FROM conversations WHERE id = ?");
    this.facts = db.prepare<[string, string, string]>("UPDATE conversations SET facts = ?, updated_at = ? WHERE id = ?");
    this.user = db.prepare<[number, string, string]>("UPDATE conversations SET user_id = ?, updated_at = ? WHERE id = ?");
    this.msg = db.prepare<unknown[], MessageRow>(
      "INSERT INTO conversation_messages (conversation_id, role, text, data, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *",
    );
    this.touch = db.prepare<[string, string, string]>("UPDATE conversations SET last_message_at = ?, updated_at = ? WHERE id = ?");
    this.book = db.prepare<[string, number, string]>("INSERT OR IGNORE INTO conversation_bookings (conversation_id, booking_id, via) VALUES (?, ?, ?)");
    this.books = db.prepare<[string], number>("SELECT booking_id FROM conversation_bookings WHERE conversation_id = ? ORDER BY booking_id").pluck() as never;
  }

  insert(c: { id: string; channel: Channel; now: string; subject?: string | null }): Conversation {
    return toConversation(this.ins.get(c.id, c.channel, c.subject ?? null, c.now, c.now)!);
  }

  findById(id: string): Conversation | undefined {
    const r = this.byId.get(id);
    return r ? toConversation(r) : undefined;
  }

  setFacts(id: string, facts: SessionFacts, now: string): void {
    this.facts.run(JSON.stringify(facts), now, id);
  }

  setUser(id: string, userId: number, now: string): void {
    this.user.run(userId, now, id);
  }

  appendMessage(m: { conversationId: string; role: MessageRole; text: string; data?: ConversationMessage["data"]; now: string }): ConversationMessage {
    return this.append.immediate(m);
  }

  /** Statements for `messages`, one per number of roles asked for. */
  private readonly messagesByRoleCount = new Map<number, Statement<unknown[], MessageRow>>();

  messages(id: string, opts: { roles?: MessageRole[]; limit?: number }): ConversationMessage[] {
    const roles = opts.roles ?? [];
    let stmt = this.messagesByRoleCount.get(roles.length);
    if (!stmt) {
      stmt = this.db.prepare<unknown[], MessageRow>(
        `SELECT * FROM (SELECT * FROM conversation_messages WHERE conversation_id = ?
           ${roles.length ? `AND role IN (${roles.map(() => "?").join(", ")})` : ""}
           ORDER BY id DESC LIMIT ?) ORDER BY id`,
      );
      this.messagesByRoleCount.set(roles.length, stmt);
    }
    return stmt.all(id, ...roles, opts.limit ?? 500).map(toMessage);
  }

  setMode(id: string, mode: ConversationMode, now: string): void {
    this.db.prepare("UPDATE conversations SET mode = ?, mode_changed_at = ?, updated_at = ? WHERE id = ?").run(mode, now, now, id);
  }

  setEscalation(id: string, reason: string | null, now: string): void {
    this.db.prepare("UPDATE conversations SET escalation_reason = ?, escalated_at = ?, updated_at = ? WHERE id = ?").run(reason, reason ? now : null, now, id);
  }

  markRead(id: string, now: string): void {
    this.db.prepare("UPDATE conversations SET staff_read_at = ? WHERE id = ?").run(now, id);
  }

  list(f: ConversationFilter): ConversationSummary[] {
    const where: string[] = [];
    const values: unknown[] = [];
    if (f.mode) {
      where.push("c.mode = ?");
      values.push(f.mode);
    }
    if (f.escalated !== undefined) where.push(f.escalated ? "c.escalation_reason IS NOT NULL" : "c.escalation_reason IS NULL");
    if (f.channel) {
      where.push("c.channel = ?");
      values.push(f.channel);
    }
    if (f.propertyId !== undefined) {
      where.push(
        "(u.property_id = ? OR json_extract(c.facts, '$.focusPropertyId') = ? OR EXISTS (" +
          "SELECT 1 FROM conversation_bookings cb JOIN bookings b ON b.id = cb.booking_id WHERE cb.conversation_id = c.id AND b.property_id = ?))",
      );
      values.push(f.propertyId, f.propertyId, f.propertyId);
    }
    const rows = this.db
      .prepare<unknown[], ConversationRow & { u_name: string | null; u_email: string | null; u_property: number | null; unread: number }>(
        `SELECT c.*, u.name AS u_name, u.email AS u_email, u.property_id AS u_property,
           (SELECT count(*) FROM conversation_messages m WHERE m.conversation_id = c.id AND m.role = 'user'
              AND (c.staff_read_at IS NULL OR m.created_at > c.staff_read_at)) AS unread
         FROM conversations c LEFT JOIN users u ON u.id = c.user_id
         ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY coalesce(c.last_message_at, c.created_at) DESC LIMIT 300`,
      )
      .all(...values);
    return rows.map((r) => {
      const facts = JSON.parse(r.facts) as SessionFacts;
      return {
        id: r.id,
        channel: r.channel,
        mode: r.mode,
        escalation: r.escalation_reason ? { reason: r.escalation_reason, at: r.escalated_at ?? r.updated_at } : null,
        contact: { name: r.u_name ?? facts.contact?.name ?? null, email: r.u_email ?? facts.contact?.email ?? null },
        subject: r.subject,
        propertyId: r.u_property ?? facts.focusPropertyId ?? null,
        lastMessageAt: r.last_message_at,
        unread: r.unread,
      };
    });
  }

  addBooking(id: string, bookingId: number, via: "booked" | "link"): void {
    this.book.run(id, bookingId, via);
  }

  bookingIds(id: string): number[] {
    return (this.books as unknown as { all(id: string): number[] }).all(id);
  }
}
