import type { Logger } from "pino";
import type { TransactionRunner } from "../../domain/bookings/booking-service";
import type { ConversationService } from "../../domain/conversations/conversation-service";
import type { Ticket } from "../../domain/tickets/ticket";
import type { TicketService } from "../../domain/tickets/ticket-service";
import type { EscalationKind } from "../../domain/triage/triage";
import type { UserService } from "../../domain/users/user-service";
import { newMessageId } from "../../mail/booking-mailer";
import type { MailOutbox } from "../../mail/outgoing-mail";

export interface EscalationDeps {
  tx: TransactionRunner;
  conversations: ConversationService;
  tickets: TicketService;
  users: UserService;
  outbox: MailOutbox;
  from: { name: string; address: string };
  publicUrl: string;
  log: Logger;
}

/**
 * Hands a conversation to staff: switches it to `human` with the reason, raises a ticket
 * (visible in the console), and e-mails the leasing office (and maintenance for emergencies).
 */
export class EscalationService {
  constructor(private readonly d: EscalationDeps) {}

  escalate(conversationId: string, kind: EscalationKind | "no_progress" | "tool_failures", reason: string, excerpt: string): Ticket {
    const d = this.d;
    const ticket = d.tx.run(() => {
      const c = d.conversations.get(conversationId);
      const user = c.userId ? d.users.get(c.userId) : undefined;
      const who = user
        ? `${user.name} <${user.email}>`
        : c.facts.contact?.email
          ? `${c.facts.contact.name ?? ""} <${c.facts.contact.email}>`.trim()
          : "an anonymous visitor";
      const stakeholders = [
        ...d.tickets.stakeholdersFor("general", user?.propertyId ?? null),
        ...(kind === "emergency" ? d.tickets.stakeholdersFor("maintenance", user?.propertyId ?? null) : []),
      ];
      const t = d.tickets.create({
        intent: "escalation",
        priority: kind === "emergency" ? "urgent" : "high",
        summary: `${reason} — ${who} (${c.channel})`.slice(0, 240),
        actionRequired: `Take over the ${c.channel} conversation in the console and reply to the person.`,
        userId: user?.id ?? null,
        sender: user?.email ?? c.facts.contact?.email ?? null,
        propertyId: user?.propertyId ?? c.facts.focusPropertyId ?? null,
        unit: user?.unit ?? null,
        sourceMessageKey: null,
        conversationId,
        stakeholdersNotified: stakeholders.map((s) => ({ id: s.id, name: s.name, email: s.email, role: s.role })),
        attachments: [],
      });
      d.conversations.escalate(conversationId, reason);
      for (const s of new Map(stakeholders.map((x) => [x.email, x])).values()) {
        d.outbox.enqueue({
          kind: "escalation_notice",
          messageId: newMessageId(d.from.address),
          to: s.email,
          subject: `${kind === "emergency" ? "[URGENT] " : ""}Conversation needs a person: ${reason}`,
          text: [`Ticket #${t.id}: ${reason}`, `With: ${who}`, `Open the console: ${d.publicUrl}/console`, "", "Last message:", excerpt.slice(0, 1500)].join(
            "\n",
          ),
          headers: kind === "emergency" ? { "X-Priority": "1", Importance: "high" } : {},
        });
      }
      return t;
    });
    d.log.info({ conversationId, kind, ticketId: ticket.id }, "conversation escalated to staff");
    return ticket;
  }
}
