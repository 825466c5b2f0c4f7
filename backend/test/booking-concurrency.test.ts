import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SmtpSink } from "./support/smtp-sink";
import { adminHeaders, firstSlot, startTestServer, type TestServer } from "./support/test-app";
import { until } from "./support/wait";

let s: TestServer;
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await SmtpSink.start();
  s = await startTestServer({ env: { SMTP_URL: smtp.url } });
});
afterAll(async () => {
  await s.close();
  await smtp.down();
});

describe("many clients, one slot", () => {
  it("confirms exactly one of 100 parallel bookings; the rest get 409", async () => {
    const slot = await firstSlot(s, 10, "2026-11-25");
    const attempts = Array.from({ length: 100 }, (_, i) =>
      fetch(`${s.url}/api/tours`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ propertyId: 10, start: slot.start, name: `Racer ${i}`, email: `racer${i}@example.com` }),
      }).then((r) => r.status),
    );
    const statuses = await Promise.all(attempts);
    expect(statuses.filter((x) => x === 201)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(99);
    const rows = s.app.db.prepare("SELECT count(*) FROM bookings WHERE property_id = 10 AND start_utc = ? AND status = 'confirmed'").pluck().get(slot.start);
    expect(rows).toBe(1);
    const admin = await s.get("/api/admin/bookings?status=confirmed", adminHeaders);
    expect(admin.body.bookings.filter((b: any) => b.propertyId === 10 && b.start === slot.start)).toHaveLength(1);
  });

  it("lets parallel reschedules onto one slot succeed only once", async () => {
    const day = (await s.get("/api/properties/11/slots?from=2026-11-26&to=2026-11-26")).body.slots;
    const tokens: string[] = [];
    for (let i = 0; i < 10; i++) {
      const r = await s.post("/api/tours", { propertyId: 11, start: day[i + 1].start, name: `Mover ${i}`, email: `mover${i}@example.com` });
      tokens.push(r.body.booking.manageUrl.split("/").pop());
    }
    const statuses = await Promise.all(tokens.map((t) => s.post(`/api/tours/${t}/reschedule`, { start: day[0].start }).then((r) => r.status)));
    expect(statuses.filter((x) => x === 200)).toHaveLength(1);
    expect(statuses.filter((x) => x === 409)).toHaveLength(9);
  });

  it("in a burst of bookings of different slots, confirms each and sends every confirmation exactly once", async () => {
    const slotsOf = async (propertyId: number) => (await s.get(`/api/properties/${propertyId}/slots?from=2026-11-24&to=2026-12-01`)).body.slots.slice(0, 40);
    const slots = [
      ...(await slotsOf(20)).map((x: { start: string }) => ({ propertyId: 20, start: x.start })),
      ...(await slotsOf(21)).map((x: { start: string }) => ({ propertyId: 21, start: x.start })),
    ];
    expect(slots).toHaveLength(80);
    const statuses = await Promise.all(
      slots.map((x, i) => s.post("/api/tours", { ...x, name: `Burst ${i}`, email: `burst-${i}@example.com` }).then((r) => r.status)),
    );
    expect(statuses.every((x) => x === 201)).toBe(true);
    const burstMail = () => smtp.received.filter((m) => m.envelope.to.some((to) => /^burst-\d+@example\.com$/.test(to)));
    await until(() => burstMail().length >= 80, 20_000, "80 confirmations");
    await new Promise((r) => setTimeout(r, 300));
    const recipients = burstMail().map((m) => m.envelope.to.join(","));
    expect(recipients).toHaveLength(80);
    expect(new Set(recipients).size).toBe(80);
  });
});
