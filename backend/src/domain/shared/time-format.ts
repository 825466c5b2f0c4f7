/** Human wording of instants in a property's zone, e.g. "Tuesday, November 24 at 3:00 PM EST". */

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(tz: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${tz}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone: tz, ...options });
    cache.set(key, f);
  }
  return f;
}

export function zoneAbbreviation(instant: Date, tz: string): string {
  const part = formatter(tz, { timeZoneName: "short", hour: "numeric" })
    .formatToParts(instant)
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? tz;
}

export function formatTime(instant: Date, tz: string): string {
  return formatter(tz, { hour: "numeric", minute: "2-digit" }).format(instant);
}

export function formatDay(instant: Date, tz: string, withYear = false): string {
  return formatter(tz, { weekday: "long", month: "long", day: "numeric", ...(withYear ? { year: "numeric" } : {}) }).format(instant);
}

export function formatShortDay(instant: Date, tz: string): string {
  return formatter(tz, { weekday: "short", month: "short", day: "numeric" }).format(instant);
}

/** "Tuesday, November 24, 2026 at 3:00 PM EST" */
export function formatLocalDateTime(instant: Date, tz: string, withYear = true): string {
  return `${formatDay(instant, tz, withYear)} at ${formatTime(instant, tz)} ${zoneAbbreviation(instant, tz)}`;
}
