import { Router } from "express";
import { z } from "zod";
import type { HttpDeps } from "./http-deps";
import { requireAdminToken } from "./security";
import { adminBookingDto, userDto } from "./serializers";
import { parseInput } from "./validation";

const bookingsQuery = z.object({
  email: z.string().trim().max(320).optional(),
  status: z.enum(["confirmed", "cancelled"]).optional(),
  propertyId: z.coerce.number().int().positive().optional(),
});
const usersQuery = z.object({ role: z.enum(["tenant", "prospect"]).optional() });

export function adminRoutes(d: HttpDeps): Router {
  const r = Router();
  r.use(requireAdminToken(d.adminToken));

  r.get("/bookings", (req, res) => {
    const q = parseInput(bookingsQuery, req.query);
    res.json({ bookings: d.bookings.list(q).map(adminBookingDto) });
  });

  r.get("/users", (req, res) => {
    const q = parseInput(usersQuery, req.query);
    res.json({ users: d.users.list(q).map(userDto) });
  });

  return r;
}
