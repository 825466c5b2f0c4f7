import { describe, expect, it } from "vitest";
import { addDays, localDateOf } from "../src/domain/availability/slot-math";
import { type App, buildApp } from "../src/main";
import { FixedClock } from "../src/shared/clock";
import { testConfig } from "./support/test-app";

describe("seed data", () => {
  it("has the catalogue, people and contacts the product needs", async () => {
    const app = await buildApp(testConfig());
    try {
      const stats = app.db
        .prepare(
          "SELECT count(*) AS n, count(DISTINCT city) AS cities, count(DISTINCT timezone) AS zones, " +
            "sum(active = 0) AS inactive, min(beds) AS minBeds, max(beds) AS maxBeds FROM properties",
        )
        .get() as Record<string, number>;
      expect(stats.n).toBeGreaterThanOrEqual(30);
      expect(stats.cities).toBeGreaterThanOrEqual(4);
      expect(stats.zones).toBeGreaterThanOrEqual(2);
      expect(stats.inactive).toBeGreaterThanOrEqual(2);
      expect([stats.minBeds, stats.maxBeds]).toEqual([0, 4]);
      const tenants = app.services.users.list({ role: "tenant" });
      expect(tenants.length).toBeGreaterThanOrEqual(6);
      for (const t of tenants) expect(t.unit && t.propertyId).toBeTruthy();
      expect(app.services.users.list({ role: "prospect" }).length).toBeGreaterThanOrEqual(3);
      const roles = app.db.prepare("SELECT DISTINCT role FROM stakeholders ORDER BY role").pluck().all();
      expect(roles).toEqual(["accounting", "leasing", "locksmith", "maintenance"]);
    } finally {
      await app.close();
    }
  });

  it("loads only once, into an empty database", async () => {
    const config = testConfig();
    const first = await buildApp(config);
    first.db.prepare("DELETE FROM properties WHERE id = 35").run();
    await first.close();
    const second = await buildApp(config);
    expect(second.db.prepare("SELECT count(*) FROM properties").pluck().get()).toBe(34);
    await second.close();
  });

  it("dates the demo data from the application's day: its clock's, or the real one", async () => {
    const dated = (app: App) => app.db.prepare("SELECT date FROM availability_exceptions WHERE property_id = 7 AND kind = 'closed'").pluck().get();
    const onClock = await buildApp(testConfig(), { clock: new FixedClock("2030-01-10T15:00:00Z") });
    try {
      expect(dated(onClock)).toBe("2030-01-14");
      expect(onClock.db.prepare("SELECT available_from FROM properties WHERE id = 1").pluck().get()).toBe("2030-01-03");
    } finally {
      await onClock.close();
    }
    const fourDaysFrom = (ms: number) => new Date(ms + 4 * 86_400_000).toISOString().slice(0, 10);
    const before = Date.now();
    const real = await buildApp(testConfig());
    try {
      // Either side of a midnight that may pass while the database is created.
      expect([fourDaysFrom(before), fourDaysFrom(Date.now())]).toContain(dated(real));
    } finally {
      await real.close();
    }
  });

  // Whatever day the product first runs, every active property has open tour times soon.
  it.each(["2026-11-21T08:00:00Z", "2027-02-14T23:30:00Z", "2027-03-14T12:00:00Z", "2031-07-04T03:00:00Z"])(
    "offers open slots over the next 14 days when first run at %s",
    async (now) => {
      const clock = new FixedClock(now);
      const app = await buildApp(testConfig(), { clock });
      try {
        for (const p of app.services.properties.listActive()) {
          const today = localDateOf(clock.now(), p.timezone);
          const slots = app.services.availability.openSlots(p, { from: today, to: addDays(today, 13) });
          expect(slots.length, p.name).toBeGreaterThan(10);
          const days = new Set(slots.map((s) => s.local.slice(0, 10)));
          expect(days.size, p.name).toBeGreaterThanOrEqual(7);
        }
      } finally {
        await app.close();
      }
    },
  );
});
