import type { Router } from "express";
import { z } from "zod";
import { parseStartInput } from "../domain/availability/start-input";
import type { Property } from "../domain/properties/property";
import { AppError } from "../shared/app-error";
import type { HttpDeps } from "./http-deps";
import { bookingDto } from "./serializers";
import { parseInput } from "./validation";

/**
 * A tour start: an ISO instant with an offset ("2026-11-24T20:00:00Z"), or a wall time
 * without one ("2026-11-24T15:00"), read in the property's zone.
 */
export function parseStart(raw: string, property: Property): Date {
  const d = parseStartInput(raw, property.timezone);
  if (d) return d;
  throw new AppError("validation", `"start" must be an ISO date-time such as 2026-11-24T15:00:00Z.`, {
    issues: [{ field: "start", message: "not a valid date-time" }],
  });
}

const bookBody = z.object({
  propertyId: z.coerce.number().int().positive().max(1_000_000_000),
  start: z.string().trim().min(10).max(40),
  name: z.string().max(200),
  email: z.string().max(320),
  phone: z.string().max(40).nullish(),
});

const rescheduleBody = z.object({ start: z.string().trim().min(10).max(40) });

const tokenParam = (raw: string) => {
  if (!/^[A-Za-z0-9_-]{16,128}$/.test(raw)) throw new AppError("booking_not_found", "No tour matches this link.");
  return raw;
};

/** Registers the public tour routes (book, and manage by link) on `r`. */
export function tourRoutes(d: HttpDeps, r: Router): void {
  r.post("/tours", (req, res) => {
    const body = parseInput(bookBody, req.body);
    const property = d.properties.get(body.propertyId);
    const start = parseStart(body.start, property);
    const contact = { name: body.name, email: body.email, phone: body.phone ?? null };
    const booking = d.bookings.bookForContact({ propertyId: property.id, start, source: "web" }, () => d.users.upsertProspect(contact));
    res.status(201).json({ booking: bookingDto(booking, d.publicUrl, property) });
  });

  r.get("/tours/:token", (req, res) => {
    const booking = d.bookings.getByToken(tokenParam(req.params.token));
    const property = d.properties.get(booking.propertyId);
    const user = d.users.get(booking.userId);
    res.json({
      booking: bookingDto(booking, d.publicUrl, property),
      property: {
        id: property.id,
        name: property.name,
        address: property.address,
        city: property.city,
        state: property.state,
        timezone: property.timezone,
        active: property.active,
      },
      guest: { name: user.name },
    });
  });

  r.post("/tours/:token/reschedule", (req, res) => {
    const current = d.bookings.getByToken(tokenParam(req.params.token));
    const body = parseInput(rescheduleBody, req.body);
    const property = d.properties.get(current.propertyId);
    const moved = d.bookings.reschedule(current.id, parseStart(body.start, property));
    res.json({ booking: bookingDto(moved, d.publicUrl, property) });
  });

  r.post("/tours/:token/cancel", (req, res) => {
    const current = d.bookings.getByToken(tokenParam(req.params.token));
    const cancelled = d.bookings.cancel(current.id);
    res.json({ booking: bookingDto(cancelled, d.publicUrl, d.properties.get(current.propertyId)) });
  });
}
