import type { Intent, NewTicket, Stakeholder, Ticket, TicketIntent, TicketStatus } from "../domain/tickets/ticket";
import type { StakeholderRepository, TicketRepository } from "../domain/tickets/ticket-service";
import type { Db } from "./database";

interface TicketRow {
  id: number;
  intent: TicketIntent;
  priority: Ticket["priority"];
  summary: string;
  action_required: string;
  user_id: number | null;
  sender: string | null;
  property_id: number | null;
  unit: string | null;
  source_message_key: string | null;
  conversation_id: string | null;
  status: TicketStatus;
  assigned_to: number | null;
  stakeholders_notified: string;
  attachments: string;
  follow_ups: number;
  last_follow_up: string | null;
  last_follow_up_at: string | null;
  created_at: string;
  updated_at: string;
}

function toTicket(r: TicketRow): Ticket {
  return {
    id: r.id,
    intent: r.intent,
    priority: r.priority,
    summary: r.summary,
    actionRequired: r.action_required,
    userId: r.user_id,
    sender: r.sender,
    propertyId: r.property_id,
    unit: r.unit,
    sourceMessageKey: r.source_message_key,
    conversationId: r.conversation_id,
    status: r.status,
    assignedTo: r.assigned_to,
    stakeholdersNotified: JSON.parse(r.stakeholders_notified),
    attachments: JSON.parse(r.attachments),
    followUps: r.follow_ups,
    lastFollowUp: r.last_follow_up,
    lastFollowUpAt: r.last_follow_up_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class SqliteTicketRepository implements TicketRepository {
  constructor(private readonly db: Db) {}

  insert(t: NewTicket, now: string): Ticket {
    return toTicket(
      this.db
        .prepare<unknown[], TicketRow>(
          `INSERT INTO tickets (intent, priority, summary, action_required, user_id, sender, property_id, unit, source_message_key,
             conversation_id, status, stakeholders_notified, attachments, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
        )
        .get(
          t.intent,
          t.priority,
          t.summary,
          t.actionRequired,
          t.userId,
          t.sender,
          t.propertyId,
          t.unit,
          t.sourceMessageKey,
          t.conversationId,
          t.status ?? "open",
          JSON.stringify(t.stakeholdersNotified),
          JSON.stringify(t.attachments),
          now,
          now,
        )!,
    );
  }

  findById(id: number): Ticket | undefined {
    const r = this.db.prepare<[number], TicketRow>("SELECT * FROM tickets WHERE id = ?").get(id);
    return r ? toTicket(r) : undefined;
  }

  findBySourceKey(key: string): Ticket | undefined {
    const r = this.db.prepare<[string], TicketRow>("SELECT * FROM tickets WHERE source_message_key = ?").get(key);
    return r ? toTicket(r) : undefined;
  }

  list(filter: { status?: TicketStatus; intent?: TicketIntent; conversationId?: string }): Ticket[] {
    const where: string[] = [];
    const values: unknown[] = [];
    if (filter.status) {
      where.push("status = ?");
      values.push(filter.status);
    }
    if (filter.intent) {
      where.push("intent = ?");
      values.push(filter.intent);
    }
    if (filter.conversationId) {
      where.push("conversation_id = ?");
      values.push(filter.conversationId);
    }
    return this.db
      .prepare<unknown[], TicketRow>(`SELECT * FROM tickets ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT 1000`)
      .all(...values)
      .map(toTicket);
  }

  update(id: number, patch: { status?: TicketStatus; assignedTo?: number | null }, now: string): Ticket {
    const sets = ["updated_at = ?"];
    const values: unknown[] = [now];
    if (patch.status) {
      sets.push("status = ?");
      values.push(patch.status);
    }
    if (patch.assignedTo !== undefined) {
      sets.push("assigned_to = ?");
      values.push(patch.assignedTo);
    }
    return toTicket(this.db.prepare<unknown[], TicketRow>(`UPDATE tickets SET ${sets.join(", ")} WHERE id = ? RETURNING *`).get(...values, id)!);
  }

  recordFollowUp(id: number, f: { priority: Ticket["priority"]; text: string }, now: string): Ticket {
    return toTicket(
      this.db
        .prepare<unknown[], TicketRow>(
          "UPDATE tickets SET follow_ups = follow_ups + 1, last_follow_up = ?, last_follow_up_at = ?, priority = ?, updated_at = ? WHERE id = ? RETURNING *",
        )
        .get(f.text, now, f.priority, now, id)!,
    );
  }
}

interface StakeholderRow {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  role: Stakeholder["role"];
  intent: Intent;
  property_id: number | null;
}

const toStakeholder = (r: StakeholderRow): Stakeholder => ({
  id: r.id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  role: r.role,
  intent: r.intent,
  propertyId: r.property_id,
});

export class SqliteStakeholderRepository implements StakeholderRepository {
  constructor(private readonly db: Db) {}

  forIntent(intent: Intent, propertyId: number | null): Stakeholder[] {
    return this.db
      .prepare<[string, number], StakeholderRow>(
        "SELECT * FROM stakeholders WHERE intent = ? AND (property_id IS NULL OR property_id = ?) ORDER BY property_id IS NULL, id",
      )
      .all(intent, propertyId ?? -1)
      .map(toStakeholder);
  }

  findById(id: number): Stakeholder | undefined {
    const r = this.db.prepare<[number], StakeholderRow>("SELECT * FROM stakeholders WHERE id = ?").get(id);
    return r ? toStakeholder(r) : undefined;
  }

  list(): Stakeholder[] {
    return this.db.prepare<[], StakeholderRow>("SELECT * FROM stakeholders ORDER BY id").all().map(toStakeholder);
  }
}
