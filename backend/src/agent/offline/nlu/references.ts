import type { Catalog, CatalogEntry } from "./catalog";
import { containsPhrase, ORDINALS, words } from "./text";

// Words too common to identify a listing on their own.
const GENERIC = new Set(
  "the a an at on of and apartments apartment residences residence lofts loft flats flat house houses commons court terrace gardens garden row block townhomes townhome studios studio works place landing view north south east west street st avenue ave blvd drive dr".split(
    " ",
  ),
);

/**
 * A listing the text names: by its name ("the Alder", "maple court"), a distinctive word of
 * it ("Alder"), or its street ("the Oak Street one", "on Larimer"). `among` narrows the
 * search to listings in view; when nothing in view matches, the whole catalogue is tried.
 */
export function findProperty(text: string, catalog: Catalog, among?: number[]): CatalogEntry | undefined {
  const w = words(text);
  const pools: CatalogEntry[][] = [];
  if (among?.length) pools.push(among.map((id) => catalog.entries.find((e) => e.id === id)).filter((e): e is CatalogEntry => Boolean(e)));
  pools.push(catalog.entries);
  for (const pool of pools) {
    // Whole name, with or without a leading "The".
    const byName = pool.filter((e) => {
      const n = words(e.name);
      return containsPhrase(w, n) || containsPhrase(w, n.replace(/^the /, ""));
    });
    if (byName.length === 1) return byName[0];
    if (byName.length > 1) return byName.sort((a, b) => words(b.name).length - words(a.name).length)[0];
    // Distinctive words of the name ("Alder", "Maple Court").
    const byWord = pool.filter((e) =>
      words(e.name)
        .split(" ")
        .some((part) => part.length > 2 && !GENERIC.has(part) && containsPhrase(w, part)),
    );
    if (byWord.length === 1) return byWord[0];
    // The street: "oak street", "on larimer", "1200 lincoln".
    const byStreet = pool.filter((e) => {
      const street = words(e.address).replace(/^\d+\s+/, "").replace(/\b(st|street|ave|avenue|blvd|boulevard|dr|drive|rd|road|ln|lane|way)\b/g, "").replace(/\b(n|s|e|w|ne|nw|se|sw)\b/g, "").trim();
      return street.length > 2 && containsPhrase(w, street);
    });
    if (byStreet.length === 1) return byStreet[0];
  }
  return undefined;
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
  return /\b(it|that one|this one|that place|this place|the place|that apartment|this apartment|the unit|that unit|there|that property|this property|the apartment)\b/.test(folded);
}
