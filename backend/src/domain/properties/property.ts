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

/** The pet a prospect has: a dog, a cat, both (a dog and a cat), or any kind. */
export type PetKind = "dog" | "cat" | "both" | "any";

export function allowsPet(petsAllowed: PetsAllowed, pet: PetKind): boolean {
  if (petsAllowed === "none") return false;
  if (pet === "any") return true;
  if (pet === "both") return petsAllowed === "cats_and_dogs";
  if (pet === "dog") return petsAllowed === "dogs" || petsAllowed === "cats_and_dogs";
  return petsAllowed === "cats" || petsAllowed === "cats_and_dogs";
}

/**
 * A weight limit in a pet policy, case-insensitive: the pounds come after a limit word
 * ("up to 80 lb", "max 60 lbs", "no dogs over 50 pounds"; group 1) or before one
 * ("60 lb limit", "40 lbs max", "25 pounds or less"; group 2).
 */
const PET_WEIGHT_LIMIT = new RegExp(
  [
    String.raw`\b(?:up to|under|max(?:imum)?|limit(?: of)?|no (?:dogs )?over)\s*(\d{2,3})\s*(?:lb|lbs|pounds)\b`,
    String.raw`\b(\d{2,3})\s*(?:lb|lbs|pound)s?\s*(?:limit|max(?:imum)?|or (?:less|under))\b`,
  ].join("|"),
  "i",
);

/** A dog weight limit stated in a pet policy ("60 lb limit", "up to 80 lb"), in pounds. */
export function petWeightLimit(policy: string): number | undefined {
  const m = PET_WEIGHT_LIMIT.exec(policy);
  return m ? Number(m[1] ?? m[2]) : undefined;
}
