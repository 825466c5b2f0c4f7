/**
 * Fast, exact UTC offsets for IANA zones. Offsets only change on 15-minute UTC boundaries in
 * every zone in the tz database, so the offset is looked up once per zone and 15-minute
 * bucket with Intl and cached.
 */

const BUCKET_MS = 15 * 60_000;
const MAX_ENTRIES = 200_000;
const offsets = new Map<string, Map<number, number>>();
let entries = 0;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: tz,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(tz, f);
  }
  return f;
}

function computeOffset(tz: string, utcMs: number): number {
  const parts = formatterFor(tz).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour") % 24, get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

/** Minutes to add to UTC to get local wall time in `tz` at `utcMs`. */
export function offsetMinutes(tz: string, utcMs: number): number {
  const bucket = Math.floor(utcMs / BUCKET_MS);
  let zone = offsets.get(tz);
  if (!zone) {
    zone = new Map();
    offsets.set(tz, zone);
  }
  let off = zone.get(bucket);
  if (off === undefined) {
    off = computeOffset(tz, bucket * BUCKET_MS);
    if (++entries > MAX_ENTRIES) {
      offsets.clear();
      entries = 1;
      zone = new Map();
      offsets.set(tz, zone);
    }
    zone.set(bucket, off);
  }
  return off;
}

/** Throws a RangeError for an unknown zone name. */
/** The UTC instant showing `wallMs` (wall time encoded as if it were UTC) in `tz`; null in a DST gap. */
export function wallToUtc(wallMs: number, tz: string): number | null {
  let guess = wallMs - offsetMinutes(tz, wallMs) * 60_000;
  for (let i = 0; i < 3; i++) {
    const next = wallMs - offsetMinutes(tz, guess) * 60_000;
    if (next === guess) break;
    guess = next;
  }
  // In a gap (spring forward) no instant shows this wall time.
  if (guess + offsetMinutes(tz, guess) * 60_000 !== wallMs) return null;
  // In an overlap (fall back) the same wall time shows twice: take the earlier instant.
  let best = guess;
  for (const probe of [guess - 86_400_000, guess + 86_400_000]) {
    const candidate = wallMs - offsetMinutes(tz, probe) * 60_000;
    if (candidate < best && candidate + offsetMinutes(tz, candidate) * 60_000 === wallMs) best = candidate;
  }
  return best;
}

/** Wall time of `utcMs` in `tz`, encoded as a UTC timestamp (read it with getUTC*). */
export function utcToWall(utcMs: number, tz: string): number {
  return utcMs + offsetMinutes(tz, utcMs) * 60_000;
}
