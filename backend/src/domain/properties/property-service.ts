import { AppError } from "../../shared/app-error";
import type { Property } from "./property";
import { searchProperties, type PropertySearchCriteria, type RankedProperty } from "./property-search";

export interface PropertyRepository {
  listAll(): Property[];
  findById(id: number): Property | undefined;
}

export class PropertyService {
  constructor(private readonly repo: PropertyRepository) {}

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

  /** The full catalogue; the same array until the catalogue changes. */
  listAllCached(): readonly Property[] {
    return this.repo.listAll();
  }

  listActive(): Property[] {
    return this.repo.listAll().filter((p) => p.active);
  }
}
