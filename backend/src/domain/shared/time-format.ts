/** Human wording of instants in a property's zone, e.g. "Tuesday, November 24 at 3:00 PM EST". */

const cache = new Map<string, Intl.DateTimeFormat>();

/** Locales dates are written in: US English, and Spanish as written in the Americas. */
export type DateLocale = "en" | "es";
const LOCALES: Record<DateLocale, string> = { en: "en-US", es: "es-US" };

function formatter(tz: string, options: Intl.DateTimeFormatOptions, locale: DateLocale = "en"): Intl.DateTimeFormat {
  const key = `${locale}|${tz}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALES[locale], { timeZone: tz, ...options });
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

export function formatTime(instant: Date, tz: string, locale: DateLocale = "en"): string {
  return formatter(tz, { hour: "numeric", minute: "2-digit" }, locale).format(instant);
}

export function formatDay(instant: Date, tz: string, withYear = false, locale: DateLocale = "en"): string {
  return formatter(tz, { weekday: "long", month: "long", day: "numeric", ...(withYear ? { year: "numeric" } : {}) }, locale).format(instant);
}

export function formatShortDay(instant: Date, tz: string, locale: DateLocale = "en"): string {
  return formatter(tz, { weekday: "short", month: "short", day: "numeric" }, locale).format(instant);
}

/** "Tuesday, November 24, 2026 at 3:00 PM EST"; in Spanish "martes, 24 de noviembre de 2026, a las 3:00 p.m. EST". */
export function formatLocalDateTime(instant: Date, tz: string, withYear = true, locale: DateLocale = "en"): string {
  const zone = zoneAbbreviation(instant, tz);
  if (locale === "es") return `${formatDay(instant, tz, withYear, "es")}, a las ${formatTime(instant, tz, "es")} ${zone}`;
  return `${formatDay(instant, tz, withYear)} at ${formatTime(instant, tz)} ${zone}`;
}
