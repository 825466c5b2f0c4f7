/**
 * Booking throughput: many concurrent clients POST /api/tours against a server running in its
 * own process for a fixed time. About one request in ten deliberately targets a slot another
 * client already asked for, so conflicts are exercised. Prints bookings/s, latency and
 * conflicts, then checks the database for double bookings (same slot or overlapping times).
 *
 *   npm run bench:booking                 (starts its own server)
 *   BENCH_URL=http://host:3000 npm run bench:booking -- --connections 100 --duration 10
 */
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { freePort } from "../test/support/free-port";
import { spawnServer, type SpawnedServer } from "./spawn-server";
import { numberArg } from "./bench-args";

const connections = numberArg("connections", 50);
const conflictShare = numberArg("conflicts", 0.1);
const durationSeconds = numberArg("duration", 6);

async function main() {
  let server: SpawnedServer | undefined;
  let url = process.env.BENCH_URL;
  if (!url) {
    server = await spawnServer({ TOUR_HORIZON_DAYS: "30", TOUR_MIN_NOTICE_MINUTES: "120" }, await freePort());
    url = server.url;
  }
  try {
    const { properties } = (await (await fetch(`${url}/api/properties?limit=100`)).json()) as { properties: Array<{ id: number }> };
    const today = new Date().toISOString().slice(0, 10);
    const until = new Date(Date.now() + 29 * 86_400_000).toISOString().slice(0, 10);
    const slots: Array<{ propertyId: number; start: string }> = [];
    for (const p of properties) {
      const r = (await (await fetch(`${url}/api/properties/${p.id}/slots?from=${today}&to=${until}`)).json()) as { slots: Array<{ start: string }> };
      for (const s of r.slots) slots.push({ propertyId: p.id, start: s.start });
    }
    // Interleave properties so concurrent requests spread over the catalogue.
    slots.sort((a, b) => a.start.localeCompare(b.start) || a.propertyId - b.propertyId);
    let nextSlot = 0;
    let seq = 0;
    const pick = () => {
      if (nextSlot > connections && Math.random() < conflictShare) {
        return slots[nextSlot - 1 - Math.floor(Math.random() * Math.min(connections, nextSlot - 1))];
      }
      return slots[nextSlot++ % slots.length];
    };

    console.log(`open slots: ${slots.length}; duration: ${durationSeconds} s; connections: ${connections}; conflict share: ${conflictShare}`);
    const wallStart = performance.now();
    const result = await autocannon({
      url,
      connections,
      duration: durationSeconds,
      requests: [
        {
          method: "POST",
          path: "/api/tours",
          headers: { "content-type": "application/json" },
          setupRequest: (req: any) => {
            const s = pick();
            const n = ++seq;
            return { ...req, body: JSON.stringify({ propertyId: s.propertyId, start: s.start, name: `Bench Guest ${n}`, email: `bench${n}@example.com` }) };
          },
        },
      ],
    });
    const codes = result.statusCodeStats as Record<string, { count: number }>;
    const booked = codes["201"]?.count ?? 0;
    const conflicts = codes["409"]?.count ?? 0;
    const others = Object.entries(codes).filter(([c]) => c !== "201" && c !== "409");
    const seconds = (performance.now() - wallStart) / 1000;
    if (nextSlot >= slots.length) console.log("warning: ran out of fresh slots; later requests were conflicts");

    let doubles = "n/a (remote server)";
    if (server) {
      const db = new Database(path.join(server.dataDir, "leasing.db"), { readonly: true });
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
      const rows = db.prepare("SELECT count(*) FROM bookings WHERE status = 'confirmed'").pluck().get() as number;
      db.close();
      doubles = String(sameSlot + overlapping);
      // Requests still in flight when the clock stops may commit without their 201 being counted.
      if (rows < booked || rows > booked + connections) doubles += ` (confirmed rows ${rows} vs 201s ${booked}: mismatch!)`;
    }

    console.log("");
    console.log(`bookings/s        ${(booked / seconds).toFixed(0)}`);
    console.log(`requests/s        ${(result.requests.total / seconds).toFixed(0)}`);
    console.log(`latency p50       ${result.latency.p50} ms`);
    console.log(`latency p99       ${result.latency.p99} ms`);
    console.log(`latency max       ${result.latency.max} ms`);
    console.log(`booked (201)      ${booked}`);
    console.log(`conflicts (409)   ${conflicts}`);
    if (others.length) console.log(`other statuses    ${others.map(([c, v]) => `${c}:${v.count}`).join(" ")}`);
    console.log(`errors/timeouts   ${result.errors}/${result.timeouts}`);
    console.log(`double bookings   ${doubles}`);
    console.log(`duration          ${seconds.toFixed(2)} s`);
  } finally {
    await server?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
