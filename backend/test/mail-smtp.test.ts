import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarPart, icsField, SmtpSink } from "./support/smtp-sink";
import { firstSlot, startTestServer, type TestServer } from "./support/test-app";
import { until } from "./support/wait";

let smtp: SmtpSink;
let s: TestServer;

beforeAll(async () => {
  smtp = await SmtpSink.start();
  s = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Sunrise Leasing <tours@sunrise.example>" } });
});
afterAll(async () => {
  await s.close();
  await smtp.down();
});

describe("confirmation mail through a real SMTP server", () => {
  it("sends confirmation, change and cancellation with a consistent calendar invite", async () => {
    const slot = await firstSlot(s, 21, "2026-11-24"); // Beacon & Vine, Boston: 09:00 EST
    const made = await s.post("/api/tours", { propertyId: 21, start: slot.start, name: "Rosa Diaz", email: "rosa@example.com", phone: "617-555-0123" });
    expect(made.status).toBe(201);
    const token = made.body.booking.manageUrl.split("/").pop();

    const [confirm] = await smtp.waitFor(1);
    expect(confirm.envelope.to).toEqual(["rosa@example.com"]);
    expect(confirm.parsed.from?.value[0]).toMatchObject({ address: "tours@sunrise.example", name: "Sunrise Leasing" });
    expect(confirm.parsed.subject).toBe("Tour confirmed: Beacon & Vine, Tuesday, November 24, 2026 at 9:00 AM EST");
    for (const body of [confirm.parsed.text!, confirm.parsed.html as string]) {
      expect(body).toContain("Beacon &");
      expect(body).toContain("220 Beacon St, Boston, MA 02116");
      expect(body).toContain("9:00 AM EST");
      expect(body).toContain(`http://localhost:3000/tours/${token}`);
    }
    expect(confirm.raw.toString()).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/);
    const ics1 = calendarPart(confirm);
    const uid = icsField(ics1, "UID");
    expect(uid).toBe(`tour-${made.body.booking.id}@sunrise.example`);
    expect(icsField(ics1, "METHOD")).toBe("REQUEST");
    expect(icsField(ics1, "SEQUENCE")).toBe("0");
    expect(icsField(ics1, "DTSTART")).toBe("20261124T140000Z");
    expect(icsField(ics1, "DTEND")).toBe("20261124T144500Z");
    expect(icsField(ics1, "STATUS")).toBe("CONFIRMED");
    expect(icsField(ics1, "ORGANIZER")?.toLowerCase()).toContain("mailto:tours@sunrise.example");
    expect(icsField(ics1, "ATTENDEE")?.toLowerCase()).toContain("mailto:rosa@example.com");

    const later = await firstSlot(s, 21, "2026-11-24", 2); // 9:00 is taken, so: 9:45, 10:30, 11:15
    expect((await s.post(`/api/tours/${token}/reschedule`, { start: later.start })).status).toBe(200);
    const [, moved] = await smtp.waitFor(2);
    expect(moved.parsed.subject).toBe("Tour moved: Beacon & Vine, now Tuesday, November 24, 2026 at 11:15 AM EST");
    expect(moved.parsed.text).toContain("from Tuesday, November 24, 2026 at 9:00 AM EST");
    const ics2 = calendarPart(moved);
    expect(icsField(ics2, "UID")).toBe(uid);
    expect(icsField(ics2, "SEQUENCE")).toBe("1");
    expect(icsField(ics2, "METHOD")).toBe("REQUEST");
    expect(icsField(ics2, "DTSTART")).toBe("20261124T161500Z");

    expect((await s.post(`/api/tours/${token}/cancel`)).status).toBe(200);
    const [, , cancelled] = await smtp.waitFor(3);
    expect(cancelled.parsed.subject).toMatch(/^Tour cancelled: Beacon & Vine/);
    const ics3 = calendarPart(cancelled);
    expect(icsField(ics3, "UID")).toBe(uid);
    expect(icsField(ics3, "METHOD")).toBe("CANCEL");
    expect(icsField(ics3, "SEQUENCE")).toBe("2");
    expect(icsField(ics3, "STATUS")).toBe("CANCELLED");
    expect(cancelled.raw.toString()).toMatch(/method=CANCEL/);

    const ids = smtp.received.map((m) => m.parsed.messageId);
    expect(new Set(ids).size).toBe(3);
    await until(() => s.app.repos.outbox.list({ status: "sent" }).length === 3, 5000, "three sent");
  });
});

describe("tour mail in the guest's language", () => {
  it("confirms, moves and cancels in Spanish a tour booked by someone who wrote in Spanish", async () => {
    const slot = await firstSlot(s, 21, "2026-11-25");
    const { bookings, users } = s.app.services;
    const guest = users.upsertProspect({ name: "Lucía Ortega", email: "lucia.ortega@example.com" });
    const made = bookings.book({ propertyId: 21, userId: guest.id, start: new Date(slot.start), source: "chat", language: "es" });
    const mine = () => smtp.received.filter((m) => m.envelope.to.includes("lucia.ortega@example.com"));
    await until(() => mine().length === 1);
    const [confirm] = mine();
    expect(confirm.parsed.subject).toBe("Visita confirmada: Beacon & Vine, miércoles, 25 de noviembre de 2026, a las 9:00 a.m. EST");
    expect(confirm.parsed.text).toMatch(/^Hola, Lucía:/);
    expect(confirm.parsed.text).toContain("Su visita a Beacon & Vine está reservada.");
    expect(confirm.parsed.text).toContain("Adjuntamos una invitación de calendario.");
    expect(icsField(calendarPart(confirm), "SUMMARY")).toBe("Visita: Beacon & Vine");

    const later = await firstSlot(s, 21, "2026-11-25", 2);
    bookings.reschedule(made.id, new Date(later.start));
    bookings.cancel(made.id);
    await until(() => mine().length === 3);
    const subjects = mine().map((m) => m.parsed.subject);
    expect(subjects).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Visita cambiada: Beacon & Vine, ahora el miércoles/), expect.stringMatching(/^Visita cancelada: /)]),
    );
  });
});
