import { describe, expect, it } from "vitest";
import { offsetMinutes, utcToWall, wallToUtc } from "./zone-offset";

const wall = (s: string) => Date.parse(`${s}Z`);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

describe("zone offsets", () => {
  it("knows standard and daylight offsets", () => {
    expect(offsetMinutes("America/New_York", Date.parse("2026-01-15T12:00:00Z"))).toBe(-300);
    expect(offsetMinutes("America/New_York", Date.parse("2026-07-15T12:00:00Z"))).toBe(-240);
    expect(offsetMinutes("Asia/Kolkata", Date.parse("2026-07-15T12:00:00Z"))).toBe(330);
    expect(offsetMinutes("UTC", Date.parse("2026-07-15T12:00:00Z"))).toBe(0);
  });

  it("switches exactly at the transition instant", () => {
    // New York falls back at 06:00Z on 1 Nov 2026 (02:00 EDT -> 01:00 EST).
    expect(offsetMinutes("America/New_York", Date.parse("2026-11-01T05:59:59Z"))).toBe(-240);
    expect(offsetMinutes("America/New_York", Date.parse("2026-11-01T06:00:00Z"))).toBe(-300);
  });

  it("maps wall time to UTC, with gaps and overlaps", () => {
    expect(iso(wallToUtc(wall("2026-11-24T10:00:00"), "America/Chicago"))).toBe("2026-11-24T16:00:00.000Z");
    expect(wallToUtc(wall("2026-03-08T02:30:00"), "America/New_York")).toBeNull();
    // 01:30 happens twice on 1 Nov; the first (EDT) is chosen.
    expect(iso(wallToUtc(wall("2026-11-01T01:30:00"), "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
    expect(iso(wallToUtc(wall("2026-11-01T03:00:00"), "America/New_York"))).toBe("2026-11-01T08:00:00.000Z");
  });

  it("round-trips UTC to wall time", () => {
    for (const tz of ["America/Los_Angeles", "America/Denver", "Europe/London", "Australia/Lord_Howe"]) {
      for (let t = Date.parse("2026-01-01T00:00:00Z"); t < Date.parse("2027-01-01T00:00:00Z"); t += 7_919_000) {
        const w = utcToWall(t, tz);
        const back = wallToUtc(w, tz);
        // Inside an overlap the earlier instant comes back; it must show the same wall time.
        expect(back === null ? null : utcToWall(back, tz), `${tz} ${new Date(t).toISOString()}`).toBe(w);
      }
    }
  });
});
