import { type Response, Router } from "express";
import { z } from "zod";
import { parseStartInput } from "../domain/availability/start-input";
import { SESSION_HOURS } from "../domain/staff/staff-service";
import { AppError } from "../shared/app-error";
import type { HttpDeps } from "./http-deps";
import { propertyIdParam } from "./property-routes";
import { adminBookingDto, bookingDto, propertyDto } from "./serializers";
import { holdOpen, openEventStream, writeEvent } from "./sse";
import { caller, clearSessionCookie, cookies, requireStaff, SESSION_COOKIE, setSessionCookie } from "./staff-auth";
import { parseInput } from "./validation";

const loginBody = z.object({ email: z.string().trim().min(3).max(320), password: z.string().min(1).max(200) });
const conversationsQuery = z.object({
  mode: z.enum(["ai", "human"]).optional(),
  escalated: z.enum(["true", "false"]).optional(),
  channel: z.enum(["chat", "email"]).optional(),
  propertyId: z.coerce.number().int().positive().optional(),
});
const modeBody = z.object({ mode: z.enum(["ai", "human"]) });
const replyBody = z.object({ text: z.string().trim().min(1).max(5000) });
const ticketPatch = z.object({ status: z.enum(["open", "in_progress", "closed"]).optional(), assignedTo: z.number().int().positive().nullable().optional() });
const startBody = z.object({ start: z.string().trim().min(10).max(40) });
const propertyBody = z.object({
  name: z.string(),
  address: z.string(),
  city: z.string(),
  state: z.string(),
  postalCode: z.string().nullable().optional(),
  neighborhood: z.string(),
  beds: z.number(),
  baths: z.number(),
  rent: z.number(),
  sqft: z.number().nullable().optional(),
  petsAllowed: z.enum(["none", "cats", "dogs", "cats_and_dogs"]),
  petPolicy: z.string().default(""),
  availableFrom: z.string(),
  description: z.string().default(""),
  amenities: z.array(z.string()).default([]),
  timezone: z.string(),
  active: z.boolean().default(true),
});
const rulesBody = z.object({
  rules: z.array(z.object({ weekday: z.number().int(), start: z.string(), end: z.string(), slotMinutes: z.number().int() })).max(50),
});
const exceptionBody = z.object({
  date: z.string(),
  kind: z.enum(["closed", "open"]),
  start: z.string().nullable().optional(),
  end: z.string().nullable().optional(),
  slotMinutes: z.number().int().nullable().optional(),
  note: z.string().max(200).nullable().optional(),
});

function conversationId(raw: string): string {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(raw)) throw new AppError("not_found", "No such conversation.");
  return raw;
}

/** Sign-in for the staff console (before the admin auth gate). */
export function staffLoginRoutes(d: HttpDeps, r: Router): void {
  r.post("/admin/login", async (req, res) => {
    const body = parseInput(loginBody, req.body);
    const session = await d.staff.login(body.email, body.password);
    setSessionCookie(res, session.token, d.secureCookies ?? false, SESSION_HOURS * 3600);
    res.json({ staff: session.staff, csrfToken: session.csrfToken });
  });
  r.post("/admin/logout", (req, res) => {
    const token = cookies(req)[SESSION_COOKIE];
    const session = d.staff.authenticate(token);
    if (session && req.headers["x-csrf-token"] !== session.csrfToken) throw new AppError("forbidden", "Missing or wrong CSRF token.");
    if (token) d.staff.logout(token);
    clearSessionCookie(res);
    res.json({ ok: true });
  });
}

/** The console's API, under /api/admin (staff cookie with CSRF, or the bearer token). */
export function consoleRoutes(d: HttpDeps): Router {
  const r = Router();
  r.use(requireStaff(d.adminToken, d.staff));
  const audit = (res: Response, action: string, target: string | null, details: Record<string, unknown> = {}) =>
    d.staff.audit(caller(res).staff, action, target, details);

  r.get("/me", (req, res) => {
    const session = d.staff.authenticate(cookies(req)[SESSION_COOKIE]);
    res.json({ staff: caller(res).staff, csrfToken: session?.csrfToken ?? null });
  });

  // Conversations
  r.get("/conversations", (req, res) => {
    const q = parseInput(conversationsQuery, req.query);
    res.json({
      conversations: d.conversations.list({
        mode: q.mode,
        escalated: q.escalated === undefined ? undefined : q.escalated === "true",
        channel: q.channel,
        propertyId: q.propertyId,
      }),
    });
  });
  r.get("/conversations/:id", (req, res) => {
    const c = d.conversations.get(conversationId(req.params.id));
    const user = c.userId ? d.users.get(c.userId) : undefined;
    const tours = d.conversations.bookingIds(c.id).map((id) => {
      const b = d.bookings.get(id);
      return bookingDto(b, d.publicUrl, d.properties.find(b.propertyId));
    });
    res.json({
      conversation: {
        id: c.id,
        channel: c.channel,
        mode: c.mode,
        subject: c.subject,
        escalation: c.escalation,
        createdAt: c.createdAt,
        lastMessageAt: c.lastMessageAt,
      },
      contact: user
        ? { name: user.name, email: user.email, phone: user.phone, role: user.role, propertyId: user.propertyId, unit: user.unit }
        : { name: c.facts.contact?.name ?? null, email: c.facts.contact?.email ?? null, phone: c.facts.contact?.phone ?? null, role: null },
      tours,
      tickets: d.tickets.list({ conversationId: c.id }),
    });
  });
  r.get("/conversations/:id/messages", (req, res) => {
    const id = conversationId(req.params.id);
    d.conversations.get(id);
    const messages = d.conversations.messages(id).map((m) => ({ id: m.id, role: m.role, text: m.text, data: m.data, createdAt: m.createdAt }));
    d.conversations.markRead(id);
    res.json({ messages });
  });
  r.post("/conversations/:id/mode", (req, res) => {
    const id = conversationId(req.params.id);
    const { mode } = parseInput(modeBody, req.body);
    const c = d.conversations.setMode(id, mode);
    audit(res, mode === "human" ? "conversation.take_over" : "conversation.hand_back", id);
    res.json({ conversation: { id: c.id, mode: c.mode, escalation: c.escalation } });
  });
  r.post("/conversations/:id/reply", (req, res) => {
    const id = conversationId(req.params.id);
    const { text } = parseInput(replyBody, req.body);
    const staff = caller(res).staff;
    const message = d.staffReplies.reply(id, text, staff?.name ?? "Leasing team");
    if (message.tookOver) audit(res, "conversation.take_over", id, { via: "reply" });
    audit(res, "conversation.reply", id, { length: text.length });
    res.status(201).json({ message: { id: message.id, role: message.role, text: message.text, createdAt: message.createdAt }, mode: "human" });
  });

  // Live updates for the console.
  r.get("/events", (req, res) => {
    openEventStream(res);
    res.write(": connected\n\n");
    const off = d.conversations.subscribe((e) => {
      writeEvent(res, "conversation", { id: e.conversationId, type: e.type, mode: e.mode, reason: e.reason, role: e.message?.role });
    });
    holdOpen(req, res, off);
  });

  // Bookings
  r.post("/bookings/:id/cancel", (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id)) throw new AppError("booking_not_found", "No such tour.");
    const b = d.bookings.cancel(id);
    audit(res, "booking.cancel", String(id));
    res.json({ booking: adminBookingDto({ ...b, user: userOf(d, b.userId) }) });
  });
  r.post("/bookings/:id/reschedule", (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id)) throw new AppError("booking_not_found", "No such tour.");
    const { start } = parseInput(startBody, req.body);
    const current = d.bookings.get(id);
    const when = parseStartInput(start, d.properties.get(current.propertyId).timezone);
    if (!when) throw new AppError("validation", '"start" must be an ISO date-time.');
    const b = d.bookings.reschedule(id, when);
    audit(res, "booking.reschedule", String(id), { start: b.start.toISOString() });
    res.json({ booking: adminBookingDto({ ...b, user: userOf(d, b.userId) }) });
  });

  // Tickets
  r.patch("/tickets/:id", (req, res) => {
    const id = Number(req.params.id);
    if (!Number.isInteger(id)) throw new AppError("not_found", "No such ticket.");
    const patch = parseInput(ticketPatch, req.body);
    const t = d.tickets.update(id, patch);
    audit(res, "ticket.update", String(id), patch);
    res.json({ ticket: t });
  });
  r.get("/stakeholders", (_req, res) => {
    res.json({ stakeholders: d.tickets.stakeholderList() });
  });

  // Catalogue
  r.get("/properties", (_req, res) => {
    res.json({ properties: d.properties.listAll().map(propertyDto) });
  });
  r.post("/properties", (req, res) => {
    const body = parseInput(propertyBody, req.body);
    const p = d.properties.create({ ...body, postalCode: body.postalCode ?? null, sqft: body.sqft ?? null });
    audit(res, "property.create", String(p.id), { name: p.name });
    res.status(201).json({ property: propertyDto(p) });
  });
  r.patch("/properties/:id", (req, res) => {
    const id = propertyIdParam(req.params.id);
    const patch = parseInput(propertyBody.partial(), req.body);
    const p = d.properties.update(id, patch as never);
    audit(res, "property.update", String(id), { fields: Object.keys(patch) });
    res.json({ property: propertyDto(p) });
  });
  r.get("/properties/:id/hours", (req, res) => {
    const p = d.properties.get(propertyIdParam(req.params.id));
    res.json({ propertyId: p.id, timezone: p.timezone, ...d.availability.hours(p) });
  });
  r.put("/properties/:id/hours", (req, res) => {
    const p = d.properties.get(propertyIdParam(req.params.id));
    const { rules } = parseInput(rulesBody, req.body);
    const saved = d.availability.setRules(p, rules);
    audit(res, "hours.update", String(p.id), { rules: rules.length });
    res.json({ rules: saved });
  });
  r.post("/properties/:id/exceptions", (req, res) => {
    const p = d.properties.get(propertyIdParam(req.params.id));
    const e = parseInput(exceptionBody, req.body);
    const id = d.availability.addException(p, {
      date: e.date,
      kind: e.kind,
      start: e.start ?? null,
      end: e.end ?? null,
      slotMinutes: e.slotMinutes ?? null,
      note: e.note ?? null,
    });
    audit(res, "hours.exception.add", String(p.id), { date: e.date, kind: e.kind });
    res.status(201).json({ id });
  });
  r.delete("/properties/:id/exceptions/:exceptionId", (req, res) => {
    const p = d.properties.get(propertyIdParam(req.params.id));
    d.availability.removeException(p, Number(req.params.exceptionId));
    audit(res, "hours.exception.remove", String(p.id), { exceptionId: Number(req.params.exceptionId) });
    res.json({ ok: true });
  });

  // Persona
  r.get("/persona", (_req, res) => {
    res.json({ persona: d.persona.get() });
  });
  r.put("/persona", (req, res) => {
    const persona = d.persona.update(req.body);
    audit(res, "persona.update", null, { name: persona.name, tone: persona.tone });
    res.json({ persona });
  });
  r.post("/persona/preview", (req, res) => {
    res.json({ preview: d.persona.preview(req.body) });
  });

  r.get("/audit", (_req, res) => {
    res.json({ entries: d.staff.auditLog(300) });
  });

  return r;
}

function userOf(d: HttpDeps, id: number) {
  const u = d.users.get(id);
  return { name: u.name, email: u.email, phone: u.phone };
}
