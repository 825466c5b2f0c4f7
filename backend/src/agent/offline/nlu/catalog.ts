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
}

export interface Catalog {
  entries: CatalogEntry[];
  cities: string[];
  neighborhoods: string[];
}

export function buildCatalog(entries: CatalogEntry[]): Catalog {
  return {
    entries,
    cities: [...new Set(entries.map((e) => e.city))],
    neighborhoods: [...new Set(entries.map((e) => e.neighborhood))],
  };
}
