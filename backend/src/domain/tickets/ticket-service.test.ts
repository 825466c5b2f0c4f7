import { describe, expect, it } from "vitest";
import { FixedClock } from "../../shared/clock";
import type { NewTicket, Priority, Ticket } from "./ticket";
import { TicketService, type StakeholderRepository, type TicketRepository } from "./ticket-service";

/** An in-memory store with the repository's contract, enough to exercise the service's rules. */
function memoryTickets(): TicketRepository {
  const rows = new Map<number, Ticket>();
  return {
    insert(t: NewTicket, now: string) {
      const ticket: Ticket = { ...t, id: rows.size + 1, status: t.status ?? "open", assignedTo: null, followUps: 0, lastFollowUp: null, lastFollowUpAt: null, createdAt: now, updatedAt: now };
      rows.set(ticket.id, ticket);
      return ticket;
    },
    findById: (id) => rows.get(id),
    findBySourceKey: (key) => [...rows.values()].find((t) => t.sourceMessageKey === key),
    list: () => [...rows.values()],
    update(id, patch, now) {
      const t = { ...rows.get(id)!, ...patch, updatedAt: now };
      rows.set(id, t);
      return t;
    },
    recordFollowUp(id, f: { priority: Priority; text: string }, now) {
      const before = rows.get(id)!;
      const t = { ...before, priority: f.priority, followUps: before.followUps + 1, lastFollowUp: f.text, lastFollowUpAt: now, updatedAt: now };
      rows.set(id, t);
      return t;
    },
  };
}
const noStakeholders: StakeholderRepository = { forIntent: () => [], findById: () => undefined, list: () => [] };

describe("ticket follow-ups", () => {
  const ticket = (service: TicketService, priority: Priority) =>
    service.create({ intent: "maintenance", priority, summary: "Leak", actionRequired: "", userId: null, sender: "t@example.com", propertyId: null, unit: null, sourceMessageKey: `k-${priority}`, conversationId: "c", stakeholdersNotified: [], attachments: [] });

  it("raises the priority when a follow-up is more pressing, and never lowers it on its own", () => {
    const service = new TicketService(memoryTickets(), noStakeholders, new FixedClock(new Date("2026-11-23T14:00:00Z")));
    const t = ticket(service, "normal");
    expect(service.addFollowUp(t.id, { priority: "urgent", text: "now it is pouring" })).toMatchObject({ raised: true, ticket: { priority: "urgent", followUps: 1 } });
    expect(service.addFollowUp(t.id, { priority: "normal", text: "any update?" })).toMatchObject({ raised: false, ticket: { priority: "urgent", followUps: 2 } });
  });

  it("sets the priority afresh for a new message after a fix", () => {
    const service = new TicketService(memoryTickets(), noStakeholders, new FixedClock(new Date("2026-11-23T14:00:00Z")));
    const t = ticket(service, "urgent");
    expect(service.addFollowUp(t.id, { priority: "normal", text: "dripping again, a small puddle", afterFix: true })).toMatchObject({ raised: false, ticket: { priority: "normal" } });
  });
});
