import { AppError } from "../../shared/app-error";
import type { Clock } from "../../shared/clock";
import type { Property } from "../properties/property";
import type { DateException, Interval, Slot, SlotPolicy, WeeklyRule } from "./availability";
import { addDays, bookableWindow, conflictsWithBusy, findSlotStartingAt, isIsoDate, localDateOf, openSlots } from "./slot-math";

export interface AvailabilityRepository {
  rulesFor(propertyId: number): WeeklyRule[];
  exceptionsFor(propertyId: number, fromDate: string, toDate: string): DateException[];
  replaceRules(propertyId: number, rules: WeeklyRule[]): void;
  addException(propertyId: number, e: DateException): number;
  removeException(propertyId: number, id: number): boolean;
  exceptionsWithIds(propertyId: number, fromDate: string): Array<DateException & { id: number }>;
}

export interface BusyTimesRepository {
  /** Confirmed bookings of a property that overlap [from, to). */
  confirmedIntervals(propertyId: number, from: Date, to: Date): Interval[];
}

const MAX_RANGE_DAYS = 62;

export class AvailabilityService {
  constructor(
    private readonly availability: AvailabilityRepository,
    private readonly busy: BusyTimesRepository,
    private readonly clock: Clock,
    readonly policy: SlotPolicy,
  ) {}

  /** Open slots over local dates [from, to] in the property's zone. Defaults: the next 7 days. */
  openSlots(property: Property, range: { from?: string; to?: string } = {}): Slot[] {
    const now = this.clock.now();
    const today = localDateOf(now, property.timezone);
    const from = range.from ?? today;
    const to = range.to ?? addDays(from, 6);
    for (const [name, value] of [
      ["from", from],
      ["to", to],
    ] as const) {
      if (!isIsoDate(value)) throw new AppError("validation", `"${name}" must be a date like 2026-11-24.`);
    }
    if (to < from) throw new AppError("validation", `"to" must not be before "from".`);
    if (Date.parse(to) - Date.parse(from) > MAX_RANGE_DAYS * 86_400_000) {
      throw new AppError("validation", `A date range may span at most ${MAX_RANGE_DAYS} days.`);
    }
    return this.compute(property, from, to, now);
  }

  private compute(property: Property, from: string, to: string, now: Date): Slot[] {
    const rules = this.availability.rulesFor(property.id);
    const exceptions = this.availability.exceptionsFor(property.id, from, to);
    const busy = this.busy.confirmedIntervals(
      property.id,
      new Date(Date.parse(`${from}T00:00:00Z`) - 2 * 86_400_000),
      new Date(Date.parse(`${to}T00:00:00Z`) + 3 * 86_400_000),
    );
    return openSlots({ timezone: property.timezone, rules, exceptions, from, to, now, policy: this.policy, busy });
  }

  /**
   * The open slots nearest to a wanted instant (before or after), closest first, then put
   * in time order. Days are searched outward from the wanted day, up to a week either side,
   * and the search stops as soon as no farther day can hold a closer slot.
   */
  nearestOpenSlots(property: Property, around: Date, count = 3): Slot[] {
    const now = this.clock.now();
    const anchor = around < now ? now : around;
    const day = localDateOf(anchor, property.timezone);
    const rules = this.availability.rulesFor(property.id);
    const exceptions = this.availability.exceptionsFor(property.id, addDays(day, -7), addDays(day, 7));
    // Two days to spare either side for the zone's offset and tours that cross midnight.
    const busy = this.busy.confirmedIntervals(property.id, new Date(anchor.getTime() - 9 * 86_400_000), new Date(anchor.getTime() + 9 * 86_400_000));
    const found: Array<{ s: Slot; d: number }> = [];
    for (let step = 0; step <= 7; step++) {
      // A slot on a day `step` days away is at least (step - 1) whole days from the anchor.
      if (found.length >= count && (step - 1) * 86_400_000 > found[count - 1].d) break;
      for (const date of step === 0 ? [day] : [addDays(day, -step), addDays(day, step)]) {
        const slots = openSlots({ timezone: property.timezone, rules, exceptions, from: date, to: date, now, policy: this.policy, busy });
        for (const s of slots) found.push({ s, d: Math.abs(s.start.getTime() - anchor.getTime()) });
      }
      found.sort((a, b) => a.d - b.d || a.s.start.getTime() - b.s.start.getTime());
    }
    return found
      .slice(0, count)
      .map((x) => x.s)
      .sort((a, b) => a.start.getTime() - b.start.getTime());
  }

  /**
   * The tour-hours slot starting at `start`, or a precise error: in the past, too soon,
   * too far ahead, or not a tour time. Does not look at other bookings.
   */
  requireTourSlot(property: Property, start: Date): Slot {
    const now = this.clock.now();
    if (Number.isNaN(start.getTime())) throw new AppError("validation", "The start time is not a valid date.");
    if (start.getTime() <= now.getTime()) {
      throw new AppError("slot_in_past", "That time has already passed.");
    }
    const window = bookableWindow(now, this.policy);
    if (start < window.start) {
      throw new AppError("insufficient_notice", `Tours need at least ${formatNotice(this.policy.minNoticeMinutes)} notice.`);
    }
    if (start > window.end) {
      throw new AppError("beyond_horizon", `Tours can be booked up to ${this.policy.horizonDays} days ahead.`);
    }
    const date = localDateOf(start, property.timezone);
    const slot = findSlotStartingAt(
      start,
      property.timezone,
      this.availability.rulesFor(property.id),
      this.availability.exceptionsFor(property.id, date, date),
    );
    if (!slot) throw new AppError("outside_tour_hours", "That time is outside the property's tour hours.");
    return slot;
  }

  /** Tour hours of a listing: weekly rules and dated exceptions from today on. */
  hours(property: Property): { rules: WeeklyRule[]; exceptions: Array<DateException & { id: number }> } {
    return {
      rules: this.availability.rulesFor(property.id),
      exceptions: this.availability.exceptionsWithIds(property.id, localDateOf(this.clock.now(), property.timezone)),
    };
  }

  setRules(property: Property, rules: WeeklyRule[]): WeeklyRule[] {
    for (const r of rules) validateWindow(r.start, r.end, r.slotMinutes, Number.isInteger(r.weekday) && r.weekday >= 0 && r.weekday <= 6);
    this.availability.replaceRules(property.id, rules);
    return this.availability.rulesFor(property.id);
  }

  /** Adds a closure (whole day without times, or part of it) or extra hours on a date. */
  addException(property: Property, e: DateException): number {
    if (!isIsoDate(e.date)) throw new AppError("validation", "date: must look like 2026-12-24");
    if (e.kind === "open" || e.start || e.end) validateWindow(e.start ?? "", e.end ?? "", e.slotMinutes ?? 30, true);
    return this.availability.addException(property.id, e);
  }

  removeException(property: Property, id: number): void {
    if (!this.availability.removeException(property.id, id)) throw new AppError("not_found", `No exception ${id} for this property.`);
  }

  conflictsWith(slot: Interval, busy: readonly Interval[]): boolean {
    return conflictsWithBusy(slot, busy, this.policy.bufferMinutes);
  }
}

function validateWindow(start: string, end: string, slotMinutes: number, weekdayOk: boolean): void {
  const hm = /^([01]\d|2[0-3]):[0-5]\d$/;
  const problems: string[] = [];
  if (!weekdayOk) problems.push("weekday: 0 (Sunday) to 6 (Saturday)");
  if (!hm.test(start) || !hm.test(end)) problems.push("start and end: times like 09:30");
  else if (end <= start) problems.push("end must be after start");
  if (!Number.isInteger(slotMinutes) || slotMinutes < 5 || slotMinutes > 240) problems.push("slotMinutes: 5 to 240");
  if (problems.length) throw new AppError("validation", problems.join("; "));
}

function formatNotice(minutes: number): string {
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? "" : "s"}'`;
  return `${minutes} minutes'`;
}
