import type { Catalog, CatalogEntry } from "./catalog";
import { containsPhrase, ORDINALS, words } from "./text";

// Words too common to identify a listing on their own.
const GENERIC = new Set(
  "park hill glen creek pearl live rose garden mount the a an at on of and apartments apartment residences residence lofts loft flats flat house houses commons court terrace gardens garden row block townhomes townhome studios studio works place landing view north south east west street st avenue ave blvd drive dr".split(
    " ",
  ),
);

/** Edit distance, capped: enough to forgive a typo in a name. */
function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length];
}

function distinctiveWords(e: CatalogEntry): string[] {
  return words(e.name)
    .split(" ")
    .filter((part) => part.length > 2 && !GENERIC.has(part));
}

function streetOf(e: CatalogEntry): { number: string; street: string } {
  const w = words(e.address);
  const m = /^(\d+)\s+(.*)$/.exec(w);
  const street = (m ? m[2] : w)
    .replace(/\b(st|street|ave|avenue|blvd|boulevard|dr|drive|rd|road|ln|lane|way)\b/g, "")
    .replace(/\b(n|s|e|w|ne|nw|se|sw)\b/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return { number: m ? m[1] : "", street };
}

/** Every listing the text names, best evidence first, without duplicates. */
export function findProperties(text: string, catalog: Catalog, among?: number[]): CatalogEntry[] {
  const w = words(text);
  const found: CatalogEntry[] = [];
  const add = (e: CatalogEntry) => {
    if (!found.includes(e)) found.push(e);
  };
  const inView = new Set(among ?? []);
  const pool = [...catalog.entries].sort((a, b) => Number(inView.has(b.id)) - Number(inView.has(a.id)));
  // Listings off the market are only recognised by their full name.
  const activePool = pool.filter((e) => e.active);
  // A street address with its number: "500 sw oak st".
  for (const e of pool) {
    const { number, street } = streetOf(e);
    if (number && street && new RegExp(`\\b${number}\\s+(?:(?:n|s|e|w|ne|nw|se|sw)\\s+)?${street}\\b`).test(w)) add(e);
  }
  // The whole name, with or without a leading "The".
  for (const e of pool) {
    const n = words(e.name);
    if (containsPhrase(w, n) || containsPhrase(w, n.replace(/^the /, ""))) add(e);
  }
  // A distinctive word of the name: "Alder", "Larimer", "Fernwod" (one typo forgiven).
  const tokens = w.split(" ");
  for (const e of activePool) {
    for (const part of distinctiveWords(e)) {
      if (
        containsPhrase(w, part) ||
        (part.length >= 6 && tokens.some((t) => t.length >= 5 && t[0] === part[0] && editDistance(t, part, 2) <= (part.length >= 9 ? 2 : 1)))
      ) {
        // "oak street" is a street, not "Live Oak Terrace", when a listing is on that street.
        const streetListing = catalog.entries.find(
          (x) => x !== e && streetOf(x).street === part && new RegExp(`\\b${part}\\s+(?:st|street|ave|avenue)\\b`).test(w),
        );
        add(streetListing ?? e);
        break;
      }
    }
  }
  // The street alone: "the Oak Street one", "on Larimer".
  for (const e of activePool) {
    const { street } = streetOf(e);
    if (street.length > 2 && /[a-z]{4}/.test(street) && !/^\d+(?:st|nd|rd|th)$/.test(street) && containsPhrase(w, street) && !GENERIC.has(street)) add(e);
  }
  return found;
}

/**
 * A listing the text names: by its address, its name ("the Alder", "maple court"), a
 * distinctive word of it ("Alder", even misspelt), or its street ("the Oak Street one").
 * Listings in view (`among`) win ties.
 */
export function findProperty(text: string, catalog: Catalog, among?: number[]): CatalogEntry | undefined {
  return findProperties(text, catalog, among)[0];
}

/** "the second one", "#2", "option 3", "number two", "the last one", "2nd" → 1-based index (or -1 for last). */
export function findOrdinal(folded: string): number | undefined {
  const t = folded.replace(/[?!.]+$/, "").trim();
  if (/\b(last|final) (one|option|time|slot|place)\b|^the last\b|^last$/.test(t)) return -1;
  const ord = /\b(first|second|third|fourth|fifth|sixth|1st|2nd|3rd|4th|5th|6th)\b(?!\s+(?:floor|week|of|day|bedroom|bed))/.exec(t);
  if (ord && (/\b(one|option|choice|time|slot|place|property|listing|apartment|unit|tour)\b/.test(t) || t.split(" ").length <= 3)) return ORDINALS[ord[1]];
  const num = /(?:^|\b(?:option|number|no\.?|choice|#)\s*)#?\s*([1-6])\b(?!\s*(?:bed|br|bd|bath|pm|am|:|st|nd|rd|th|k\b|\$))/.exec(t);
  if (num && (/\b(option|number|no\.?|choice)\b|#/.test(t) || /^[1-6]$/.test(t))) return Number(num[1]);
  const wordNum = /\b(?:option|number|choice) (one|two|three|four|five|six)\b/.exec(t);
  if (wordNum) return ["one", "two", "three", "four", "five", "six"].indexOf(wordNum[1]) + 1;
  return undefined;
}

/** Pronouns that point at the listing or time under discussion. */
export function refersBack(folded: string): boolean {
  return /\b(it|that one|this one|that place|this place|the place|that apartment|this apartment|the unit|that unit|there|that property|this property|the apartment)\b/.test(
    folded,
  );
}
