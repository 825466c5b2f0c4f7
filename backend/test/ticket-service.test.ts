import { beforeEach, describe, expect, it } from "vitest";
import type { Priority } from "../src/domain/tickets/ticket";
import type { TicketService } from "../src/domain/tickets/ticket-service";
import { type App, buildApp } from "../src/main";
import { FixedClock } from "../src/shared/clock";
import { MONDAY, testConfig } from "./support/test-app";

describe("ticket follow-ups on a real SQLite file", () => {
  let app: App;

  beforeEach(async () => {
    app = await buildApp(testConfig(), { clock: new FixedClock(MONDAY) });
    return () => app.close();
  });

  // A ticket belongs to a conversation, as one raised from an e-mail does.
  const ticket = (service: TicketService, priority: Priority) =>
    service.create({
      intent: "maintenance",
      priority,
      summary: "Leak",
      actionRequired: "",
      userId: null,
      sender: "t@example.com",
      propertyId: null,
      unit: null,
      sourceMessageKey: `k-${priority}`,
      conversationId: app.services.conversations.start("email", "Leak").id,
      stakeholdersNotified: [],
      attachments: [],
    });

  it("raises the priority when a follow-up is more pressing, and never lowers it on its own", () => {
    const service = app.services.tickets;
    const t = ticket(service, "normal");
    expect(service.addFollowUp(t.id, { priority: "urgent", text: "now it is pouring" })).toMatchObject({
      raised: true,
      ticket: { priority: "urgent", followUps: 1 },
    });
    expect(service.addFollowUp(t.id, { priority: "normal", text: "any update?" })).toMatchObject({
      raised: false,
      ticket: { priority: "urgent", followUps: 2 },
    });
    expect(service.get(t.id)).toMatchObject({ priority: "urgent", followUps: 2, lastFollowUp: "any update?" });
  });

  it("sets the priority afresh for a new message after a fix", () => {
    const service = app.services.tickets;
    const t = ticket(service, "urgent");
    expect(service.addFollowUp(t.id, { priority: "normal", text: "dripping again, a small puddle", afterFix: true })).toMatchObject({
      raised: false,
      ticket: { priority: "normal" },
    });
  });
});
