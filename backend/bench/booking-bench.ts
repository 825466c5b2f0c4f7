/**
 * Booking throughput on the single server process: `--connections` clients (8 by default) POST
 * /api/tours back to back for `--duration` seconds (autocannon), against a server started as
 * `npm start` starts it. About one request in ten asks for a slot another client already asked
 * for, so conflicts are exercised. Prints bookings/s, latency and conflicts; then waits for the
 * confirmations to be sent and checks the database for double bookings.
 *
 *   npm run bench:booking -- --connections 8 --duration 10
 */
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { freePort } from "../test/support/free-port";
import { numberArg } from "./bench-args";
import { cpuMs, spawnServer } from "./spawn-server";

const CONNECTIONS = numberArg("connections", 8);
const DURATION_S = numberArg("duration", 10);
const CONFLICT_SHARE = 0.1;
/** Days ahead the server takes tours: enough open slots for the whole run. */
const HORIZON_DAYS = 180;

type Slot = { propertyId: number; start: string };

async function openSlots(url: string): Promise<Slot[]> {
  const { properties } = (await (await fetch(`${url}/api/properties?limit=100`)).json()) as { properties: Array<{ id: number }> };
  const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
  const slots: Slot[] = [];
  for (const p of properties) {
    // The slots API answers ranges of up to 62 days.
    for (let from = 0; from < HORIZON_DAYS; from += 45) {
      const r = await fetch(`${url}/api/properties/${p.id}/slots?from=${day(from)}&to=${day(Math.min(HORIZON_DAYS, from + 45) - 1)}`);
      for (const s of ((await r.json()) as { slots: Array<{ start: string }> }).slots) slots.push({ propertyId: p.id, start: s.start });
    }
  }
  // Interleaved, so concurrent requests spread over the listings.
  return slots.sort((a, b) => a.start.localeCompare(b.start) || a.propertyId - b.propertyId);
}

function doubleBookings(db: Database.Database): number {
  const sameSlot = db
    .prepare("SELECT count(*) FROM (SELECT 1 FROM bookings WHERE status = 'confirmed' GROUP BY property_id, start_utc HAVING count(*) > 1)")
    .pluck()
    .get() as number;
  const overlapping = db
    .prepare(
      `SELECT count(*) FROM bookings a JOIN bookings b ON a.property_id = b.property_id AND a.id < b.id
       WHERE a.status = 'confirmed' AND b.status = 'confirmed' AND a.start_utc < b.end_utc AND b.start_utc < a.end_utc`,
    )
    .pluck()
    .get() as number;
  return sameSlot + overlapping;
}

async function main() {
  const server = await spawnServer({ TOUR_HORIZON_DAYS: String(HORIZON_DAYS) }, await freePort());
  try {
    const slots = await openSlots(server.url);
    let next = 0;
    let seq = 0;
    const body = () => {
      const conflict = next > CONNECTIONS && Math.random() < CONFLICT_SHARE;
      const s = conflict ? slots[next - 1 - Math.floor(Math.random() * CONNECTIONS)] : slots[next++ % slots.length];
      seq++;
      return JSON.stringify({ ...s, name: `Bench Guest ${seq}`, email: `bench${seq}@example.com` });
    };
    const request = { method: "POST" as const, path: "/api/tours", headers: { "content-type": "application/json" } };
    const run = (seconds: number) =>
      autocannon({ url: server.url, connections: CONNECTIONS, duration: seconds, requests: [{ ...request, setupRequest: (r) => ({ ...r, body: body() }) }] });

    await run(2); // warm-up: the server's code paths are compiled before anything is measured
    const cpuBefore = cpuMs(server.child.pid!);
    const r = await run(DURATION_S);
    const cpu = cpuMs(server.child.pid!) - cpuBefore;
    const count = (status: number) => Number((r.statusCodeStats as Record<number, { count: number }> | undefined)?.[status]?.count ?? 0);
    const booked = count(201);

    const db = new Database(path.join(server.dataDir, "leasing.db"), { readonly: true });
    const waiting = db.prepare("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')").pluck();
    const drainStart = performance.now();
    while ((waiting.get() as number) > 0 && performance.now() - drainStart < 120_000) await new Promise((res) => setTimeout(res, 100));
    const drained = (performance.now() - drainStart) / 1000;

    console.log(`\n${CONNECTIONS} clients booking back to back for ${DURATION_S} s (${slots.length} open slots, ${CONFLICT_SHARE * 100}% asked twice)`);
    console.log(`  bookings/s        ${(booked / r.duration).toFixed(0)}   (target: at least 200)`);
    console.log(`  requests/s        ${(r.requests.total / r.duration).toFixed(0)}`);
    console.log(`  latency p50       ${r.latency.p50} ms`);
    console.log(`  latency p99       ${r.latency.p99} ms   (target: under 50 ms)`);
    console.log(`  latency max       ${r.latency.max} ms`);
    console.log(`  booked (201)      ${booked}`);
    console.log(`  conflicts (409)   ${count(409)}`);
    console.log(`  other             ${r.non2xx - count(409)} non-2xx, ${r.errors} errors`);
    console.log(`  server CPU        ${((cpu * 1000) / r.requests.total).toFixed(0)} µs per request`);
    console.log(`  confirmations     ${(waiting.get() as number) === 0 ? `all sent ${drained.toFixed(1)} s after the load` : "still queued after 120 s"}`);
    console.log(`  double bookings   ${doubleBookings(db)}`);
    db.close();
  } finally {
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
