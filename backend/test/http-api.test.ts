import express from "express";
import helmet from "helmet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminHeaders, firstSlot, startTestServer, type TestServer } from "./support/test-app";

// Frozen at Monday 23 Nov 2026 14:00Z. Property 2 is Maple Court Lofts (Austin, Central time).
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const person = { name: "Jo Tester", email: "jo@example.com", phone: "(512) 555-0199" };

describe("GET /api/health", () => {
  it("answers ok with security headers", async () => {
    const res = await s.get("/api/health");
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("ok");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });
});

describe("GET /api/properties", () => {
  it("lists active properties with the documented fields", async () => {
    const res = await s.get("/api/properties");
    expect(res.status).toBe(200);
    expect(res.body.properties.length).toBe(31);
    const p = res.body.properties.find((x: any) => x.id === 2);
    expect(p).toMatchObject({
      name: "Maple Court Lofts",
      city: "Austin",
      neighborhood: "Downtown",
      beds: 2,
      rent: 2750,
      pets: true,
      timezone: "America/Chicago",
    });
    expect(typeof p.petPolicy).toBe("string");
    expect(p.availableFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("filters by city (any case or accents), beds, budget, pets and move-in", async () => {
    const sj = await s.get("/api/properties?city=san%20jose");
    expect(sj.body.properties.map((p: any) => p.city)).toEqual(["San José", "San José", "San José", "San José"]);
    const res = await s.get("/api/properties?city=austin&beds=1&maxRent=2000&pets=true");
    expect(res.body.properties.map((p: any) => p.name)).toEqual(["The Alder"]);
    const dogs = await s.get("/api/properties?city=Boston&pets=dog");
    for (const p of dogs.body.properties) expect(["dogs", "cats_and_dogs"]).toContain(p.petsAllowed);
    const soon = await s.get("/api/properties?city=Portland&moveIn=2026-11-25");
    for (const p of soon.body.properties) expect(p.availableFrom <= "2026-11-25").toBe(true);
    const small = await s.get("/api/properties?city=austin&minBeds=0&maxBeds=1");
    expect(new Set(small.body.properties.map((p: any) => p.beds))).toEqual(new Set([0, 1]));
    const all = await s.get("/api/properties?city=austin");
    expect(small.body.properties.length).toBe(all.body.properties.filter((p: any) => p.beds <= 1).length);
  });

  it("rejects bad filters with 400", async () => {
    for (const q of ["beds=two", "maxBeds=11", "maxRent=-5", "moveIn=2026-13-40", "pets=maybe", "limit=0"]) {
      const res = await s.get(`/api/properties?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe("validation");
    }
  });
});

describe("GET /api/properties/:id and /slots", () => {
  it("returns one property, 404 for unknown or inactive, 400 for a non-number", async () => {
    expect((await s.get("/api/properties/2")).body.property.name).toBe("Maple Court Lofts");
    expect((await s.get("/api/properties/999")).status).toBe(404);
    expect((await s.get("/api/properties/32")).status).toBe(404);
    const bad = await s.get("/api/properties/abc");
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("validation");
  });

  it("returns open slots with UTC and local times", async () => {
    const res = await s.get("/api/properties/2/slots?from=2026-11-24&to=2026-11-24");
    expect(res.status).toBe(200);
    expect(res.body.timezone).toBe("America/Chicago");
    expect(res.body.slots[0]).toEqual({ start: "2026-11-24T16:00:00.000Z", end: "2026-11-24T16:30:00.000Z", local: "2026-11-24T10:00" });
    expect(res.body.slots).toHaveLength(16);
  });

  it("rejects bad ranges", async () => {
    for (const q of ["from=tomorrow", "from=2026-11-30&to=2026-11-24", "from=2026-11-24&to=2027-06-01"]) {
      expect((await s.get(`/api/properties/2/slots?${q}`)).status, q).toBe(400);
    }
  });
});

describe("POST /api/tours", () => {
  it("books, returns 201 with a manage link, and 409 for the same slot", async () => {
    const slot = await firstSlot(s, 1, "2026-11-24");
    const res = await s.post("/api/tours", { propertyId: 1, start: slot.start, ...person });
    expect(res.status).toBe(201);
    expect(res.body.booking).toMatchObject({ start: slot.start, end: slot.end, status: "confirmed" });
    expect(res.body.booking.manageUrl).toMatch(/^http:\/\/localhost:3000\/tours\/[A-Za-z0-9_-]{32}$/);
    const again = await s.post("/api/tours", { propertyId: 1, start: slot.start, name: "Ann", email: "ann@example.com" });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("slot_unavailable");
    expect(again.body.error.details.alternatives.length).toBeGreaterThan(0);
  });

  it("accepts a wall time without offset, read in the property's zone", async () => {
    const res = await s.post("/api/tours", { propertyId: 3, start: "2026-11-25T11:00", ...person, email: "local@example.com" });
    expect(res.status).toBe(201);
    expect(res.body.booking.start).toBe("2026-11-25T17:00:00.000Z");
    expect(res.body.booking.local).toBe("2026-11-25T11:00");
  });

  it("gives distinct errors for past, outside hours, inactive property", async () => {
    const cases: Array<[object, number, string]> = [
      [{ propertyId: 2, start: "2026-11-20T16:00:00Z" }, 422, "slot_in_past"],
      [{ propertyId: 2, start: "2026-11-24T16:10:00Z" }, 422, "outside_tour_hours"],
      [{ propertyId: 32, start: "2026-11-24T16:00:00Z" }, 422, "property_inactive"],
      [{ propertyId: 999, start: "2026-11-24T16:00:00Z" }, 404, "property_not_found"],
    ];
    for (const [body, status, code] of cases) {
      const res = await s.post("/api/tours", { ...person, ...body });
      expect([res.status, res.body.error.code]).toEqual([status, code]);
    }
  });

  it("validates every field and lists the problems", async () => {
    const res = await s.post("/api/tours", { propertyId: 2, start: "2026-11-24T16:00:00Z", name: "", email: "not-an-email", phone: "12" });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: any) => i.field)).toEqual(["name", "email", "phone"]);
    const missing = await s.post("/api/tours", {});
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe("validation");
    const badStart = await s.post("/api/tours", { ...person, propertyId: 2, start: "next tuesday" });
    expect(badStart.status).toBe(400);
    const wrongTypes = await s.post("/api/tours", { ...person, propertyId: { $gt: 1 }, start: 5 });
    expect(wrongTypes.status).toBe(400);
  });

  it("answers malformed JSON with 400, an oversized body with 413, never an HTML page", async () => {
    const bad = await s.post("/api/tours", '{"propertyId": 2,', { "content-type": "application/json" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_json");
    const big = await s.post("/api/tours", { ...person, propertyId: 2, start: "x", notes: "x".repeat(100_000) });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("payload_too_large");
    const text = await s.post("/api/tours", "propertyId=2", { "content-type": "text/plain" });
    expect(text.status).toBe(400);
    expect(text.headers.get("content-type")).toMatch(/application\/json/);
  });
});

describe("request bodies", () => {
  const post = (body: BodyInit, headers: Record<string, string>) =>
    fetch(`${s.url}/api/tours`, { method: "POST", body, headers, duplex: "half" } as RequestInit).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));

  it("refuses a streamed (chunked) body once it passes the limit, without a Content-Length to go by", async () => {
    const chunk = new TextEncoder().encode(`{"notes":"${"x".repeat(8 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(c) {
        if (sent++ < 8) c.enqueue(chunk);
        else c.close();
      },
    });
    const res = await post(stream as unknown as BodyInit, { "content-type": "application/json" });
    expect([res.status, res.body.error.code]).toEqual([413, "payload_too_large"]);
    expect((await s.get("/api/health")).status).toBe(200);
  });

  it("reads UTF-8 JSON only: other charsets and compressed bodies get a clear 400", async () => {
    const latin = await post(JSON.stringify({ propertyId: 2 }), { "content-type": "application/json; charset=latin1" });
    expect([latin.status, latin.body.error.code]).toEqual([400, "validation"]);
    expect(latin.body.error.message).toMatch(/UTF-8/);
    const gz = await post(JSON.stringify({ propertyId: 2 }), { "content-type": "application/json", "content-encoding": "gzip" });
    expect([gz.status, gz.body.error.code]).toEqual([400, "validation"]);
    const utf8 = await post(JSON.stringify({ ...person, name: "Zoë Ñúñez", propertyId: 2, start: "not a time" }), {
      "content-type": "application/json; charset=UTF-8",
    });
    expect(utf8.body.error.issues.map((i: { field: string }) => i.field)).toEqual(["start"]);
  });

  it("takes an object or array only, and an empty body as no fields at all", async () => {
    const scalar = await post('"book me"', { "content-type": "application/json" });
    expect([scalar.status, scalar.body.error.code]).toEqual([400, "invalid_json"]);
    const empty = await post("", { "content-type": "application/json" });
    expect([empty.status, empty.body.error.code]).toEqual([400, "validation"]);
    expect(empty.body.error.issues.map((i: { field: string }) => i.field)).toContain("propertyId");
  });
});

describe("security headers", () => {
  it("match what helmet itself sets, on API answers and errors alike", async () => {
    const reference = express();
    reference.use(helmet());
    reference.get("/", (_req, res) => void res.end());
    const server = reference.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const port = (server.address() as { port: number }).port;
    const fromHelmet = (await fetch(`http://127.0.0.1:${port}/`)).headers;
    server.close();
    const names = [...fromHelmet.keys()].filter((n) => !["date", "connection", "keep-alive", "content-length", "x-powered-by"].includes(n));
    expect(names.length).toBeGreaterThan(10);
    for (const res of [await s.get("/api/health"), await s.get("/api/properties/999999"), await s.post("/api/tours", {})]) {
      for (const name of names) expect([name, res.headers.get(name)]).toEqual([name, fromHelmet.get(name)]);
    }
  });
});

describe("manage a tour by its token", () => {
  it("shows, reschedules and cancels", async () => {
    const slots = (await s.get("/api/properties/4/slots?from=2026-11-24&to=2026-11-24")).body.slots;
    const made = await s.post("/api/tours", { propertyId: 4, start: slots[0].start, ...person, email: "manage@example.com" });
    const token = made.body.booking.manageUrl.split("/").pop();

    const shown = await s.get(`/api/tours/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.body.booking.start).toBe(slots[0].start);
    expect(shown.body.property.name).toBe("Mueller Commons");
    expect(shown.body.guest.name).toBe("Jo Tester");

    const moved = await s.post(`/api/tours/${token}/reschedule`, { start: slots[2].start });
    expect(moved.status).toBe(200);
    expect(moved.body.booking).toMatchObject({ start: slots[2].start, sequence: 1 });

    const outside = await s.post(`/api/tours/${token}/reschedule`, { start: "2026-11-24T03:00:00Z" });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe("outside_tour_hours");
    expect((await s.post(`/api/tours/${token}/reschedule`, {})).status).toBe(400);

    const cancelled = await s.post(`/api/tours/${token}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking.status).toBe("cancelled");
    const late = await s.post(`/api/tours/${token}/reschedule`, { start: slots[3].start });
    expect([late.status, late.body.error.code]).toEqual([409, "booking_cancelled"]);
  });

  it("answers 404 for an unknown or malformed token", async () => {
    expect((await s.get("/api/tours/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
    expect((await s.get("/api/tours/..%2F..%2Fetc")).status).toBe(404);
    expect((await s.post("/api/tours/short/cancel")).status).toBe(404);
  });
});

describe("admin API", () => {
  it("requires the bearer token", async () => {
    expect((await s.get("/api/admin/bookings")).status).toBe(401);
    expect((await s.get("/api/admin/bookings", { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await s.get("/api/admin/users", { authorization: "Basic abc" })).body.error.code).toBe("unauthorized");
  });

  it("lists bookings with their contact, filtered by e-mail and status", async () => {
    const res = await s.get("/api/admin/bookings?email=JO@example.com&status=confirmed", adminHeaders);
    expect(res.status).toBe(200);
    expect(res.body.bookings.length).toBeGreaterThan(0);
    for (const b of res.body.bookings) {
      expect(b.user).toEqual({ name: "Jo Tester", email: "jo@example.com", phone: "+15125550199" });
      expect(b.status).toBe("confirmed");
      expect(Object.keys(b)).toEqual(expect.arrayContaining(["id", "propertyId", "start", "end", "status", "user"]));
    }
    expect((await s.get("/api/admin/bookings?status=maybe", adminHeaders)).status).toBe(400);
  });

  it("lists users by role", async () => {
    const tenants = await s.get("/api/admin/users?role=tenant", adminHeaders);
    expect(tenants.body.users.length).toBeGreaterThanOrEqual(6);
    expect(tenants.body.users[0]).toEqual(expect.objectContaining({ role: "tenant", propertyId: expect.any(Number), unit: expect.any(String) }));
    const prospects = await s.get("/api/admin/users?role=prospect", adminHeaders);
    expect(prospects.body.users.every((u: any) => u.role === "prospect")).toBe(true);
    expect((await s.get("/api/admin/users?role=owner", adminHeaders)).status).toBe(400);
  });
});

describe("errors, CORS and limits", () => {
  it("answers unknown routes with JSON 404", async () => {
    const res = await s.get("/api/nope");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("not_found");
  });

  it("allows listed origins only", async () => {
    const ok = await fetch(`${s.url}/api/properties/2`, { headers: { origin: "http://localhost:3000" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://localhost:3000");
    const other = await fetch(`${s.url}/api/properties/2`, { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await fetch(`${s.url}/api/tours`, { method: "OPTIONS", headers: { origin: "https://evil.example" } });
    expect(preflight.status).toBe(403);
  });

  it("rate-limits per IP with 429", async () => {
    const limited = await startTestServer({ env: { RATE_LIMIT_PER_MINUTE: "3" } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.get("/api/properties/1")).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const res = await limited.get("/api/properties/1");
      expect(res.body.error.code).toBe("rate_limited");
      expect((await limited.get("/api/health")).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
