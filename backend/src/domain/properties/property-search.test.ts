import { describe, expect, it } from "vitest";
import type { Property } from "./property";
import { searchProperties } from "./property-search";

let nextId = 1;
function prop(p: Partial<Property>): Property {
  return {
    id: nextId++,
    name: "Unnamed",
    address: "1 Main St",
    city: "Austin",
    state: "TX",
    postalCode: null,
    neighborhood: "Downtown",
    beds: 1,
    baths: 1,
    rent: 2000,
    sqft: 700,
    petsAllowed: "none",
    petPolicy: "",
    availableFrom: "2026-11-01",
    description: "",
    amenities: [],
    timezone: "America/Chicago",
    active: true,
    ...p,
  };
}

const catalogue = [
  prop({ name: "Willow", city: "San José", neighborhood: "Willow Glen", beds: 2, rent: 3200, petsAllowed: "cats_and_dogs" }),
  prop({ name: "Japantown", city: "San José", neighborhood: "Japantown", beds: 1, rent: 2600, petsAllowed: "cats" }),
  prop({ name: "Closed", city: "San José", neighborhood: "Downtown", beds: 2, rent: 1000, active: false }),
  prop({ name: "Alder", city: "Austin", neighborhood: "East Austin", beds: 1, rent: 1850, petsAllowed: "dogs" }),
  prop({ name: "Maple", city: "Austin", neighborhood: "Downtown", beds: 2, rent: 2750, availableFrom: "2026-12-20" }),
  prop({ name: "Oak", city: "Austin", neighborhood: "East Austin", beds: 3, rent: 3400 }),
  prop({ name: "Studio", city: "Austin", neighborhood: "South Congress", beds: 0, rent: 1295 }),
];
const names = (r: ReturnType<typeof searchProperties>) => r.map((x) => x.property.name);

describe("property search", () => {
  it("matches city without case or accents, and never returns inactive listings", () => {
    expect(names(searchProperties(catalogue, { location: "SAN JOSE" })).sort()).toEqual(["Japantown", "Willow"]);
  });
  it("matches a neighbourhood and ranks it above a plain city match", () => {
    expect(names(searchProperties(catalogue, { location: "east austin" }))).toEqual(["Alder", "Oak"]);
    expect(names(searchProperties(catalogue, { location: "Downtown Austin" }))[0]).toBe("Maple");
  });
  it("filters beds exactly or as a minimum, preferring the exact count", () => {
    expect(names(searchProperties(catalogue, { location: "Austin", beds: 0 }))).toEqual(["Studio"]);
    expect(names(searchProperties(catalogue, { location: "Austin", minBeds: 2 }))).toEqual(["Maple", "Oak"]);
  });
  it("filters a range of bedrooms, and a maximum alone", () => {
    expect(names(searchProperties(catalogue, { location: "Austin", minBeds: 0, maxBeds: 1 })).sort()).toEqual(["Alder", "Studio"]);
    expect(names(searchProperties(catalogue, { location: "Austin", minBeds: 2, maxBeds: 3 })).sort()).toEqual(["Maple", "Oak"]);
    expect(names(searchProperties(catalogue, { location: "Austin", maxBeds: 0 }))).toEqual(["Studio"]);
  });
  it("keeps to the budget and ranks more headroom first", () => {
    expect(names(searchProperties(catalogue, { location: "Austin", maxRent: 2800 }))).toEqual(["Studio", "Alder", "Maple"]);
  });
  it("filters by the kind of pet", () => {
    expect(names(searchProperties(catalogue, { pets: "dog" })).sort()).toEqual(["Alder", "Willow"]);
    expect(names(searchProperties(catalogue, { pets: "cat" })).sort()).toEqual(["Japantown", "Willow"]);
  });
  it("requires availability by the move-in date", () => {
    expect(names(searchProperties(catalogue, { location: "Austin", moveIn: "2026-12-01" }))).not.toContain("Maple");
    expect(names(searchProperties(catalogue, { location: "Austin", moveIn: "2026-12-31" }))).toContain("Maple");
  });
  it("returns nothing for an unknown place rather than everything", () => {
    expect(searchProperties(catalogue, { location: "Atlantis" })).toEqual([]);
  });
});
