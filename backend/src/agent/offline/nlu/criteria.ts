import type { PetKind } from "../../../domain/properties/property";
import type { Catalog } from "./catalog";
import { containsPhrase, numberFromWord, words } from "./text";

export interface CriteriaFinding {
  beds?: number;
  minBeds?: number;
  maxRent?: number;
  pets?: PetKind;
  /** The person said they have no pets. */
  noPets?: boolean;
  /** A city or neighbourhood from the catalogue, as the catalogue spells it. */
  location?: string;
  /** A place named in the text that the catalogue does not have ("in Seattle"). */
  unknownPlace?: string;
  moveInText?: string;
}

const NUM = "(\\d+|one|two|three|four|five|six|a|an|single|double)";
const BED_WORD = "(?:bed(?:room)?s?|br|bd|bdr|bdrm|bdrms|b/r|beds?|rooms?)";

/** Bedrooms: "2br", "two bedroom", "2 bed 2 bath", "2b2b", "studio", "at least 2 bedrooms", "3+ beds". */
export function findBeds(folded: string): { beds?: number; minBeds?: number } {
  if (/\b(studio|efficiency|bachelor)s?\b/.test(folded) && !/\b(\d|one|two|three|four)\s*-?\s*(bed|br)/.test(folded)) return { beds: 0 };
  const min =
    new RegExp(`\\b(?:at least|minimum(?: of)?|min\\.?)\\s+${NUM}\\s*-?\\s*${BED_WORD}\\b`).exec(folded) ??
    new RegExp(`\\b${NUM}\\s*(?:\\+|or more|or bigger|or larger|plus)\\s*-?\\s*${BED_WORD}\\b`).exec(folded) ??
    new RegExp(`\\b${NUM}\\s*-?\\s*${BED_WORD}\\s*(?:\\+|or more|or bigger|or larger|plus)`).exec(folded);
  if (min) {
    const n = numberFromWord(min[1]);
    if (n !== undefined && n <= 10) return { minBeds: n };
  }
  const compact = /\b(\d)\s*b\s*(?:\/|-)?\s*\d(?:\.5)?\s*b(?:a|ath)?\b/.exec(folded) ?? /\b(\d)\s*x\s*\d(?:\.5)?\b/.exec(folded);
  if (compact) return { beds: Number(compact[1]) };
  const exact = new RegExp(`\\b${NUM}\\s*-?\\s*${BED_WORD}\\b`).exec(folded);
  if (exact) {
    // "a room for my son" is not a bedroom count; "a bedroom" alone means one.
    if ((exact[1] === "a" || exact[1] === "an") && /rooms?$/.test(exact[0]) && !/bed/.test(exact[0])) return {};
    const n = numberFromWord(exact[1]);
    if (n !== undefined && n <= 10) return { beds: n };
  }
  if (/\bone bedroom\b|\b1 bedroom\b/.test(folded)) return { beds: 1 };
  return {};
}

function money(amount: string, k: string | undefined): number | undefined {
  const n = Number(amount.replace(/,/g, ""));
  if (!Number.isFinite(n)) return undefined;
  const value = k ? n * 1000 : n;
  // Monthly rents, not years, bedrooms or street numbers.
  return value >= 300 && value <= 50_000 ? Math.round(value) : undefined;
}

/** Budget: "under $2,800", "max 3k", "up to 2500/mo", "between 1500 and 2000", "$1800-2200", "budget is 2.5k". */
export function findBudget(folded: string): number | undefined {
  const AMT = "\\$?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(k)?";
  const range = new RegExp(`${AMT}\\s*(?:-|to|and)\\s*${AMT}\\s*(?:/|a |per )?(?:mo|month)?`).exec(folded);
  if (range && (/\$|k\b|budget|rent|month|mo\b|between/.test(folded))) {
    const hi = money(range[3], range[4] ?? range[2]);
    if (hi) return hi;
  }
  const capped = new RegExp(
    `\\b(?:under|below|less than|no more than|not more than|max(?:imum)?|up to|upto|at most|cap(?:ped)? at|within|budget(?: is| of|'s)?(?: around| about)?|afford|around|about|spend|<=?)\\s*(?:of\\s*)?${AMT}`,
  ).exec(folded);
  if (capped) {
    const v = money(capped[1], capped[2]);
    if (v) return v;
  }
  const trailing = new RegExp(`${AMT}\\s*(?:or less|or under|max|tops|at most|or below)\\b`).exec(folded);
  if (trailing) {
    const v = money(trailing[1], trailing[2]);
    if (v) return v;
  }
  const dollars = /\$\s*(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(k)?(?:\s*(?:\/|a |per )\s*(?:mo|month))?/.exec(folded);
  if (dollars && /budget|rent|month|\/mo|afford|pay|spend|max|under|around/.test(folded)) {
    const v = money(dollars[1], dollars[2]);
    if (v) return v;
  }
  const perMonth = /\b(\d{1,3}(?:,\d{3})+|\d{3,5})\s*(k)?\s*(?:\/|a |per )\s*(?:mo|month)\b/.exec(folded);
  if (perMonth) return money(perMonth[1], perMonth[2]);
  return undefined;
}

/** Pets: "I have a dog", "my cat", "two cats", "pet friendly", "no pets". */
export function findPets(folded: string): { pets?: PetKind; noPets?: boolean } {
  if (/\b(no|don't have|do not have|dont have|without)\s+(any\s+)?(pets?|animals?|dogs?|cats?)\b/.test(folded)) return { noPets: true };
  const dog = /\b(dogs?|pupp(y|ies)|pups?|doggos?|canines?|lab|labrador|retriever|terrier|poodle|beagle|bulldog|shepherd|husky|corgi|chihuahua|dachshund|pitbull|pit bull|golden doodle|goldendoodle|doodle)\b/.test(folded);
  const cat = /\b(cats?|kitt(y|ies|en|ens)|feline)\b/.test(folded);
  if (dog && cat) return { pets: "any" };
  if (dog) return { pets: "dog" };
  if (cat) return { pets: "cat" };
  if (/\b(pets?|pet[- ]friendly|animals?|furry friend|fur ?baby)\b/.test(folded)) return { pets: "any" };
  return {};
}

/** A city or neighbourhood of the catalogue mentioned anywhere in the text. */
export function findLocation(text: string, catalog: Catalog): { location?: string; unknownPlace?: string } {
  const w = words(text);
  let best: { name: string; len: number } | undefined;
  for (const name of [...catalog.neighborhoods, ...catalog.cities]) {
    const n = words(name);
    if (n === "downtown") continue; // needs a city to mean anything
    if (containsPhrase(w, n) && (!best || n.length > best.len)) best = { name, len: n.length };
  }
  const city = catalog.cities.find((c) => containsPhrase(w, words(c)));
  if (best) {
    // "east austin" is a neighbourhood; "austin" alone is the city.
    return { location: best.name };
  }
  if (/\bdowntown\b/.test(w)) return { location: city ? `Downtown ${city}` : "Downtown" };
  if (city) return { location: city };
  const place = /\b(?:in|near|around|at)\s+((?:[A-Z][a-zA-Z.'-]+)(?:\s+[A-Z][a-zA-Z.'-]+){0,2})/.exec(text);
  if (place && !/^(The|A|An|I|My|Our|Your|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b/.test(place[1])) {
    return { unknownPlace: place[1] };
  }
  return {};
}

/** Move-in wording: returns the fragment that names the date, for the date reader. */
export function findMoveIn(folded: string): string | undefined {
  const m =
    /\b(?:move|moving|move-in|movein|start(?:ing)?|need (?:it|a place|something)|lease start(?:ing)?|available|by|from|starting)\b[^.?!]*?\b(asap|immediately|right away|now|today|tomorrow|next week|next month|this month|(?:early|mid|late|end of|beginning of|start of)\s+\w+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)/.exec(
      folded,
    );
  if (!m) return undefined;
  if (!/\b(move|moving|move-in|movein|lease|need (?:it|a place|something)|available|start)/.test(folded)) return undefined;
  return m[1];
}

export function findCriteria(text: string, folded: string, catalog: Catalog): CriteriaFinding {
  const out: CriteriaFinding = {};
  Object.assign(out, findBeds(folded));
  const budget = findBudget(folded);
  if (budget !== undefined) out.maxRent = budget;
  Object.assign(out, findPets(folded));
  Object.assign(out, findLocation(text, catalog));
  const moveIn = findMoveIn(folded);
  if (moveIn) out.moveInText = moveIn;
  return out;
}
