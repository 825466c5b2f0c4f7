/** A rental listing as the rest of the application sees it. */
export type PetsAllowed = "none" | "cats" | "dogs" | "cats_and_dogs";

export interface Property {
  id: number;
  name: string;
  address: string;
  city: string;
  state: string;
  postalCode: string | null;
  neighborhood: string;
  beds: number;
  baths: number;
  rent: number;
  sqft: number | null;
  petsAllowed: PetsAllowed;
  petPolicy: string;
  availableFrom: string; // YYYY-MM-DD
  description: string;
  amenities: string[];
  timezone: string; // IANA zone
  active: boolean;
}

export type PetKind = "dog" | "cat" | "any";

export function allowsPet(petsAllowed: PetsAllowed, pet: PetKind): boolean {
  if (petsAllowed === "none") return false;
  if (pet === "any") return true;
  if (pet === "dog") return petsAllowed === "dogs" || petsAllowed === "cats_and_dogs";
  return petsAllowed === "cats" || petsAllowed === "cats_and_dogs";
}

export function bedsLabel(beds: number): string {
  return beds === 0 ? "Studio" : `${beds} bed`;
}
