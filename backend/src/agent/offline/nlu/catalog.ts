/** What the offline model knows of the catalogue, for matching names people type. */
export interface CatalogEntry {
  id: number;
  name: string;
  address: string;
  city: string;
  neighborhood: string;
  beds: number;
  rent: number;
  timezone: string;
  active: boolean;
}

export interface Catalog {
  entries: CatalogEntry[];
  cities: string[];
  neighborhoods: string[];
}

/** Listings known by name, active or not (so "that one is off the market" can be said). */
export function buildCatalog(entries: CatalogEntry[]): Catalog {
  const active = entries.filter((e) => e.active);
  return {
    entries,
    cities: [...new Set(active.map((e) => e.city))],
    neighborhoods: [...new Set(active.map((e) => e.neighborhood))],
  };
}
