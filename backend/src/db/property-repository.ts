import type { PetsAllowed, Property } from "../domain/properties/property";
import type { PropertyRepository } from "../domain/properties/property-service";
import type { Db } from "./database";

interface PropertyRow {
  id: number;
  name: string;
  address: string;
  city: string;
  state: string;
  postal_code: string | null;
  neighborhood: string;
  beds: number;
  baths: number;
  rent: number;
  sqft: number | null;
  pets_allowed: PetsAllowed;
  pet_policy: string;
  available_from: string;
  description: string;
  amenities: string;
  timezone: string;
  active: number;
}

export function toProperty(r: PropertyRow): Property {
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    city: r.city,
    state: r.state,
    postalCode: r.postal_code,
    neighborhood: r.neighborhood,
    beds: r.beds,
    baths: r.baths,
    rent: r.rent,
    sqft: r.sqft,
    petsAllowed: r.pets_allowed,
    petPolicy: r.pet_policy,
    availableFrom: r.available_from,
    description: r.description,
    amenities: JSON.parse(r.amenities) as string[],
    timezone: r.timezone,
    active: r.active === 1,
  };
}

export class SqlitePropertyRepository implements PropertyRepository {
  private readonly all;
  private readonly byId;

  constructor(private readonly db: Db) {
    this.all = db.prepare<[], PropertyRow>("SELECT * FROM properties ORDER BY id");
    this.byId = db.prepare<[number], PropertyRow>("SELECT * FROM properties WHERE id = ?");
  }

  listAll(): Property[] {
    return this.all.all().map(toProperty);
  }

  findById(id: number): Property | undefined {
    const row = this.byId.get(id);
    return row ? toProperty(row) : undefined;
  }

  insert(p: Omit<Property, "id">, now: string): Property {
    const row = this.db
      .prepare<unknown[], PropertyRow>(
        `INSERT INTO properties (name, address, city, state, postal_code, neighborhood, beds, baths, rent, sqft, pets_allowed, pet_policy,
           available_from, description, amenities, timezone, active, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING *`,
      )
      .get(...this.columns(p), now, now)!;
    return toProperty(row);
  }

  update(id: number, p: Omit<Property, "id">, now: string): Property {
    const row = this.db
      .prepare<unknown[], PropertyRow>(
        `UPDATE properties SET name = ?, address = ?, city = ?, state = ?, postal_code = ?, neighborhood = ?, beds = ?, baths = ?, rent = ?,
           sqft = ?, pets_allowed = ?, pet_policy = ?, available_from = ?, description = ?, amenities = ?, timezone = ?, active = ?,
           updated_at = ? WHERE id = ? RETURNING *`,
      )
      .get(...this.columns(p), now, id)!;
    return toProperty(row);
  }

  private columns(p: Omit<Property, "id">): unknown[] {
    return [
      p.name,
      p.address,
      p.city,
      p.state,
      p.postalCode,
      p.neighborhood,
      p.beds,
      p.baths,
      p.rent,
      p.sqft,
      p.petsAllowed,
      p.petPolicy,
      p.availableFrom,
      p.description,
      JSON.stringify(p.amenities),
      p.timezone,
      p.active ? 1 : 0,
    ];
  }
}
