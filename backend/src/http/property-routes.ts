import type { Router } from "express";
import { z } from "zod";
import { AppError } from "../shared/app-error";
import type { HttpDeps } from "./http-deps";
import { propertyDto, slotDto } from "./serializers";
import { parseInput } from "./validation";

const intParam = z.coerce.number().int().min(0).max(1_000_000);
const searchQuery = z.object({
  city: z.string().trim().max(100).optional(),
  neighborhood: z.string().trim().max(100).optional(),
  beds: intParam.max(10).optional(),
  minBeds: intParam.max(10).optional(),
  maxBeds: intParam.max(10).optional(),
  maxRent: intParam.optional(),
  pets: z.enum(["true", "false", "dog", "dogs", "cat", "cats", "any", "1", "0"]).optional(),
  moveIn: z.iso.date().optional(),
  limit: intParam.min(1).max(100).optional(),
});

const slotsQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});

export function propertyIdParam(raw: string): number {
  if (!/^\d{1,9}$/.test(raw)) throw new AppError("validation", "A property id is a positive whole number.");
  return Number(raw);
}

/** Registers the public listing and open-slot routes on `r`. */
export function propertyRoutes(d: HttpDeps, r: Router): void {
  r.get("/properties", (req, res) => {
    const q = parseInput(searchQuery, req.query);
    const pets =
      q.pets === undefined || q.pets === "false" || q.pets === "0" ? undefined : q.pets.startsWith("dog") ? "dog" : q.pets.startsWith("cat") ? "cat" : "any";
    const ranked = d.properties.search({
      location: q.neighborhood ?? q.city,
      beds: q.beds,
      minBeds: q.minBeds,
      maxBeds: q.maxBeds,
      maxRent: q.maxRent,
      pets,
      moveIn: q.moveIn,
      limit: q.limit,
    });
    res.json({ properties: ranked.map((x) => propertyDto(x.property)) });
  });

  r.get("/properties/:id", (req, res) => {
    res.json({ property: propertyDto(d.properties.getActive(propertyIdParam(req.params.id))) });
  });

  r.get("/properties/:id/slots", (req, res) => {
    const property = d.properties.getActive(propertyIdParam(req.params.id));
    const q = parseInput(slotsQuery, req.query);
    const slots = d.availability.openSlots(property, { from: q.from, to: q.to });
    res.json({ propertyId: property.id, timezone: property.timezone, slots: slots.map(slotDto) });
  });
}
