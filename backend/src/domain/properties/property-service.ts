import { AppError } from "../../shared/app-error";
import type { Clock } from "../../shared/clock";
import type { Property } from "./property";
import { type PropertySearchCriteria, type RankedProperty, searchProperties } from "./property-search";

export interface PropertyRepository {
  listAll(): Property[];
  findById(id: number): Property | undefined;
  insert(p: Omit<Property, "id">, now: string): Property;
  update(id: number, p: Omit<Property, "id">, now: string): Property;
}

export type PropertyInput = Omit<Property, "id">;

const PETS = ["none", "cats", "dogs", "cats_and_dogs"];

/** Checks a listing before it is stored; every problem is reported at once. */
export function validateProperty(p: PropertyInput): PropertyInput {
  const issues: Array<{ field: string; message: string }> = [];
  const need = (field: keyof PropertyInput, ok: boolean, message: string) => {
    if (!ok) issues.push({ field, message });
  };
  const text = (v: unknown, max: number) => typeof v === "string" && v.trim().length > 0 && v.length <= max;
  need("name", text(p.name, 120), "required, at most 120 characters");
  need("address", text(p.address, 200), "required");
  need("city", text(p.city, 80), "required");
  need("state", text(p.state, 40), "required");
  need("neighborhood", text(p.neighborhood, 80), "required");
  need("beds", Number.isInteger(p.beds) && p.beds >= 0 && p.beds <= 10, "0 (studio) to 10");
  need("baths", typeof p.baths === "number" && p.baths >= 0 && p.baths <= 10, "0 to 10");
  need("rent", Number.isInteger(p.rent) && p.rent > 0 && p.rent <= 100_000, "a monthly rent in whole dollars");
  need("sqft", p.sqft === null || (Number.isInteger(p.sqft) && p.sqft > 0), "positive or empty");
  need("petsAllowed", PETS.includes(p.petsAllowed), `one of ${PETS.join(", ")}`);
  need("petPolicy", typeof p.petPolicy === "string" && p.petPolicy.length <= 500, "at most 500 characters");
  need("availableFrom", /^\d{4}-\d{2}-\d{2}$/.test(p.availableFrom) && !Number.isNaN(Date.parse(p.availableFrom)), "a date like 2026-12-01");
  need("description", typeof p.description === "string" && p.description.length <= 2000, "at most 2000 characters");
  need(
    "amenities",
    Array.isArray(p.amenities) && p.amenities.every((a) => typeof a === "string" && a.length <= 60) && p.amenities.length <= 30,
    "a list of short names",
  );
  let zoneOk = false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: p.timezone });
    zoneOk = /\//.test(p.timezone) || p.timezone === "UTC";
  } catch {
    zoneOk = false;
  }
  need("timezone", zoneOk, "an IANA time zone such as America/Chicago");
  if (issues.length) throw new AppError("validation", issues.map((i) => `${i.field}: ${i.message}`).join("; "), { issues });
  return {
    ...p,
    name: p.name.trim(),
    address: p.address.trim(),
    city: p.city.trim(),
    neighborhood: p.neighborhood.trim(),
    amenities: p.amenities.map((a) => a.trim()).filter(Boolean),
  };
}

export class PropertyService {
  constructor(
    private readonly repo: PropertyRepository,
    private readonly clock: Clock,
  ) {}

  search(criteria: PropertySearchCriteria): RankedProperty[] {
    return searchProperties(this.repo.listAll(), criteria);
  }

  find(id: number): Property | undefined {
    return this.repo.findById(id);
  }

  /** Any property, active or not; throws `property_not_found`. */
  get(id: number): Property {
    const p = this.repo.findById(id);
    if (!p) throw new AppError("property_not_found", `No property with id ${id}.`);
    return p;
  }

  /** A property prospects may see; inactive listings read as not found. */
  getActive(id: number): Property {
    const p = this.get(id);
    if (!p.active) throw new AppError("property_not_found", `No property with id ${id}.`);
    return p;
  }

  /** Every listing, active or not. */
  listAll(): Property[] {
    return this.repo.listAll();
  }

  create(input: PropertyInput): Property {
    return this.repo.insert(validateProperty(input), this.clock.now().toISOString());
  }

  /** Replaces a listing's details with a patch applied to the stored ones. */
  update(id: number, patch: Partial<PropertyInput>): Property {
    const current = this.get(id);
    const { id: _id, ...rest } = current;
    void _id;
    return this.repo.update(id, validateProperty({ ...rest, ...patch }), this.clock.now().toISOString());
  }

  listActive(): Property[] {
    return this.repo.listAll().filter((p) => p.active);
  }
}
