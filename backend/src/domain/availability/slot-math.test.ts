import { describe, expect, it } from "vitest";
import type { DateException, WeeklyRule } from "./availability";
import { candidateSlotsForDate, datesBetween, findSlotStartingAt, openSlots, overlaps, toLocalString, wallTimeToInstant } from "./slot-math";

const weekdays = (start: string, end: string, slotMinutes = 30): WeeklyRule[] => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start, end, slotMinutes }));
const policy = { minNoticeMinutes: 120, horizonDays: 30, bufferMinutes: 0 };
const iso = (d: Date) => d.toISOString();

describe("overlaps (half-open intervals)", () => {
  const at = (s: string) => new Date(`2026-11-24T${s}:00Z`);
  it("treats back-to-back intervals as free", () => {
    expect(overlaps({ start: at("10:00"), end: at("10:30") }, { start: at("10:30"), end: at("11:00") })).toBe(false);
  });
  it("detects partial and full overlap", () => {
    expect(overlaps({ start: at("10:00"), end: at("10:30") }, { start: at("10:15"), end: at("10:45") })).toBe(true);
    expect(overlaps({ start: at("10:00"), end: at("11:00") }, { start: at("10:15"), end: at("10:30") })).toBe(true);
  });
});

describe("wall time in a zone", () => {
  it("converts local wall time to UTC using the offset in force that day", () => {
    expect(iso(wallTimeToInstant("2026-07-01", 10 * 60, "America/New_York")!)).toBe("2026-07-01T14:00:00.000Z");
    expect(iso(wallTimeToInstant("2026-12-01", 10 * 60, "America/New_York")!)).toBe("2026-12-01T15:00:00.000Z");
  });
  it("returns null for a wall time skipped by spring-forward", () => {
    expect(wallTimeToInstant("2026-03-08", 2 * 60 + 30, "America/New_York")).toBeNull();
  });
  it("formats an instant as local wall time", () => {
    expect(toLocalString(new Date("2026-11-24T21:00:00Z"), "America/Chicago")).toBe("2026-11-24T15:00");
    expect(toLocalString(new Date("2026-11-24T21:00:00Z"), "America/Los_Angeles")).toBe("2026-11-24T13:00");
  });
});

describe("slots across a daylight-saving change", () => {
  // US clocks fall back on Sunday 1 November 2026.
  const rules = weekdays("10:00", "12:00", 60);
  it("keeps 10:00 local on both sides of the fall-back weekend", () => {
    const slots = openSlots({
      timezone: "America/New_York",
      rules,
      exceptions: [],
      from: "2026-10-29",
      to: "2026-11-03",
      now: new Date("2026-10-20T00:00:00Z"),
      policy,
      busy: [],
    });
    const locals = slots.map((s) => s.local);
    expect(locals).toEqual([
      "2026-10-29T10:00",
      "2026-10-29T11:00",
      "2026-10-30T10:00",
      "2026-10-30T11:00",
      "2026-11-02T10:00",
      "2026-11-02T11:00",
      "2026-11-03T10:00",
      "2026-11-03T11:00",
    ]);
    // 10:00 EDT is 14:00Z before the change; 10:00 EST is 15:00Z after.
    expect(iso(slots[0].start)).toBe("2026-10-29T14:00:00.000Z");
    expect(iso(slots[4].start)).toBe("2026-11-02T15:00:00.000Z");
    for (const s of slots) expect(s.end.getTime() - s.start.getTime()).toBe(60 * 60_000);
  });

  it("skips slots that do not exist on the spring-forward night and keeps real durations", () => {
    const night: WeeklyRule[] = [{ weekday: 0, start: "01:00", end: "04:00", slotMinutes: 30 }];
    const slots = candidateSlotsForDate("2026-03-08", "America/Denver", night, []);
    expect(slots.map((s) => s.local)).toEqual(["2026-03-08T01:00", "2026-03-08T01:30", "2026-03-08T03:00", "2026-03-08T03:30"]);
    expect(iso(slots[1].start)).toBe("2026-03-08T08:30:00.000Z"); // 01:30 MST
    expect(iso(slots[2].start)).toBe("2026-03-08T09:00:00.000Z"); // 03:00 MDT
  });

  it("reads the same rule in each property's own zone", () => {
    const at = (tz: string) => candidateSlotsForDate("2026-11-24", tz, weekdays("10:00", "10:30"), [])[0];
    expect(iso(at("America/New_York").start)).toBe("2026-11-24T15:00:00.000Z");
    expect(iso(at("America/Chicago").start)).toBe("2026-11-24T16:00:00.000Z");
    expect(iso(at("America/Denver").start)).toBe("2026-11-24T17:00:00.000Z");
    expect(iso(at("America/Los_Angeles").start)).toBe("2026-11-24T18:00:00.000Z");
  });

  it("walks calendar dates, not 24-hour steps", () => {
    expect(datesBetween("2026-10-31", "2026-11-02")).toEqual(["2026-10-31", "2026-11-01", "2026-11-02"]);
  });
});

describe("openSlots filters", () => {
  const base = {
    timezone: "America/Chicago",
    rules: weekdays("10:00", "12:00"),
    exceptions: [] as DateException[],
    from: "2026-11-24",
    to: "2026-11-24",
    policy,
    busy: [],
  };

  it("drops past slots and slots inside the minimum notice", () => {
    // 10:15 local (16:15Z): 10:00 is past, 10:30-12:00 are inside the 2 h notice except 12:15+ (none).
    const now = new Date("2026-11-24T16:15:00Z");
    expect(openSlots({ ...base, now }).map((s) => s.local)).toEqual([]);
    const earlier = new Date("2026-11-24T14:00:00Z"); // 08:00 local: 10:00 is exactly 2 h away
    expect(openSlots({ ...base, now: earlier }).map((s) => s.local)).toEqual(["2026-11-24T10:00", "2026-11-24T10:30", "2026-11-24T11:00", "2026-11-24T11:30"]);
  });

  it("stops at the booking horizon", () => {
    const now = new Date("2026-11-10T14:00:00Z");
    const slots = openSlots({ ...base, now, from: "2026-11-10", to: "2026-12-31", policy: { ...policy, horizonDays: 14 } });
    expect(slots.at(-1)!.start.getTime()).toBeLessThanOrEqual(now.getTime() + 14 * 86_400_000);
    // The horizon ends at 08:00 local on the 24th, before that day's first tour.
    expect(slots.at(-1)!.local).toBe("2026-11-23T11:30");
  });

  it("excludes booked times, with a buffer around them", () => {
    const now = new Date("2026-11-20T00:00:00Z");
    const busy = [{ start: new Date("2026-11-24T17:00:00Z"), end: new Date("2026-11-24T17:30:00Z") }]; // 11:00 local
    expect(openSlots({ ...base, now, busy }).map((s) => s.local.slice(11))).toEqual(["10:00", "10:30", "11:30"]);
    const buffered = openSlots({ ...base, now, busy, policy: { ...policy, bufferMinutes: 15 } });
    expect(buffered.map((s) => s.local.slice(11))).toEqual(["10:00"]);
  });

  it("honours whole-day and partial closures and extra open hours", () => {
    const now = new Date("2026-11-20T00:00:00Z");
    const closedDay: DateException = { date: "2026-11-24", kind: "closed", start: null, end: null, slotMinutes: null, note: null };
    expect(openSlots({ ...base, now, exceptions: [closedDay] })).toEqual([]);
    const closedHour: DateException = { ...closedDay, start: "10:30", end: "11:30" };
    expect(openSlots({ ...base, now, exceptions: [closedHour] }).map((s) => s.local.slice(11))).toEqual(["10:00", "11:30"]);
    const sunday: DateException = { date: "2026-11-29", kind: "open", start: "13:00", end: "14:00", slotMinutes: 30, note: "open house" };
    const slots = openSlots({ ...base, now, from: "2026-11-28", to: "2026-11-29", exceptions: [sunday] });
    expect(slots.map((s) => s.local)).toEqual(["2026-11-29T13:00", "2026-11-29T13:30"]);
  });

  it("works a day out once per zone, hours and exceptions, and hands out slots of its own each time", () => {
    const rules = weekdays("10:00", "11:00");
    const closed: DateException = { date: "2026-11-24", kind: "closed", start: "10:00", end: "10:30", note: null, slotMinutes: null };
    const other: DateException = { ...closed, date: "2026-11-25" };
    const locals = (tz: string, exceptions: DateException[]) => candidateSlotsForDate("2026-11-24", tz, rules, exceptions).map((s) => s.start.toISOString());
    expect(locals("America/Chicago", [])).toEqual(["2026-11-24T16:00:00.000Z", "2026-11-24T16:30:00.000Z"]);
    expect(locals("America/Chicago", [closed])).toEqual(["2026-11-24T16:30:00.000Z"]);
    expect(locals("America/Chicago", [other])).toEqual(["2026-11-24T16:00:00.000Z", "2026-11-24T16:30:00.000Z"]);
    expect(locals("America/Denver", [])).toEqual(["2026-11-24T17:00:00.000Z", "2026-11-24T17:30:00.000Z"]);
    const first = candidateSlotsForDate("2026-11-24", "America/Chicago", rules, []);
    first[0].start.setTime(0);
    first.pop();
    expect(locals("America/Chicago", [])).toEqual(["2026-11-24T16:00:00.000Z", "2026-11-24T16:30:00.000Z"]);
    expect(findSlotStartingAt(new Date("2026-11-24T16:00:00Z"), "America/Chicago", rules, [closed])).toBeUndefined();
    expect(findSlotStartingAt(new Date("2026-11-24T16:00:00Z"), "America/Chicago", rules, [])?.local).toBe("2026-11-24T10:00");
  });

  it("finds only exact tour-hour starts", () => {
    const rules = weekdays("10:00", "12:00");
    expect(findSlotStartingAt(new Date("2026-11-24T16:30:00Z"), "America/Chicago", rules, [])?.local).toBe("2026-11-24T10:30");
    expect(findSlotStartingAt(new Date("2026-11-24T16:10:00Z"), "America/Chicago", rules, [])).toBeUndefined();
    expect(findSlotStartingAt(new Date("2026-11-24T18:00:00Z"), "America/Chicago", rules, [])).toBeUndefined(); // 12:00 is closing time
    expect(findSlotStartingAt(new Date("2026-11-22T16:00:00Z"), "America/Chicago", rules, [])).toBeUndefined(); // Sunday
  });
});
