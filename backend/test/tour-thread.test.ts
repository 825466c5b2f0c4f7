import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmtpSink, calendarPart, icsField } from "./support/smtp-sink";
import { startTestServer, type TestServer } from "./support/test-app";
import { until } from "./support/wait";

/**
 * The public API's tour changes committed on their own thread (TOUR_THREAD=on, as `npm start`
 * runs on a machine with more than one core), on the real clock: bookings, conflicts, errors and
 * confirmation mail behave exactly as in-process.
 */
describe("tour changes on the tour thread", () => {
  let s: TestServer;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await SmtpSink.start();
    s = await startTestServer({ realClock: true, env: { TOUR_THREAD: "on", SMTP_URL: smtp.url, MAIL_FROM: "Sunrise Leasing <tours@sunrise.example>" } });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await smtp?.down();
  });

  /** Open slots of a property over the coming days, from the public API. */
  async function slotsOf(propertyId: number): Promise<Array<{ start: string; local: string }>> {
    const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
    const res = await s.get(`/api/properties/${propertyId}/slots?from=${from}&to=${to}`);
    expect(res.status).toBe(200);
    return res.body.slots;
  }

  it("runs on a thread of its own", () => {
    expect(s.app.tourThread).toBeDefined();
  });

  it("confirms exactly one of 60 parallel bookings of one slot; the rest get 409 with nearby open times", async () => {
    const [slot] = await slotsOf(10);
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        s.post("/api/tours", { propertyId: 10, start: slot.start, name: `Racer ${i}`, email: `thread-racer${i}@example.com` }),
      ),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const conflicts = answers.filter((a) => a.status === 409);
    expect(conflicts).toHaveLength(59);
    expect(conflicts[0].body.error.code).toBe("slot_unavailable");
    expect(conflicts[0].body.error.details.alternatives.length).toBeGreaterThan(0);
    expect(conflicts[0].body.error.details.alternatives.map((a: { start: string }) => a.start)).not.toContain(slot.start);
    const rows = s.app.db.prepare("SELECT count(*) FROM bookings WHERE property_id = 10 AND start_utc = ? AND status = 'confirmed'").pluck().get(slot.start);
    expect(rows).toBe(1);
    // Every racer is still saved as a lead, though only one got the slot.
    const leads = s.app.db.prepare("SELECT count(*) FROM users WHERE email LIKE 'thread-racer%'").pluck().get();
    expect(leads).toBe(60);
  });

  it("commits changes made together as one batch in which each fails or succeeds alone", async () => {
    const slots = await slotsOf(12);
    const desk = s.app.tourThread!;
    const contact = (who: string) => ({ name: `Batch ${who}`, email: `batch-${who}@example.com`, phone: null });
    const offHours = new Date(Date.parse(slots[0].start) + 17 * 60_000); // not on the slot grid
    // Made in one turn of the event loop: they reach the thread in one message.
    const settled = await Promise.allSettled([
      desk.book({ propertyId: 12, start: new Date(slots[0].start), contact: contact("first") }),
      desk.book({ propertyId: 12, start: new Date(slots[0].start), contact: contact("second") }),
      desk.book({ propertyId: 999_999, start: new Date(slots[1].start), contact: contact("nowhere") }),
      desk.book({ propertyId: 12, start: offHours, contact: contact("off-hours") }),
      desk.book({ propertyId: 12, start: new Date(slots[1].start), contact: contact("third") }),
    ]);
    const outcome = settled.map((r) => (r.status === "fulfilled" ? r.value.status : (r.reason as { code: string }).code));
    expect(outcome).toEqual(["confirmed", "slot_unavailable", "property_not_found", "outside_tour_hours", "confirmed"]);

    const db = s.app.db;
    const booked = db.prepare("SELECT u.email FROM bookings b JOIN users u ON u.id = b.user_id WHERE u.email LIKE 'batch-%' AND b.status = 'confirmed' ORDER BY b.id").pluck().all();
    expect(booked).toEqual(["batch-first@example.com", "batch-third@example.com"]);
    // The failed bookings rolled back alone: their people are saved as leads, and only the
    // confirmed tours queued mail.
    const leads = db.prepare("SELECT email FROM users WHERE email LIKE 'batch-%' ORDER BY email").pluck().all();
    expect(leads).toEqual(["batch-first@example.com", "batch-nowhere@example.com", "batch-off-hours@example.com", "batch-second@example.com", "batch-third@example.com"]);
    const mailed = db.prepare("SELECT DISTINCT to_addr FROM outbox WHERE to_addr LIKE '%batch-%' ORDER BY to_addr").pluck().all();
    expect(mailed.map((a) => String(a).match(/batch-[a-z-]+@example\.com/)![0])).toEqual(["batch-first@example.com", "batch-third@example.com"]);
  });

  it("keeps validation errors, with each field's problem, as they are", async () => {
    const [slot] = await slotsOf(4);
    const bad = await s.post("/api/tours", { propertyId: 4, start: slot.start, name: " ", email: "not-an-address", phone: "12" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation");
    expect(bad.body.error.issues.map((i: { field: string }) => i.field).sort()).toEqual(["email", "name", "phone"]);
  });

  it("books, moves and cancels with the confirmation, change and cancellation mail", async () => {
    const slots = await slotsOf(21);
    const made = await s.post("/api/tours", { propertyId: 21, start: slots[0].start, name: "Rosa Diaz", email: "rosa.thread@example.com" });
    expect(made.status).toBe(201);
    const token = made.body.booking.manageUrl.split("/").pop();
    const moved = await s.post(`/api/tours/${token}/reschedule`, { start: slots[2].start });
    expect([moved.status, moved.body.booking.start]).toEqual([200, slots[2].start]);
    const cancelled = await s.post(`/api/tours/${token}/cancel`);
    expect([cancelled.status, cancelled.body.booking.status]).toEqual([200, "cancelled"]);

    const hers = () => smtp.received.filter((m) => m.envelope.to.includes("rosa.thread@example.com"));
    await until(() => hers().length >= 3, 10_000, "three messages to Rosa");
    // Sent in the order of the changes, whatever order the outbox's lanes finish in.
    const mails = hers().sort((a, b) => Number(icsField(calendarPart(a), "SEQUENCE")) - Number(icsField(calendarPart(b), "SEQUENCE")));
    expect(mails.map((m) => [icsField(calendarPart(m), "METHOD"), icsField(calendarPart(m), "SEQUENCE")])).toEqual([
      ["REQUEST", "0"],
      ["REQUEST", "1"],
      ["CANCEL", "2"],
    ]);
    expect(new Set(mails.map((m) => icsField(calendarPart(m), "UID")))).toEqual(new Set([`tour-${made.body.booking.id}@sunrise.example`]));
  });

  it("in a burst of bookings, while mail is paced, sends every confirmation exactly once", async () => {
    const slots = [...(await slotsOf(20)).slice(0, 40).map((x) => ({ propertyId: 20, start: x.start })), ...(await slotsOf(21)).slice(0, 40).map((x) => ({ propertyId: 21, start: x.start }))];
    expect(slots).toHaveLength(80);
    const desk = s.app.tourThread!;
    const booked = await Promise.all(
      slots.map((x, i) => desk.book({ propertyId: x.propertyId, start: new Date(x.start), contact: { name: `Burst ${i}`, email: `burst-${i}@example.com`, phone: null } })),
    );
    expect(booked.every((b) => b.status === "confirmed")).toBe(true);
    const burstMail = () => smtp.received.filter((m) => m.envelope.to.some((to) => /^burst-\d+@example\.com$/.test(to)));
    await until(() => burstMail().length >= 80, 20_000, "80 confirmations");
    await new Promise((r) => setTimeout(r, 300));
    const recipients = burstMail().map((m) => m.envelope.to.join(","));
    expect(recipients).toHaveLength(80);
    expect(new Set(recipients).size).toBe(80);
  });

  it("sends mail queued by the request thread too (chat, e-mail, console): the tour thread's outbox is told", async () => {
    const [slot] = await slotsOf(5);
    const { bookings, users } = s.app.services;
    const made = bookings.bookForContact({ propertyId: 5, start: new Date(slot.start), source: "chat" }, () =>
      users.upsertProspect({ name: "Main Thread", email: "main.thread@example.com" }),
    );
    await until(() => smtp.received.some((m) => m.envelope.to.includes("main.thread@example.com")), 10_000, "the confirmation");
    const row = s.app.db.prepare("SELECT status FROM outbox WHERE booking_id = ?").pluck().get(made.id);
    await until(() => s.app.db.prepare("SELECT status FROM outbox WHERE booking_id = ?").pluck().get(made.id) === "sent", 5_000, "recorded as sent");
    expect(["sending", "sent"]).toContain(row);
    expect(await s.app.outbox.drain()).toBe(0);
  });

  it("starts the thread again after it dies; the next booking goes through", async () => {
    const thread = s.app.tourThread!;
    await thread["worker"]!.terminate();
    const [slot] = await slotsOf(12);
    const made = await s.post("/api/tours", { propertyId: 12, start: slot.start, name: "After Restart", email: "after.restart@example.com" });
    expect(made.status).toBe(201);
    const row = s.app.db.prepare("SELECT status FROM bookings WHERE id = ?").pluck().get(made.body.booking.id);
    expect(row).toBe("confirmed");
    // The restarted thread runs the outbox again: the confirmation goes out.
    await until(() => smtp.received.some((m) => m.envelope.to.includes("after.restart@example.com")), 10_000, "the confirmation after the restart");
  });
});

describe("closing the tour thread", () => {
  it("commits and answers a change made just before the close", async () => {
    const s = await startTestServer({ realClock: true, env: { TOUR_THREAD: "on" } });
    try {
      const from = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10);
      const [slot] = (await s.get(`/api/properties/3/slots?from=${from}&to=${to}`)).body.slots as Array<{ start: string }>;
      const desk = s.app.tourThread!;
      await desk.start();
      const booking = desk.book({ propertyId: 3, start: new Date(slot.start), contact: { name: "Last Minute", email: "last.minute@example.com", phone: null } });
      await desk.close();
      expect((await booking).status).toBe("confirmed");
      expect(s.app.db.prepare("SELECT count(*) FROM bookings WHERE property_id = 3 AND start_utc = ? AND status = 'confirmed'").pluck().get(slot.start)).toBe(1);
    } finally {
      await s.close();
    }
  }, 60_000);
});
