import type { PetKind } from "../../../domain/properties/property";
import type { Catalog } from "./catalog";
import { containsPhrase, numberFromWord, words } from "./text";

export interface CriteriaFinding {
  beds?: number;
  minBeds?: number;
  maxBeds?: number;
  maxRent?: number;
  minBaths?: number;
  features?: string[];
  /** "the cheapest": rank by rent. */
  cheapest?: boolean;
  pets?: PetKind;
  /** "my 70 lb lab": the dog's weight in pounds. */
  petWeightLbs?: number;
  /** The person said they have no pets. */
  noPets?: boolean;
  /** A city or neighbourhood from the catalogue, as the catalogue spells it. */
  location?: string;
  /** A place named in the text that the catalogue does not have ("in Seattle"). */
  unknownPlace?: string;
  moveInText?: string;
}

const NUM = "(\\d+|one|two|three|four|five|six|a|an|single|double|una|un|dos|tres|cuatro)";
const BED_WORD = "(?:bed(?:room)?s?|br|bd|bdr|bdrm|bdrms|b/r|beds?|sleeping ?rooms?|rooms?|rec[aá]maras?|habitaci[oó]n(?:es)?|dormitorios?|cuartos?)";

const STUDIO = "(?:a\\s+)?(?:studio|efficiency|bachelor)s?";

/** A range of sizes: "studio or 1br", "1 or 2 bedrooms", "2-3 beds", "up to 2 bedrooms". */
function findBedRange(folded: string): { minBeds?: number; maxBeds?: number } | undefined {
  const OR = "\\s*(?:or|to|-|–|/|through)\\s*(?:an?\\s+)?";
  const studioOr =
    new RegExp(`\\b${STUDIO}${OR}${NUM}\\s*-?\\s*${BED_WORD}`).exec(folded) ?? new RegExp(`\\b${NUM}\\s*-?\\s*${BED_WORD}${OR}${STUDIO}\\b`).exec(folded);
  if (studioOr) {
    const n = numberFromWord(studioOr[1]);
    if (n !== undefined && n >= 1 && n <= 10) return { minBeds: 0, maxBeds: n };
  }
  const between = new RegExp(`\\b${NUM}\\s*(?:-?\\s*${BED_WORD})?${OR}${NUM}\\s*-?\\s*${BED_WORD}\\b`).exec(folded);
  if (between) {
    const a = numberFromWord(between[1]);
    const b = numberFromWord(between[2]);
    if (a !== undefined && b !== undefined && b > a && b <= 10 && !/^(a|an)$/.test(between[1])) return { minBeds: a, maxBeds: b };
  }
  const atMost = new RegExp(`\\b(?:up to|at most|no more than|not more than|max(?:imum)?(?: of)?)\\s+${NUM}\\s*-?\\s*${BED_WORD}\\b`).exec(folded);
  if (atMost) {
    const n = numberFromWord(atMost[1]);
    if (n !== undefined && n <= 10) return { maxBeds: n };
  }
  return undefined;
}

/**
 * Bedrooms: "2br", "two bedroom", "2 bed 2 bath", "2b2b", "studio", "at least 2 bedrooms",
 * "3+ beds", and ranges such as "studio or 1br" or "1-2 bedrooms".
 */
export function findBeds(folded: string): { beds?: number; minBeds?: number; maxBeds?: number } {
  const range = findBedRange(folded);
  if (range) return range;
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
  if (k === "grand") k = "k";
  const n = Number(amount.replace(/,/g, ""));
  if (!Number.isFinite(n)) return undefined;
  const value = k ? n * 1000 : n;
  // Monthly rents, not years, bedrooms or street numbers.
  return value >= 300 && value <= 50_000 ? Math.round(value) : undefined;
}

/** Budget: "under $2,800", "max 3k", "up to 2500/mo", "between 1500 and 2000", "$1800-2200", "budget is 2.5k". */
/** "twenty five hundred", "two thousand five hundred", "three grand": amounts in words, as digits. */
function amountsInWords(t: string): string {
  const UNIT: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9 };
  const TENS: Record<string, number> = {
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    twenty: 20,
    thirty: 30,
    forty: 40,
    fifty: 50,
  };
  const unit = Object.keys(UNIT).join("|");
  const tens = Object.keys(TENS).join("|");
  return t
    .replace(new RegExp(`\\b(${tens})(?:[- ](${unit}))? hundred\\b`, "g"), (_m, a: string, b?: string) => String((TENS[a] + (b ? UNIT[b] : 0)) * 100))
    .replace(new RegExp(`\\b(${unit}) thousand(?: (?:and )?(${unit}) hundred)?\\b`, "g"), (_m, a: string, b?: string) =>
      String(UNIT[a] * 1000 + (b ? UNIT[b] * 100 : 0)),
    )
    .replace(new RegExp(`\\b(${unit}) (grand|k)\\b`, "g"), (_m, a: string, k: string) => `${UNIT[a]} ${k}`);
}

export function findBudget(text: string): number | undefined {
  const folded = amountsInWords(text);
  const AMT = "\\$?\\s*(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)\\s*(k|grand)?";
  // "around 2k": about, so a little over is fine.
  const approx =
    new RegExp(`\\b(?:around|about|roughly|approximately|approx\\.?|ish|close to|in the range of)\\s*${AMT}`).exec(folded) ??
    new RegExp(`${AMT}\\s*-?ish\\b`).exec(folded);
  if (approx) {
    const v = money(approx[1], approx[2]);
    if (v) return Math.round((v * 1.1) / 50) * 50;
  }
  const range = new RegExp(`${AMT}\\s*(?:-|to|and)\\s*${AMT}\\s*(?:/|a |per )?(?:mo|month)?`).exec(folded);
  if (range && /\$|k\b|budget|rent|month|mo\b|between/.test(folded)) {
    const hi = money(range[3], range[4] ?? range[2]);
    if (hi) return hi;
  }
  const capped = new RegExp(
    `\\b(?:under|below|less than|no more than|not more than|max(?:imum)?|up to|upto|at most|cap(?:ped)? at|within|budget(?: is| of|'s)?|afford|spend|pay|(?:can'?t|cannot|can not|won'?t|don'?t want to)\\s+(?:go|spend|pay|do)\\s+(?:over|above|more than|beyond|past)|(?:nothing|not)\\s+(?:over|above|more than|beyond)|<=?)\\s*(?:of\\s*)?${AMT}`,
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
export function findPets(folded: string): { pets?: PetKind; noPets?: boolean; petWeightLbs?: number } {
  if (/\b(no|don't have|do not have|dont have|without)\s+(any\s+)?(pets?|animals?|dogs?|cats?)\b/.test(folded)) return { noPets: true };
  const weight = /\b(\d{1,3})\s*-?\s*(?:lb|lbs|pounds?)\b/.exec(folded);
  const found = findPetKind(folded);
  if (weight && found.pets && found.pets !== "cat" && !/\b(?:limit|max(?:imum)?|up to|under)\b[^.?!]{0,12}$/.test(folded.slice(0, weight.index)))
    return { ...found, petWeightLbs: Number(weight[1]) };
  return found;
}

function findPetKind(folded: string): { pets?: PetKind } {
  const dog =
    /\b(dogs?|pupp(y|ies)|pups?|doggos?|canines?|lab|labrador|retriever|terrier|poodle|beagle|bulldog|shepherd|husky|corgi|chihuahua|dachshund|pitbull|pit bull|golden doodle|goldendoodle|doodle|perros?|perritos?)\b/.test(
      folded,
    );
  const cat = /\b(cats?|kitt(y|ies|en|ens)|feline|gatos?|gatitos?)\b/.test(folded);
  if (dog && cat) return { pets: "both" };
  if (dog) return { pets: "dog" };
  if (cat) return { pets: "cat" };
  if (/\b(pets?|pet[- ]friendly|animals?|furry friend|fur ?baby)\b/.test(folded)) return { pets: "any" };
  return {};
}

// Words of neighbourhood names too generic to identify one alone.
const GENERIC_PLACE = new Set([
  "district",
  "park",
  "hill",
  "east",
  "west",
  "north",
  "south",
  "end",
  "the",
  "arts",
  "garden",
  "plain",
  "city",
  "creek",
  "mount",
  "glen",
  "rose",
  "back",
  "bay",
  "square",
  "village",
  "heights",
  "point",
]);
// Words after "in"/"near" that are not places.
const NOT_PLACE = new Set(
  "the a an my your our person unit building town city area morning afternoon evening night week weekend month year general total advance mind time touch case fact particular person-to-person full cash person order addition person total".split(
    " ",
  ),
);

function distance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) dp[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) dp[i][j] = Math.min(dp[i - 1][j] + 1, dp[i][j - 1] + 1, dp[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return dp[a.length][b.length];
}

/** True when the words contain the name, allowing one typo in names of six letters or more ("portand", "san hose"). */
function containsFuzzy(w: string, n: string): boolean {
  if (containsPhrase(w, n)) return true;
  if (n.length < 6) return false;
  const tokens = w.split(" ");
  const size = n.split(" ").length;
  for (let i = 0; i + size <= tokens.length; i++) {
    const gram = tokens.slice(i, i + size).join(" ");
    if (gram[0] === n[0] && Math.abs(gram.length - n.length) <= 1 && distance(gram, n) <= 1) return true;
  }
  return false;
}

/** Names of the catalogue mentioned in the text, longest first, skipping ones after "not". */
function mentioned(w: string, names: string[]): string[] {
  return names
    .filter((name) => {
      const n = words(name);
      if (!containsFuzzy(w, n)) return false;
      return !new RegExp(`\\b(?:not|no|instead of|rather than)\\s+(?:in\\s+)?${n}\\b`).test(w);
    })
    .sort((a, b) => b.length - a.length);
}

/** A city or neighbourhood of the catalogue mentioned anywhere in the text. */
export function findLocation(text: string, catalog: Catalog): { location?: string; unknownPlace?: string } {
  const w = words(text);
  const hoods = mentioned(
    w,
    catalog.neighborhoods.filter((h) => words(h) !== "downtown"),
  );
  const cities = mentioned(w, catalog.cities);
  // "east austin" is a neighbourhood; "austin" alone is the city.
  if (hoods.length) return { location: hoods[0] };
  if (/\bdowntown\b/.test(w) && !/\bnot downtown\b/.test(w)) return { location: cities[0] ? `Downtown ${cities[0]}` : "Downtown" };
  // "Austin or Denver", "Boston and Portland": either place (the search takes both words).
  if (
    cities.length > 1 &&
    new RegExp(`\\b(?:${cities.map((c) => words(c)).join("|")})\\b\\s*(?:,|/|or|and|&)\\s*(?:in\\s+)?\\b(?:${cities.map((c) => words(c)).join("|")})\\b`).test(
      w,
    )
  ) {
    return { location: [...cities].sort((a, b) => w.indexOf(words(a)) - w.indexOf(words(b))).join(" or ") };
  }
  if (cities.length) return { location: cities[0] };
  // A distinctive word of a neighbourhood: "the pearl", "capitol", "jamaica".
  for (const h of catalog.neighborhoods) {
    const parts = words(h)
      .split(" ")
      .filter((p) => p.length > 3 && !GENERIC_PLACE.has(p));
    if (parts.some((p) => containsPhrase(w, p))) return { location: h };
  }
  // A place we do not have: "anything in Seattle?", "apartments near chicago".
  const place =
    /\b(?:in|near|around)\s+((?:[A-Z][a-zA-Z.'-]+)(?:\s+[A-Z][a-zA-Z.'-]+){0,2})/.exec(text) ??
    /\b(?:anything|something|places?|apartments?|listings?|rentals?|homes?|units?|studios?|houses?|condos?|bedrooms?|br|moving|relocating|move)\s+(?:available\s+)?(?:in|near|to)\s+([a-z][a-z.'-]{2,}(?:\s+[a-z][a-z.'-]{2,})?)\s*(?:[?.!,]|$)/.exec(
      text.trim().toLowerCase(),
    );
  const candidate = place?.[1];
  if (
    candidate &&
    !NOT_PLACE.has(candidate.toLowerCase().split(" ")[0]) &&
    !/^(The|A|An|I|My|Our|Your|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Tomorrow)\b/i.test(
      candidate,
    ) &&
    !/^(person|unit|mind|time|advance|total|general|cash|full|order|case|fact|particular|touch|the|a|an|my|your|this|that|town|here|there|it|them|one|studio|apartment|place|bed|beds|bedroom|bedrooms|noon|morning|afternoon|evening|circles|tour|look|work|notice|line|touch|charge|mind|stock|budget|total|person|\d)/i.test(
      candidate,
    ) &&
    !/^(Noon|Circles|Tour|Look|Work|Notice|Person|Unit|Mind|Time|Town|Charge|Touch|Case|Fact|General|Advance|Total|Cash|Full|Order|Line|Stock|Budget|Love|Need|Trouble|Luck|Hurry|Rush|Pain|Shape|Debt|Person|The)\b/.test(
      candidate,
    )
  ) {
    return { unknownPlace: candidate.replace(/\b\w/g, (c) => c.toUpperCase()) };
  }
  return {};
}

/** Bathrooms: "2 bath", "2ba", "two bathrooms", "2b2b". */
export function findBaths(folded: string): number | undefined {
  const m =
    new RegExp(`\\b${NUM}(?:\\.5)?\\s*-?\\s*(?:ba|bath|baths|bathroom|bathrooms|bth)\\b`).exec(folded) ??
    /\b\d\s*b\s*\/?\s*(\d)(?:\.5)?\s*b(?:a|ath)?\b/.exec(folded);
  if (!m) return undefined;
  const n = numberFromWord(m[1]);
  return n !== undefined && n >= 1 && n <= 6 ? n : undefined;
}

const FEATURES: Array<[RegExp, string]> = [
  [/\b(in[- ]unit (?:laundry|washer|w\/d)|washer(?: and |\/| & )dryer|w\/d in unit|own washer)\b/, "in-unit laundry"],
  [/\b(garage)\b/, "garage"],
  [/\b(parking|car space|parking spot|carport)\b/, "parking"],
  [/\b(fireplace)\b/, "fireplace"],
  [/\b(elevator|lift)\b/, "elevator"],
  [/\b(heat(?:ing)? included|includes? heat(?:ing)?|heat is included)\b/, "heat included"],
  [/\b(patio|deck|terrace|outdoor space|porch)\b/, "outdoor space"],
  [/\b(storage)\b/, "storage"],
  [/\b(pool|swimming)\b/, "pool"],
  [/\b(gym|fitness)\b/, "fitness center"],
  [/\b(balcony|balconies)\b/, "balcony"],
  [/\b(yard|backyard|garden)\b/, "yard"],
  [/\b(dishwasher)\b/, "dishwasher"],
  [/\b(ev charg\w*|electric car charg\w*)\b/, "EV charging"],
  [/\b(rooftop|roof deck)\b/, "roof"],
  [/\b(concierge|doorman)\b/, "concierge"],
];

/** Amenities asked for as requirements ("need in-unit laundry", "with parking"). */
export function findFeatures(folded: string): string[] {
  if (
    !/\b(need|needs|must|must have|with|want|wants|require|required|has|have|having|w\/|includes?|looking for|non-?negotiable|essential|important|a must|prefer(?:ably)?)\b/.test(
      folded,
    )
  )
    return [];
  return FEATURES.filter(([re]) => re.test(folded)).map(([, name]) => name);
}

/** Move-in wording: returns the fragment that names the date, for the date reader. */
export function findMoveIn(folded: string): string | undefined {
  const m =
    /\b(?:move|moving|move-in|movein|start(?:ing)?|need (?:it|a place|something)|lease start(?:ing)?|available|by|from|starting)\b[^.?!]*?\b(asap|immediately|right away|now|today|tomorrow|next week|next month|this month|(?:early|mid|late|end of|beginning of|start of)\s+\w+|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?)/.exec(
      folded,
    );
  if (!m) return undefined;
  const saysMove = /\b(move|moving|move-in|movein|lease|need (?:it|a place|something))/.test(folded);
  if (!saysMove && !/\b(available|start)/.test(folded)) return undefined;
  // "Is it available Dec 2 at 4pm?" asks for a tour time, not a move-in date.
  const tourTime =
    /(?:\b(?:at|@)\s*\d{1,2}(?::\d{2})?\b|\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)|\b(?:tour|see it|visit|view(?:ing)?|showing|come by|stop by|swing by)\b)/.test(
      folded,
    );
  if (!saysMove && tourTime) return undefined;
  return m[1];
}

export function findCriteria(text: string, folded: string, catalog: Catalog): CriteriaFinding {
  const out: CriteriaFinding = {};
  Object.assign(out, findBeds(folded));
  const baths = findBaths(folded);
  if (baths !== undefined && baths > 1) out.minBaths = baths;
  const features = findFeatures(folded);
  if (features.length) out.features = features;
  if (/\b(cheapest|least expensive|lowest (?:rent|price)|most affordable|cheapest one)\b/.test(folded)) out.cheapest = true;
  const budget = findBudget(folded);
  if (budget !== undefined) out.maxRent = budget;
  Object.assign(out, findPets(folded));
  Object.assign(out, findLocation(text, catalog));
  const moveIn = findMoveIn(folded);
  if (moveIn) out.moveInText = moveIn;
  return out;
}
