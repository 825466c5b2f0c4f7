import { Router } from "express";
import { z } from "zod";
import type { HttpDeps } from "./http-deps";
import { adminBookingDto, userDto } from "./serializers";
import { requireStaff } from "./staff-auth";
import { parseInput } from "./validation";

const bookingsQuery = z.object({
  email: z.string().trim().max(320).optional(),
  status: z.enum(["confirmed", "cancelled"]).optional(),
  propertyId: z.coerce.number().int().positive().optional(),
});
const usersQuery = z.object({ role: z.enum(["tenant", "prospect"]).optional() });
const ticketsQuery = z.object({
  status: z.enum(["open", "in_progress", "closed"]).optional(),
  intent: z.enum(["locked_out", "maintenance", "rent", "tour_request", "general", "escalation"]).optional(),
});

export function adminRoutes(d: HttpDeps): Router {
  const r = Router();
  r.use(requireStaff(d.adminToken, d.staff));

  r.get("/bookings", (req, res) => {
    const q = parseInput(bookingsQuery, req.query);
    res.json({ bookings: d.bookings.list(q).map(adminBookingDto) });
  });

  r.get("/users", (req, res) => {
    const q = parseInput(usersQuery, req.query);
    res.json({ users: d.users.list(q).map(userDto) });
  });

  r.get("/tickets", (req, res) => {
    const q = parseInput(ticketsQuery, req.query);
    res.json({ tickets: d.tickets.list(q) });
  });

  return r;
}
