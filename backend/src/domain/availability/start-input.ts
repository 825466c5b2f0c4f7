import { wallTimeToInstant } from "./slot-math";

const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const LOCAL = /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(:00(\.0{1,3})?)?$/;

/**
 * A tour start as people and programs write it: an ISO instant with an offset
 * ("2026-11-24T20:00:00Z") or a wall time without one ("2026-11-24T15:00"), read in `tz`.
 * Null when it is neither.
 */
export function parseStartInput(raw: string, tz: string): Date | null {
  const text = raw.trim();
  if (ZONED.test(text)) {
    const d = new Date(text);
    if (!Number.isNaN(d.getTime())) return d;
  }
  const m = LOCAL.exec(text);
  if (m) {
    const h = Number(m[2]);
    const min = Number(m[3]);
    if (h > 23 || min > 59) return null;
    return wallTimeToInstant(m[1], h * 60 + min, tz);
  }
  return null;
}
