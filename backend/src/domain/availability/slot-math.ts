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

/** One slot of a day's tour hours as plain numbers: UTC start and end in ms, and its local wall time. */
interface SlotTime {
  readonly startMs: number;
  readonly endMs: number;
  readonly local: string;
}

function computeSlotTimes(date: string, tz: string, rules: readonly WeeklyRule[], exceptions: readonly DateException[]): readonly SlotTime[] {
  const { windows, closed } = windowsForDate(date, rules, exceptions);
  if (windows.length === 0) return [];
  const dayWall = Date.parse(`${date}T00:00:00Z`);
  const byStart = new Map<number, SlotTime>();
  for (const w of windows) {
    if (w.slotMinutes <= 0) continue;
    for (let m = w.startMin; m + w.slotMinutes <= w.endMin; m += w.slotMinutes) {
      if (closed.some((c) => m < c.endMin && c.startMin < m + w.slotMinutes)) continue;
      const startMs = wallToUtc(dayWall + m * 60_000, tz);
      if (startMs === null || byStart.has(startMs)) continue;
      const local = m < 24 * 60 ? `${date}T${pad(Math.floor(m / 60))}:${pad(m % 60)}` : toLocalString(new Date(startMs), tz);
      byStart.set(startMs, Object.freeze({ startMs, endMs: startMs + w.slotMinutes * 60_000, local }));
    }
  }
  return Object.freeze([...byStart.values()].sort((a, b) => a.startMs - b.startMs));
}

/**
 * A day's slot times depend only on the zone, the date, the weekly rules and that date's
 * exceptions, and every booking and every search asks for the same few days again. They are
 * kept per rules array (the repository hands out one array per property until the hours
 * change, and an array is never changed once handed out), for up to SLOT_DAYS_KEPT days each.
 */
const slotDays = new WeakMap<readonly WeeklyRule[], Map<string, readonly SlotTime[]>>();
const SLOT_DAYS_KEPT = 1024;

function slotTimesForDate(date: string, tz: string, rules: readonly WeeklyRule[], exceptions: readonly DateException[]): readonly SlotTime[] {
  const todays = exceptions.filter((e) => e.date === date);
  const key = todays.length === 0 ? `${tz} ${date}` : `${tz} ${date} ${JSON.stringify(todays.map((e) => [e.kind, e.start, e.end, e.slotMinutes]))}`;
  let days = slotDays.get(rules);
  if (!days) {
    days = new Map();
    slotDays.set(rules, days);
  }
  let times = days.get(key);
  if (!times) {
    times = computeSlotTimes(date, tz, rules, todays);
    if (days.size >= SLOT_DAYS_KEPT) days.clear();
    days.set(key, times);
  }
  return times;
}

const toSlot = (t: SlotTime): Slot => ({ start: new Date(t.startMs), end: new Date(t.endMs), local: t.local });

/** Every slot the tour hours define on a local date, before bookings and notice are considered. */
export function candidateSlotsForDate(date: string, tz: string, rules: readonly WeeklyRule[], exceptions: readonly DateException[]): Slot[] {
  return slotTimesForDate(date, tz, rules, exceptions).map(toSlot);
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
  /** Confirmed bookings of the property, or an index of them built with the policy's buffer. */
  busy: readonly Interval[] | BusyIndex;
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

/**
 * Busy intervals sorted for fast overlap tests: a binary search finds the bookings that start
 * before a slot ends, and only those starting within the longest booking's length are checked.
 */
export class BusyIndex {
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly maxLength: number;

  constructor(busy: readonly Interval[], bufferMinutes: number) {
    const pad = bufferMinutes * 60_000;
    const sorted = busy.map((b) => [b.start.getTime() - pad, b.end.getTime() + pad] as const).sort((a, b) => a[0] - b[0]);
    this.starts = sorted.map((x) => x[0]);
    this.ends = sorted.map((x) => x[1]);
    this.maxLength = sorted.reduce((m, x) => Math.max(m, x[1] - x[0]), 0);
  }

  overlaps(start: number, end: number): boolean {
    // First busy interval starting at or after `end`: none from there on can overlap.
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] < end) lo = mid + 1;
      else hi = mid;
    }
    for (let j = lo - 1; j >= 0 && this.starts[j] > start - this.maxLength; j--) {
      if (this.ends[j] > start) return true;
    }
    return false;
  }
}

/** Open slots: tour hours minus closures, bookings (with buffer), the notice period and the horizon. */
export function openSlots(input: OpenSlotsInput): Slot[] {
  const window = bookableWindow(input.now, input.policy);
  const from = window.start.getTime();
  const to = window.end.getTime();
  const busy = input.busy instanceof BusyIndex ? input.busy : new BusyIndex(input.busy, input.policy.bufferMinutes);
  const out: Slot[] = [];
  for (const date of datesBetween(input.from, input.to)) {
    for (const t of slotTimesForDate(date, input.timezone, input.rules, input.exceptions)) {
      if (t.startMs < from || t.startMs > to) continue;
      if (busy.overlaps(t.startMs, t.endMs)) continue;
      out.push(toSlot(t));
    }
  }
  return out;
}

/** The tour-hours slot that starts exactly at `start`, if there is one. */
export function findSlotStartingAt(start: Date, tz: string, rules: readonly WeeklyRule[], exceptions: readonly DateException[]): Slot | undefined {
  const ms = start.getTime();
  const t = slotTimesForDate(localDateOf(start, tz), tz, rules, exceptions).find((x) => x.startMs === ms);
  return t && toSlot(t);
}
