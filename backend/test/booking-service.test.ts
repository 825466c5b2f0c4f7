import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { type App, buildApp } from "../src/main";
import { isAppError } from "../src/shared/app-error";
import { FixedClock } from "../src/shared/clock";
import { MONDAY, testConfig } from "./support/test-app";

// Property 2 (Maple Court Lofts, Austin, America/Chicago): weekdays 10:00-18:00, 30-minute tours.
// Tuesday 24 Nov 2026 10:00 CST = 16:00Z.
const TUE_10 = new Date("2026-11-24T16:00:00Z");
const TUE_1030 = new Date("2026-11-24T16:30:00Z");

function expectCode(fn: () => unknown, code: string) {
  try {
    fn();
  } catch (err) {
    expect(isAppError(err) ? err.code : err).toBe(code);
    return err as any;
  }
  throw new Error(`expected error ${code}`);
}

describe("booking service on a real SQLite file", () => {
  let app: App;
  let clock: FixedClock;
  let jo: { id: number };

  beforeEach(async () => {
    clock = new FixedClock(MONDAY);
    app = await buildApp(testConfig(), { clock });
    jo = app.services.users.upsertProspect({ name: "Jo Tester", email: "jo@example.com", phone: "512 555 0199" });
    return () => app.close();
  });

  it("uses a WAL database file with foreign keys on", () => {
    expect(path.basename(app.config.dbPath)).toBe("leasing.db");
    expect(app.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(app.db.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("books an open slot and queues the confirmation in the same transaction", () => {
    const b = app.services.bookings.book({ propertyId: 2, userId: jo.id, start: TUE_10 });
    expect(b).toMatchObject({ status: "confirmed", sequence: 0, propertyId: 2 });
    expect(b.end.toISOString()).toBe("2026-11-24T16:30:00.000Z");
    expect(b.manageToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const mail = app.repos.outbox.list({ bookingId: b.id });
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: "tour_confirmed", to: "jo@example.com", icsMethod: "REQUEST" });
    const slots = app.services.availability.openSlots(app.services.properties.get(2), { from: "2026-11-24", to: "2026-11-24" });
    expect(slots.map((s) => s.local)).not.toContain("2026-11-24T10:00");
  });

  it("rejects each invalid request with its own code and writes nothing", () => {
    const book =
      (start: Date, propertyId = 2, userId = jo.id) =>
      () =>
        app.services.bookings.book({ propertyId, userId, start });
    expectCode(book(new Date("2026-11-20T16:00:00Z")), "slot_in_past");
    expectCode(book(new Date("2026-11-23T15:00:00Z")), "insufficient_notice"); // 09:00 CST today... inside 2 h
    expectCode(book(new Date("2026-12-31T16:00:00Z")), "beyond_horizon");
    expectCode(book(new Date("2026-11-24T16:10:00Z")), "outside_tour_hours");
    expectCode(book(new Date("2026-11-25T05:00:00Z")), "outside_tour_hours"); // 23:00 local
    expectCode(book(TUE_10, 32), "property_inactive");
    expectCode(book(TUE_10, 9999), "property_not_found");
    expectCode(book(TUE_10, 2, 424242), "user_not_found");
    expect(app.services.bookings.list({})).toHaveLength(0);
    expect(app.repos.outbox.list()).toHaveLength(0);
  });

  it("refuses a taken slot, with the nearest open times", () => {
    const ann = app.services.users.upsertProspect({ name: "Ann", email: "ann@example.com" });
    app.services.bookings.book({ propertyId: 2, userId: jo.id, start: TUE_10 });
    const err = expectCode(() => app.services.bookings.book({ propertyId: 2, userId: ann.id, start: TUE_10 }), "slot_unavailable");
    expect(err.details.alternatives.map((a: any) => a.local)).toEqual(["2026-11-24T10:30", "2026-11-24T11:00", "2026-11-24T11:30"]);
    expect(app.services.bookings.list({ status: "confirmed" })).toHaveLength(1);
  });

  it("finds the nearest open times days away when the days around the wanted one are fully booked, skipping the bookings there", () => {
    const property = app.services.properties.get(2);
    const availability = app.services.availability;
    // Every slot from today to Wednesday, and the first two of Thursday and Friday.
    const days = availability.openSlots(property, { from: "2026-11-23", to: "2026-11-27" });
    const taken = days.filter((s) => s.local < "2026-11-26" || /T10:(00|30)$/.test(s.local));
    for (const s of taken) app.services.bookings.book({ propertyId: 2, userId: jo.id, start: s.start });
    const open = availability.openSlots(property, { from: "2026-11-16", to: "2026-12-02" });
    const nearest = (wanted: Date, count: number) =>
      open
        .map((s) => ({ s, d: Math.abs(s.start.getTime() - Math.max(wanted.getTime(), Date.parse(MONDAY))) }))
        .sort((a, b) => a.d - b.d || a.s.start.getTime() - b.s.start.getTime())
        .slice(0, count)
        .map((x) => x.s.local)
        .sort();
    for (const wanted of [TUE_10, new Date("2026-11-25T22:00:00Z"), new Date("2026-11-23T15:00:00Z")]) {
      const found = availability.nearestOpenSlots(property, wanted, 4).map((s) => s.local);
      expect(found).toEqual(nearest(wanted, 4));
      expect(found.some((l) => taken.some((t) => t.local === l))).toBe(false);
    }
    // Sunday and Monday have no tours before Wednesday is full; Thursday's first free slot is 11:00.
    expect(availability.nearestOpenSlots(property, TUE_10, 2).map((s) => s.local)).toEqual(["2026-11-26T11:00", "2026-11-26T11:30"]);
  });

  it("lists a listing's tours, confirmed and cancelled, and filters them by status", () => {
    const wed = new Date("2026-11-25T16:00:00Z");
    const a = app.services.bookings.book({ propertyId: 2, userId: jo.id, start: wed });
    const b = app.services.bookings.book({ propertyId: 2, userId: jo.id, start: TUE_10 });
    const other = app.services.bookings.book({ propertyId: 3, userId: jo.id, start: TUE_1030 });
    app.services.bookings.cancel(a.id);
    const ids = (filter: Parameters<typeof app.services.bookings.list>[0]) => app.services.bookings.list(filter).map((x) => [x.id, x.status]);
    expect(ids({ propertyId: 2 })).toEqual([
      [b.id, "confirmed"],
      [a.id, "cancelled"],
    ]);
    expect(ids({ propertyId: 2, status: "cancelled" })).toEqual([[a.id, "cancelled"]]);
    expect(ids({ propertyId: 2, status: "confirmed" })).toEqual([[b.id, "confirmed"]]);
    expect(ids({ status: "confirmed" })).toEqual([
      [b.id, "confirmed"],
      [other.id, "confirmed"],
    ]);
    expect(ids({ propertyId: 3, email: "JO@example.com" })).toEqual([[other.id, "confirmed"]]);
    expect(ids({ propertyId: 4 })).toEqual([]);
  });

  it("enforces one confirmed booking per slot in the database itself", () => {
    const ann = app.services.users.upsertProspect({ name: "Ann", email: "ann@example.com" });
    app.services.bookings.book({ propertyId: 2, userId: jo.id, start: TUE_10 });
    const insert = app.db.prepare(
      `INSERT INTO bookings (property_id, user_id, start_utc, end_utc, status, manage_token, created_at, updated_at)
       VALUES (2, ?, ?, ?, 'confirmed', 'another-token-123456', 'x', 'x')`,
    );
    expect(() => insert.run(ann.id, TUE_10.toISOString(), TUE_1030.toISOString())).toThrow(/UNIQUE/);
  });

  it("stops one person holding two tours at the same time", () => {
    app.services.bookings.book({ propertyId: 2, userId: jo.id, start: TUE_10 });
    expectCode(() => app.services.bookings.book({ propertyId: 1, userId: jo.id, start: TUE_10 }), "user_busy");
  });

  it("reschedules in one step: new slot taken, old slot freed, sequence bumped, mail queued", () => {
    const b = app.services.bookings.book({ propertyId: 2, userId: jo.id, start: TUE_10 });
    const moved = app.services.bookings.reschedule(b.id, TUE_1030);
    expect(moved).toMatchObject({ id: b.id, sequence: 1, status: "confirmed", manageToken: b.manageToken });
    expect(moved.start.toISOString()).toBe(TUE_1030.toISOString());
    const ann = app.services.users.upsertProspect({ name: "Ann", email: "ann@example.com" });
    expect(app.services.bookings.book({ propertyId: 2, userId: ann.id, start: TUE_10 }).status).toBe("confirmed");
    expect(app.repos.outbox.list({ bookingId: b.id }).map((m) => m.kind)).toEqual(["tour_confirmed", "tour_rescheduled"]);
  });

  it("rolls the whole reschedule back when the new slot is taken", () => {
    const ann = app.services.users.upsertProspect({ name: "Ann", email: "ann@example.com" });
    const b = app.services.bookings.book({ propertyId: 2, userId: jo.id, start: TUE_10 });
    app.services.bookings.book({ propertyId: 2, userId: ann.id, start: TUE_1030 });
    expectCode(() => app.services.bookings.reschedule(b.id, TUE_1030), "slot_unavailable");
    const after = app.services.bookings.get(b.id);
    expect(after.start.toISOString()).toBe(TUE_10.toISOString());
    expect(after.sequence).toBe(0);
    expect(app.repos.outbox.list({ bookingId: b.id })).toHaveLength(1);
  });

  it("moves a tour to another listing at the same time in one transaction, or not at all", () => {
    // Property 1 (The Alder, Austin) keeps the same weekday hours as Maple Court.
    const b = app.services.bookings.book({ propertyId: 2, userId: jo.id, start: TUE_10 });
    const moved = app.services.bookings.moveToProperty(b.id, 1, TUE_10);
    expect(moved).toMatchObject({ propertyId: 1, status: "confirmed", userId: jo.id });
    expect(moved.id).not.toBe(b.id);
    expect(app.services.bookings.get(b.id).status).toBe("cancelled");
    expect(app.repos.outbox.list({ bookingId: b.id }).map((m) => m.kind)).toEqual(["tour_confirmed", "tour_cancelled"]);
    expect(app.repos.outbox.list({ bookingId: moved.id }).map((m) => m.kind)).toEqual(["tour_confirmed"]);
    // The old slot is free again.
    const ann = app.services.users.upsertProspect({ name: "Ann", email: "ann@example.com" });
    expect(app.services.bookings.book({ propertyId: 2, userId: ann.id, start: TUE_10 }).status).toBe("confirmed");
    // A taken slot at the new listing leaves the tour where it was.
    const sam = app.services.users.upsertProspect({ name: "Sam", email: "sam@example.com" });
    const samTour = app.services.bookings.book({ propertyId: 3, userId: sam.id, start: TUE_1030 });
    expectCode(() => app.services.bookings.moveToProperty(moved.id, 3, TUE_1030), "slot_unavailable");
    expect(app.services.bookings.get(moved.id)).toMatchObject({ status: "confirmed", propertyId: 1 });
    expect(app.services.bookings.get(samTour.id).status).toBe("confirmed");
  });

  it("cancels, frees the slot, sends a cancellation once, and refuses to move a cancelled tour", () => {
    const b = app.services.bookings.book({ propertyId: 2, userId: jo.id, start: TUE_10 });
    const c = app.services.bookings.cancel(b.id);
    expect(c).toMatchObject({ status: "cancelled", sequence: 1 });
    app.services.bookings.cancel(b.id);
    const kinds = app.repos.outbox.list({ bookingId: b.id }).map((m) => [m.kind, m.icsMethod]);
    expect(kinds).toEqual([
      ["tour_confirmed", "REQUEST"],
      ["tour_cancelled", "CANCEL"],
    ]);
    expectCode(() => app.services.bookings.reschedule(b.id, TUE_1030), "booking_cancelled");
    const ann = app.services.users.upsertProspect({ name: "Ann", email: "ann@example.com" });
    expect(app.services.bookings.book({ propertyId: 2, userId: ann.id, start: TUE_10 }).status).toBe("confirmed");
  });

  it("lists a person's upcoming tours only", () => {
    const a = app.services.bookings.book({ propertyId: 2, userId: jo.id, start: TUE_10 });
    const b = app.services.bookings.book({ propertyId: 1, userId: jo.id, start: new Date("2026-11-25T16:00:00Z") });
    const c = app.services.bookings.book({ propertyId: 3, userId: jo.id, start: new Date("2026-11-26T16:00:00Z") });
    app.services.bookings.cancel(c.id);
    expect(app.services.bookings.upcomingForUser(jo.id).map((x) => x.id)).toEqual([a.id, b.id]);
    clock.set("2026-11-24T20:00:00Z");
    expect(app.services.bookings.upcomingForUser(jo.id).map((x) => x.id)).toEqual([b.id]);
  });

  it("updates a prospect by e-mail without duplicating them, and never rewrites a tenant's name", () => {
    const again = app.services.users.upsertProspect({ name: "Joanne Tester", email: "JO@EXAMPLE.COM", phone: "+1 (512) 555-0100" });
    expect(again).toMatchObject({ id: jo.id, name: "Joanne Tester", phone: "+15125550100" });
    const tenant = app.services.users.upsertProspect({ name: "Someone Else", email: "maria.gonzalez@example.com" });
    expect(tenant).toMatchObject({ role: "tenant", name: "Maria Gonzalez" });
  });
});
