import { tzOffset } from "@date-fns/tz";

/** Minutes to add to UTC to get local wall time in `tz` at `utcMs`. */
export function offsetMinutes(tz: string, utcMs: number): number {
  return tzOffset(tz, new Date(utcMs));
}

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
