/** Weekly tour hours of a property, in its own time zone. weekday: 0 = Sunday … 6 = Saturday. */
export interface WeeklyRule {
  weekday: number;
  start: string; // HH:MM local
  end: string; // HH:MM local
  slotMinutes: number;
}

/**
 * A dated change to the weekly rules. `closed` with no times closes the whole day;
 * with times it closes that part. `open` adds extra hours on that date.
 */
export interface DateException {
  date: string; // YYYY-MM-DD local
  kind: "closed" | "open";
  start: string | null;
  end: string | null;
  slotMinutes: number | null;
  note: string | null;
}

export interface Interval {
  start: Date;
  end: Date;
}

export interface Slot {
  start: Date;
  end: Date;
  /** Wall time in the property's zone, e.g. 2026-11-24T15:00. */
  local: string;
}

export interface SlotPolicy {
  minNoticeMinutes: number;
  horizonDays: number;
  bufferMinutes: number;
}
