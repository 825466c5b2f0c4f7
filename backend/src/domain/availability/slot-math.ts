import { utcToWall, wallToUtc } from "../shared/zone-offset";
import type { DateException, Interval, Slot, SlotPolicy, WeeklyRule } from "./availability";

/**
 * Pure slot arithmetic. All intervals are half-open: [start, end). Two intervals overlap
 * when a.start < b.end && b.start < a.end, so back-to-back tours do not conflict.
 * Wall times are read in the property's IANA zone; instants are plain UTC Dates.
 */

const DAY_MS = 86_400_000;
const DEFAULT_SLOT_MINUTES = 30;

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

export function parseHm(hm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hm);
  if (!m) throw new Error(`Invalid time of day: ${hm}`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min !== 0)) throw new Error(`Invalid time of day: ${hm}`);
  return h * 60 + min;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Calendar dates from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let t = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  while (t <= end) {
    out.push(new Date(t).toISOString().slice(0, 10));
    t += DAY_MS;
  }
  return out;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

const pad = (n: number) => String(n).padStart(2, "0");

/** The instant at which the wall clock in `tz` shows `date` + `minutes`; null inside a DST gap. */
export function wallTimeToInstant(date: string, minutes: number, tz: string): Date | null {
  const wall = Date.parse(`${date}T00:00:00Z`) + minutes * 60_000;
  if (Number.isNaN(wall)) return null;
  const utc = wallToUtc(wall, tz);
  return utc === null ? null : new Date(utc);
}

/** "2026-11-24T15:00" for an instant, read in `tz`. */
export function toLocalString(instant: Date, tz: string): string {
  const w = new Date(utcToWall(instant.getTime(), tz));
  return `${w.getUTCFullYear()}-${pad(w.getUTCMonth() + 1)}-${pad(w.getUTCDate())}T${pad(w.getUTCHours())}:${pad(w.getUTCMinutes())}`;
}

export function localDateOf(instant: Date, tz: string): string {
  return toLocalString(instant, tz).slice(0, 10);
}

interface Window {
  startMin: number;
  endMin: number;
  slotMinutes: number;
}

/** The tour windows of one local date after dated exceptions are applied. */
export function windowsForDate(
  date: string,
  rules: readonly WeeklyRule[],
  exceptions: readonly DateException[],
): {
  windows: Window[];
  closed: Array<{ startMin: number; endMin: number }>;
} {
  const todays = exceptions.filter((e) => e.date === date);
  if (todays.some((e) => e.kind === "closed" && !e.start && !e.end)) return { windows: [], closed: [] };
  const weekday = weekdayOf(date);
  const windows: Window[] = rules
    .filter((r) => r.weekday === weekday)
    .map((r) => ({ startMin: parseHm(r.start), endMin: parseHm(r.end), slotMinutes: r.slotMinutes }));
  const fallbackSlot = windows[0]?.slotMinutes ?? rules[0]?.slotMinutes ?? DEFAULT_SLOT_MINUTES;
  const closed: Array<{ startMin: number; endMin: number }> = [];
  for (const e of todays) {
    if (e.kind === "open" && e.start && e.end) {
      windows.push({ startMin: parseHm(e.start), endMin: parseHm(e.end), slotMinutes: e.slotMinutes ?? fallbackSlot });
    } else if (e.kind === "closed") {
      closed.push({ startMin: e.start ? parseHm(e.start) : 0, endMin: e.end ? parseHm(e.end) : 24 * 60 });
    }
  }
  return { windows, closed };
}

/** Every slot the tour hours define on a local date, before bookings and notice are considered. */
export function candidateSlotsForDate(date: string, tz: string, rules: readonly WeeklyRule[], exceptions: readonly DateException[]): Slot[] {
  const { windows, closed } = windowsForDate(date, rules, exceptions);
  const dayWall = Date.parse(`${date}T00:00:00Z`);
  const byStart = new Map<number, Slot>();
  for (const w of windows) {
    if (w.slotMinutes <= 0) continue;
    for (let m = w.startMin; m + w.slotMinutes <= w.endMin; m += w.slotMinutes) {
      if (closed.some((c) => m < c.endMin && c.startMin < m + w.slotMinutes)) continue;
      const startMs = wallToUtc(dayWall + m * 60_000, tz);
      if (startMs === null || byStart.has(startMs)) continue;
      const local = m < 24 * 60 ? `${date}T${pad(Math.floor(m / 60))}:${pad(m % 60)}` : toLocalString(new Date(startMs), tz);
      byStart.set(startMs, { start: new Date(startMs), end: new Date(startMs + w.slotMinutes * 60_000), local });
    }
  }
  return [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

export interface OpenSlotsInput {
  timezone: string;
  rules: readonly WeeklyRule[];
  exceptions: readonly DateException[];
  /** Local dates, inclusive. */
  from: string;
  to: string;
  now: Date;
  policy: SlotPolicy;
  /** Confirmed bookings of the property. */
  busy: readonly Interval[];
}

export function bookableWindow(now: Date, policy: SlotPolicy): Interval {
  return {
    start: new Date(now.getTime() + policy.minNoticeMinutes * 60_000),
    end: new Date(now.getTime() + policy.horizonDays * DAY_MS),
  };
}

export function conflictsWithBusy(slot: Interval, busy: readonly Interval[], bufferMinutes: number): boolean {
  const pad = bufferMinutes * 60_000;
  return busy.some((b) => overlaps(slot, { start: new Date(b.start.getTime() - pad), end: new Date(b.end.getTime() + pad) }));
}

/** Open slots: tour hours minus closures, bookings (with buffer), the notice period and the horizon. */
export function openSlots(input: OpenSlotsInput): Slot[] {
  const window = bookableWindow(input.now, input.policy);
  const out: Slot[] = [];
  for (const date of datesBetween(input.from, input.to)) {
    for (const slot of candidateSlotsForDate(date, input.timezone, input.rules, input.exceptions)) {
      if (slot.start < window.start || slot.start > window.end) continue;
      if (conflictsWithBusy(slot, input.busy, input.policy.bufferMinutes)) continue;
      out.push(slot);
    }
  }
  return out;
}

/** The tour-hours slot that starts exactly at `start`, if there is one. */
export function findSlotStartingAt(start: Date, tz: string, rules: readonly WeeklyRule[], exceptions: readonly DateException[]): Slot | undefined {
  return candidateSlotsForDate(localDateOf(start, tz), tz, rules, exceptions).find((s) => s.start.getTime() === start.getTime());
}
