import { normalizeText } from "../shared/text";
import { allowsPet, type PetKind, type Property, petWeightLimit } from "./property";

export interface PropertySearchCriteria {
  /** City or neighbourhood, any case, accents optional. */
  location?: string;
  /** Exact number of bedrooms (0 = studio). */
  beds?: number;
  /** Minimum number of bedrooms. */
  minBeds?: number;
  /** Maximum number of bedrooms ("a studio or a one-bedroom": minBeds 0, maxBeds 1). */
  maxBeds?: number;
  maxRent?: number;
  /** Minimum number of bathrooms. */
  minBaths?: number;
  /** Amenities that must all be listed, matched loosely ("laundry" matches "in-unit laundry"). */
  features?: string[];
  pets?: PetKind;
  /** The dog's weight in pounds: listings with a lower stated limit are left out. */
  petWeightLbs?: number;
  /** YYYY-MM-DD: the unit must be available on or before this date. */
  moveIn?: string;
  /** "rent": lowest rent first ("the cheapest place you have"); otherwise best match first. */
  sort?: "rent";
  limit?: number;
}

export interface RankedProperty {
  property: Property;
  score: number;
}

/** Amenities listed under other names: what each wish is also satisfied by. */
const SATISFIED_BY: Record<string, RegExp> = {
  "in unit laundry": /in unit laundry|washer and dryer|washer dryer/,
  parking: /parking|garage|carport/,
  garage: /garage/,
  "fitness center": /fitness|gym/,
  gym: /fitness|gym/,
  roof: /roof/,
  yard: /yard|garden/,
  "outdoor space": /yard|garden|patio|deck|balcony|terrace|porch/,
  fireplace: /fireplace/,
  storage: /storage|lockers/,
};

/** True when a listing's amenities mention a feature ("laundry" matches "in-unit laundry", "parking" a garage). */
export function hasFeature(p: Property, feature: string): boolean {
  const wanted = normalizeText(feature);
  const also = SATISFIED_BY[wanted];
  return p.amenities.some((a) => {
    const have = normalizeText(a);
    return have.includes(wanted) || also?.test(have);
  });
}

/** How well a place name matches a listing: 0 none, 1 city, 2 neighbourhood, 3 both. */
function locationLevel(p: Property, wanted: string): number {
  const city = normalizeText(p.city);
  const hood = normalizeText(p.neighborhood);
  // "downtown austin", "austin tx", "the pearl": either side may hold the other as whole words.
  const within = (haystack: string, needle: string) => needle.length > 0 && ` ${haystack} `.includes(` ${needle} `);
  const cityHit = within(wanted, city) || within(city, wanted);
  // A partial neighbourhood name ("pearl") counts, unless the words are a city ("austin"
  // is the city, not a hint at "East Austin").
  const hoodHit = within(wanted, hood) || (!cityHit && within(hood, wanted));
  return (hoodHit ? 2 : 0) + (cityHit ? 1 : 0);
}

/**
 * Filters and ranks properties. Hard filters: active, location, beds, rent, pets, move-in.
 * Ranking, best first: an exact bedroom match over "more than asked", more headroom under
 * the budget (or lower rent when no budget), then availability close to the move-in date.
 * Ties break on rent, then name, so results are stable.
 */
export function searchProperties(all: readonly Property[], c: PropertySearchCriteria): RankedProperty[] {
  const wanted = c.location ? normalizeText(c.location) : "";
  // The place is read against the whole catalogue: "east austin" means the East Austin
  // neighbourhood, not every listing in Austin; "downtown austin" is not downtown San José.
  let bestLevel = 0;
  if (wanted) for (const p of all) if (p.active) bestLevel = Math.max(bestLevel, locationLevel(p, wanted));
  if (wanted && bestLevel === 0) return [];
  const ranked: RankedProperty[] = [];
  for (const p of all) {
    if (!p.active) continue;
    const level = wanted ? locationLevel(p, wanted) : 0;
    if (wanted && level < bestLevel) continue;
    if (c.beds !== undefined && p.beds !== c.beds) continue;
    if (c.minBeds !== undefined && p.beds < c.minBeds) continue;
    if (c.maxBeds !== undefined && p.beds > c.maxBeds) continue;
    if (c.maxRent !== undefined && p.rent > c.maxRent) continue;
    if (c.minBaths !== undefined && p.baths < c.minBaths) continue;
    if (c.features?.length && !c.features.every((f) => hasFeature(p, f))) continue;
    if (c.pets && !allowsPet(p.petsAllowed, c.pets)) continue;
    if (c.petWeightLbs !== undefined && c.pets !== "cat" && c.pets !== "any") {
      const limit = petWeightLimit(p.petPolicy);
      if (limit !== undefined && c.petWeightLbs > limit) continue;
    }
    if (c.moveIn && p.availableFrom > c.moveIn) continue;

    let score = 0;
    // A range ("1 or 2 bedrooms") takes any size in it alike; a minimum prefers the size asked for.
    if (c.minBeds !== undefined && c.maxBeds === undefined) score += p.beds === c.minBeds ? 30 : Math.max(0, 20 - 5 * (p.beds - c.minBeds));
    score += level * 7;
    if (c.maxRent !== undefined) score += 25 * ((c.maxRent - p.rent) / c.maxRent) + 10;
    else score += 10 * (1 - Math.min(p.rent, 10_000) / 10_000);
    if (c.moveIn) {
      const daysEarly = (Date.parse(c.moveIn) - Date.parse(p.availableFrom)) / 86_400_000;
      // Available just before the move-in date is best; months early is still fine.
      score += daysEarly <= 45 ? 5 : 2;
    }
    ranked.push({ property: p, score: Math.round(score * 1000) / 1000 });
  }
  if (c.sort === "rent") ranked.sort((a, b) => a.property.rent - b.property.rent || b.score - a.score || a.property.name.localeCompare(b.property.name));
  else ranked.sort((a, b) => b.score - a.score || a.property.rent - b.property.rent || a.property.name.localeCompare(b.property.name));
  return c.limit ? ranked.slice(0, c.limit) : ranked;
}
