import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminHeaders, firstSlot, startTestServer, type TestServer } from "./support/test-app";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

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
    const rows = s.app.db
      .prepare("SELECT count(*) FROM bookings WHERE property_id = 10 AND start_utc = ? AND status = 'confirmed'")
      .pluck()
      .get(slot.start);
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
});
