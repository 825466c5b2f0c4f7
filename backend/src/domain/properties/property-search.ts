import { normalizeText } from "../shared/text";
import { allowsPet, type PetKind, type Property } from "./property";

export interface PropertySearchCriteria {
  /** City or neighbourhood, any case, accents optional. */
  location?: string;
  /** Exact number of bedrooms (0 = studio). */
  beds?: number;
  /** Minimum number of bedrooms. */
  minBeds?: number;
  maxRent?: number;
  pets?: PetKind;
  /** YYYY-MM-DD: the unit must be available on or before this date. */
  moveIn?: string;
  limit?: number;
}

export interface RankedProperty {
  property: Property;
  score: number;
}

type LocationMatch = "none" | "neighborhood" | "city";

function locationMatch(p: Property, location: string): LocationMatch | null {
  const wanted = normalizeText(location);
  if (!wanted) return "none";
  const city = normalizeText(p.city);
  const hood = normalizeText(p.neighborhood);
  if (hood === wanted) return "neighborhood";
  if (city === wanted) return "city";
  // "downtown austin", "austin tx", "the pearl district": accept a containment either way
  // as long as the shorter side is a whole-word match.
  const within = (haystack: string, needle: string) => ` ${haystack} `.includes(` ${needle} `);
  if (within(wanted, hood) || within(hood, wanted)) return "neighborhood";
  if (within(wanted, city) || within(city, wanted)) return "city";
  return null;
}

/**
 * Filters and ranks properties. Hard filters: active, location, beds, rent, pets, move-in.
 * Ranking, best first: an exact bedroom match over "more than asked", a neighbourhood match
 * over a city-wide one, more headroom under the budget (or lower rent when no budget),
 * then the earliest availability. Ties break on name so results are stable.
 */
export function searchProperties(all: readonly Property[], c: PropertySearchCriteria): RankedProperty[] {
  const ranked: RankedProperty[] = [];
  for (const p of all) {
    if (!p.active) continue;
    let loc: LocationMatch | null = "none";
    if (c.location) {
      loc = locationMatch(p, c.location);
      if (loc === null) continue;
    }
    if (c.beds !== undefined && p.beds !== c.beds) continue;
    if (c.minBeds !== undefined && p.beds < c.minBeds) continue;
    if (c.maxRent !== undefined && p.rent > c.maxRent) continue;
    if (c.pets && !allowsPet(p.petsAllowed, c.pets)) continue;
    if (c.moveIn && p.availableFrom > c.moveIn) continue;

    let score = 0;
    if (c.minBeds !== undefined) score += p.beds === c.minBeds ? 30 : Math.max(0, 20 - 5 * (p.beds - c.minBeds));
    if (loc === "neighborhood") score += 20;
    else if (loc === "city") score += 10;
    if (c.maxRent !== undefined) score += 25 * ((c.maxRent - p.rent) / c.maxRent) + 10;
    else score += 10 * (1 - Math.min(p.rent, 10_000) / 10_000);
    if (c.moveIn) {
      const daysEarly = (Date.parse(c.moveIn) - Date.parse(p.availableFrom)) / 86_400_000;
      // Available just before the move-in date is best; months early is still fine.
      score += daysEarly <= 45 ? 5 : 2;
    }
    ranked.push({ property: p, score: Math.round(score * 1000) / 1000 });
  }
  ranked.sort((a, b) => b.score - a.score || a.property.rent - b.property.rent || a.property.name.localeCompare(b.property.name));
  return c.limit ? ranked.slice(0, c.limit) : ranked;
}
