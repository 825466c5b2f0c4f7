import { RandomBytePool } from "./pooled-random";

/** The URL-safe base64 characters in ASCII order, so that encoded numbers sort as they compare. */
const SORTED_ALPHABET = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

/**
 * A time in ms as 8 characters of SORTED_ALPHABET (48 bits: until the year 10889), so later
 * times give strings that sort later.
 */
export function sortableTime(ms: number): string {
  let out = "";
  let rest = Math.floor(ms);
  for (let i = 0; i < 8; i++) {
    out = SORTED_ALPHABET[rest % 64] + out;
    rest = Math.floor(rest / 64);
  }
  return out;
}

/** Drawn 4 KiB at a time: a native call for every token costs more than the rest of the token. */
const tokenRandomness = new RandomBytePool();

/**
 * A secret, URL-safe token of 32 characters: the time it was made (8 characters) and then 18
 * random bytes (144 bits, 24 characters). Tokens made later sort later, so a unique index on
 * them grows at its end, one page shared by a whole commit, instead of dirtying a random page
 * of the index for every new row. The secret is the random part; the time is not.
 */
export function timeOrderedToken(now: number = Date.now()): string {
  return sortableTime(now) + tokenRandomness.take(18).toString("base64url");
}
