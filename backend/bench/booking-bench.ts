/**
 * Booking throughput: many concurrent clients POST /api/tours against a server running in its
 * own process for a fixed time. About one request in ten deliberately targets a slot another
 * client already asked for, so conflicts are exercised. Prints bookings/s, latency and
 * conflicts, then checks the database for double bookings (same slot or overlapping times).
 * Phases: highest throughput (closed loop), a fixed rate of 1,000 bookings/s, and closed loops
 * with fewer clients (`--sweep 4,8`), which show what each level of concurrency costs in latency.
 * A baseline phase first sends GET /api/health at the fixed rate: the floor of the HTTP stack
 * and the machine.
 *
 *   npm run bench:booking                 (starts its own server)
 *   BENCH_URL=http://host:3000 npm run bench:booking -- --connections 100 --duration 10
 */
import path from "node:path";
import Database from "better-sqlite3";
import { freePort } from "../test/support/free-port";
import { cpuMs, spawnServer, type SpawnedServer } from "./spawn-server";
import { numberArg, numberListArg } from "./bench-args";
import { percentile, runLoad, type LoadRequest, type LoadResult } from "./http-load";

const connections = numberArg("connections", 16);
const conflictShare = numberArg("conflicts", 0.1);
const durationSeconds = numberArg("duration", 6);
/** Requests per second of the fixed-rate phase: 1,000 bookings/s plus the share of conflicts. */
const rate = numberArg("rate", Math.round(1000 / (1 - conflictShare)));
const rateConnections = numberArg("rate-connections", 64);
/** Days ahead the server takes tours (its TOUR_HORIZON_DAYS): enough open slots for every phase. */
const HORIZON_DAYS = 180;
/** How long to wait, after the load, for every queued confirmation to be sent. */
const DRAIN_WAIT_MS = 300_000;
/** Fewer clients in closed loop: the latency each level of concurrency brings. */
const sweep = numberListArg("sweep", [4, 8]);

async function main() {
  let server: SpawnedServer | undefined;
  let url = process.env.BENCH_URL;
  if (!url) {
    server = await spawnServer({ TOUR_HORIZON_DAYS: String(HORIZON_DAYS), TOUR_MIN_NOTICE_MINUTES: "120" }, await freePort());
    url = server.url;
  }
  try {
    const { properties } = (await (await fetch(`${url}/api/properties?limit=100`)).json()) as { properties: Array<{ id: number }> };
    // Every open slot of the horizon, asked for in ranges of 45 days (the API's limit is 62).
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const ranges = Array.from({ length: Math.ceil(HORIZON_DAYS / 45) }, (_, i) => [day(i * 45), day(Math.min(HORIZON_DAYS, (i + 1) * 45) - 1)]);
    const slots: Array<{ propertyId: number; start: string }> = [];
    for (const p of properties) {
      for (const [from, to] of ranges) {
        const r = (await (await fetch(`${url}/api/properties/${p.id}/slots?from=${from}&to=${to}`)).json()) as { slots: Array<{ start: string }> };
        for (const s of r.slots) slots.push({ propertyId: p.id, start: s.start });
      }
    }
    // Interleave properties so concurrent requests spread over the catalogue.
    slots.sort((a, b) => a.start.localeCompare(b.start) || a.propertyId - b.propertyId);
    let nextSlot = 0;
    let seq = 0;
    const pick = () => {
      if (nextSlot > connections && Math.random() < conflictShare) {
        return slots[(nextSlot - 1 - Math.floor(Math.random() * Math.min(connections, nextSlot - 1))) % slots.length];
      }
      return slots[nextSlot++ % slots.length];
    };

    const bookingRequest = (): LoadRequest => {
      const s = pick();
      const n = ++seq;
      return { method: "POST", path: "/api/tours", body: JSON.stringify({ propertyId: s.propertyId, start: s.start, name: `Bench Guest ${n}`, email: `bench${n}@example.com` }) };
    };
    console.log(`open slots: ${slots.length}; conflict share: ${conflictShare}`);

    // First the fixed-rate load against the cheapest route, before any booking has queued mail:
    // what the HTTP stack and this machine cost alone.
    const health = (): LoadRequest => ({ method: "GET", path: "/api/health" });
    await runLoad({ url, connections: 4, durationMs: 1000, next: health });
    const baseline = await runLoad({ url, connections: rateConnections, durationMs: durationSeconds * 1000, rate, next: health });
    console.log("");
    console.log(`Baseline: GET /api/health at ${rate} requests/s over ${rateConnections} connections, ${durationSeconds} s (the fixed-rate load below, on the cheapest route)`);
    console.log(`  requests/s        ${(baseline.answered / baseline.seconds).toFixed(0)}`);
    console.log(`  latency p50       ${percentile(baseline.latencies, 50).toFixed(1)} ms`);
    console.log(`  latency p99       ${percentile(baseline.latencies, 99).toFixed(1)} ms`);

    // Warm-up: the server's code paths get compiled before anything is measured.
    const warmUp = await runLoad({ url, connections: 4, durationMs: 1000, next: bookingRequest });

    const report = (title: string, r: LoadResult, serverCpu?: number) => {
      const booked = r.statuses.get(201) ?? 0;
      const conflicts = r.statuses.get(409) ?? 0;
      const others = [...r.statuses].filter(([c]) => c !== 201 && c !== 409);
      console.log("");
      console.log(title);
      console.log(`  bookings/s        ${(booked / r.seconds).toFixed(0)}`);
      console.log(`  requests/s        ${(r.answered / r.seconds).toFixed(0)}`);
      console.log(`  latency p50       ${percentile(r.latencies, 50).toFixed(1)} ms`);
      console.log(`  latency p99       ${percentile(r.latencies, 99).toFixed(1)} ms`);
      console.log(`  latency max       ${percentile(r.latencies, 100).toFixed(1)} ms`);
      console.log(`  booked (201)      ${booked}`);
      console.log(`  conflicts (409)   ${conflicts}`);
      if (others.length) console.log(`  other statuses    ${others.map(([c, n]) => `${c}:${n}`).join(" ")}`);
      console.log(`  errors            ${r.errors}${r.unsent ? `; due but never sent: ${r.unsent}` : ""}`);
      if (serverCpu !== undefined) console.log(`  server CPU        ${((serverCpu * 1000) / r.answered).toFixed(0)} µs per request (all its threads, mail included; ${((serverCpu / 1000 / r.seconds) * 100).toFixed(0)}% of one core)`);
    };

    const cpu = () => (server?.child.pid ? cpuMs(server.child.pid) : undefined);
    const cpu0 = cpu();
    const closed = await runLoad({ url, connections, durationMs: durationSeconds * 1000, next: bookingRequest });
    const cpu1 = cpu();
    report(`Highest throughput: ${connections} connections, each sending its next booking as soon as the last is answered, ${durationSeconds} s`, closed, cpu1 !== undefined ? cpu1 - cpu0! : undefined);
    const fixed = await runLoad({ url, connections: rateConnections, durationMs: durationSeconds * 1000, rate, next: bookingRequest });
    const cpu2 = cpu();
    report(`Fixed rate: ${rate} requests/s over ${rateConnections} connections, ${durationSeconds} s (latency counted from when each request was due)`, fixed, cpu2 !== undefined ? cpu2 - cpu1! : undefined);
    const swept: LoadResult[] = [];
    if (sweep.length) {
      console.log("");
      console.log(`Fewer clients, closed loop, ${durationSeconds} s each:`);
      for (const n of sweep) {
        const r = await runLoad({ url, connections: n, durationMs: durationSeconds * 1000, next: bookingRequest });
        swept.push(r);
        console.log(
          `  ${String(n).padStart(3)} connections   ${((r.statuses.get(201) ?? 0) / r.seconds).toFixed(0)} bookings/s, ${(r.answered / r.seconds).toFixed(0)} requests/s, p50 ${percentile(r.latencies, 50).toFixed(1)} ms, p99 ${percentile(r.latencies, 99).toFixed(1)} ms, errors ${r.errors}`,
        );
      }
    }
    if (nextSlot >= slots.length) console.log("warning: ran out of fresh slots; later requests were conflicts");
    const booked = [warmUp, closed, fixed, ...swept].reduce((n, r) => n + (r.statuses.get(201) ?? 0), 0);
    const inFlightAllowance = connections + rateConnections + 4 + sweep.reduce((a, b) => a + b, 0);

    let doubles = "n/a (remote server)";
    if (server) {
      // Mail renders at a low priority, and at a paced rate while bookings arrive in a burst: under
      // load it falls behind, then catches up. How long until every confirmation queued during the
      // run was sent:
      const outboxDb = new Database(path.join(server.dataDir, "leasing.db"), { readonly: true });
      const waiting = outboxDb.prepare("SELECT count(*) FROM outbox WHERE status IN ('pending', 'sending')").pluck();
      const backlog = waiting.get() as number;
      const drainStarted = Date.now();
      while ((waiting.get() as number) > 0 && Date.now() - drainStarted < DRAIN_WAIT_MS) await new Promise((r) => setTimeout(r, 100));
      const left = waiting.get() as number;
      const sent = outboxDb.prepare("SELECT count(*) FROM outbox WHERE status = 'sent'").pluck().get() as number;
      outboxDb.close();
      console.log("");
      console.log(`confirmations     ${sent} sent; ${backlog} were still queued when the load stopped, ${left ? `${left} still queued after ${DRAIN_WAIT_MS / 1000} s` : `all sent ${((Date.now() - drainStarted) / 1000).toFixed(1)} s later`}`);

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
      if (rows < booked || rows > booked + inFlightAllowance) doubles += ` (confirmed rows ${rows} vs 201s ${booked}: mismatch!)`;
    }

    console.log("");
    console.log(`double bookings   ${doubles}`);
  } finally {
    await server?.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
