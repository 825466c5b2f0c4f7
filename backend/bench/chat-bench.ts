/**
 * Chat throughput and cost. Three phases:
 *  1. N concurrent sessions (default 50) each hold a scripted booking conversation with the
 *     offline model against a server in its own process: turns/s and p50/p99 turn latency,
 *     beside the same client loop against GET /api/health as a baseline.
 *  2. Many short sessions (default 10,000): the server's RSS before and after.
 *  3. A 30-turn conversation through the OpenAI path (the real @langchain/openai client
 *     against a local Chat Completions server): prompt size in tokens at turns 1, 10 and 30.
 *
 * Before phase 1 the server is warmed up with `--warmup` conversations (default 600); their
 * figures are printed too, as those of a freshly started server.
 *
 *   npm run bench:chat -- --sessions 50 --rounds 4 --rss-sessions 10000 --warmup 600
 */
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { countTokens } from "gpt-tokenizer";
import { loadConfig } from "../src/config/config";
import { buildApp } from "../src/main";
import { FakeOpenAi } from "../test/support/fake-openai";
import { freePort } from "../test/support/free-port";
import { numberArg } from "./bench-args";
import { cpuMs, spawnServer } from "./spawn-server";

const SESSIONS = numberArg("sessions", 50);
const ROUNDS = numberArg("rounds", 4);
const RSS_SESSIONS = numberArg("rss-sessions", 10_000);
// Conversations run before measuring. The chat path runs a large body of library code, and V8
// keeps compiling it with TurboFan for the first few thousand turns after a start; the
// measured phase is meant to show a server that has been up a while.
const WARMUP = numberArg("warmup", 600);

const CITIES = [
  { city: "Austin", beds: 1, budget: "$2,500", name: "The Alder" },
  { city: "Denver", beds: 2, budget: "3k", name: "Highland Row" },
  { city: "Portland", beds: 2, budget: "$2,600", name: "Alberta Commons" },
  { city: "Boston", beds: 1, budget: "3.5k", name: "Beacon & Vine" },
  { city: "San Jose", beds: 2, budget: "$3,500", name: "Willow Glen Gardens" },
];
const DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"];
const ORDINALS = ["first", "second", "third"];
const FIRST = ["Ava", "Ben", "Cara", "Dev", "Elle", "Finn", "Gia", "Hugo", "Iris", "Jon", "Kai", "Lena", "Milo", "Nora", "Omar", "Pia"];
const LAST = ["Reyes", "Stone", "Tran", "Udall", "Vance", "Wolfe", "Xu", "Young", "Zane", "Abbott", "Brooks", "Chen", "Diaz", "Ellis", "Frost", "Grant"];
const person = (n: number) => {
  const first = FIRST[n % FIRST.length];
  const last = LAST[Math.floor(n / FIRST.length) % LAST.length];
  return { name: `${first} ${last}`, email: `${first}.${last}.${n}@example.com`.toLowerCase() };
};

function script(n: number): string[] {
  const c = CITIES[n % CITIES.length];
  return [
    "hi there",
    `looking for a ${c.beds} bedroom in ${c.city} under ${c.budget}`,
    `tell me about ${c.name}`,
    `can I see it ${DAYS[Math.floor(n / CITIES.length) % DAYS.length]} afternoon?`,
    `the ${ORDINALS[n % ORDINALS.length]} one`,
    `${person(n).name}, ${person(n).email}`,
    "what tours do I have?",
    "thanks!",
  ];
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

// A plain keep-alive HTTP client: it leaves more of the shared cores to the server than fetch does.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

function request(url: string, method: "GET" | "POST", body?: unknown): Promise<{ status: number; text: string }> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent, headers: data ? { "content-type": "application/json", "content-length": Buffer.byteLength(data) } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(data);
  });
}

async function post(url: string, body: unknown): Promise<{ sessionId: string; reply: string }> {
  const r = await request(url, "POST", body);
  if (r.status !== 200) throw new Error(`chat answered ${r.status}`);
  return JSON.parse(r.text) as { sessionId: string; reply: string };
}

async function conversations(base: string, count: number, concurrency: number, turnsOf: (n: number) => string[]) {
  const latencies: number[] = [];
  let next = 0;
  let booked = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const n = next++;
        let sessionId: string | undefined;
        for (const message of turnsOf(n)) {
          const t = performance.now();
          const r = await post(`${base}/api/chat`, { sessionId, message });
          latencies.push(performance.now() - t);
          sessionId = r.sessionId;
          if (/You're booked/.test(r.reply)) booked++;
        }
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000, booked };
}

async function healthLoop(base: string, total: number, concurrency: number) {
  const latencies: number[] = [];
  let done = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (done < total) {
        done++;
        const t = performance.now();
        const r = await request(`${base}/api/health`, "GET");
        if (r.status !== 200) throw new Error(`health answered ${r.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

async function promptSizes(): Promise<Record<number, number>> {
  const fake = await new FakeOpenAi().start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "l2l-bench-openai-"));
  const app = buildApp(
    loadConfig({
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      LLM_PROVIDER: "openai",
      OPENAI_API_KEY: "sk-bench",
      OPENAI_BASE_URL: fake.baseUrl,
      OUTBOX_MODE: "inline",
    }),
  );
  const cities = ["Austin", "Denver", "Portland", "Boston", "San Jose"];
  fake.script = (req) => {
    const last = req.messages[req.messages.length - 1];
    if (last.role === "user") return { toolCalls: [{ name: "search_properties", args: { location: cities[req.messages.length % cities.length] } }] };
    return {
      content:
        "Here are a few places that match what you asked for, with rent, size and pet policy. Would you like to see tour times for one of them, or should I narrow the search by budget or move-in date?",
    };
  };
  const sizes: Record<number, number> = {};
  let sessionId: string | undefined;
  for (let turn = 1; turn <= 30; turn++) {
    const before = fake.requests.length;
    const r = await app.services.chat.send({
      sessionId,
      message: `Turn ${turn}: what do you have in ${cities[turn % cities.length]} for a ${1 + (turn % 3)} bedroom?`,
    });
    sessionId = r.sessionId;
    const first = fake.requests[before];
    if ([1, 10, 30].includes(turn)) sizes[turn] = countTokens(JSON.stringify(first.messages)) + countTokens(JSON.stringify(first.tools ?? []));
  }
  await app.close();
  await fake.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return sizes;
}

async function main() {
  const server = await spawnServer({ LLM_PROVIDER: "offline" }, await freePort());
  const pid = server.child.pid!;
  try {
    // Warm up the server and its chat threads (JIT, caches) before measuring.
    const warmCpuBefore = cpuMs(pid);
    const warm = await conversations(server.url, WARMUP, SESSIONS, script);
    const warmCpu = cpuMs(pid) - warmCpuBefore;
    const single = await conversations(server.url, 10, 1, (n) => script(n + 500));
    const conversationsRun = SESSIONS * ROUNDS;
    const cpuBefore = cpuMs(pid);
    const chat = await conversations(server.url, conversationsRun, SESSIONS, (n) => script(n + 1000));
    const serverCpu = cpuMs(pid) - cpuBefore;
    const turns = chat.latencies.length;
    const health = await healthLoop(server.url, turns, SESSIONS);

    console.log(
      `\nWarm-up (a freshly started server): ${warm.latencies.length} turns in ${WARMUP} conversations, ${(warm.latencies.length / warm.seconds).toFixed(0)} turns/s, p50 ${pct(warm.latencies, 50).toFixed(1)} ms, server CPU ${(warmCpu / warm.latencies.length).toFixed(2)} ms per turn`,
    );
    console.log(
      `\nOne session at a time: ${single.latencies.length} turns, p50 ${pct(single.latencies, 50).toFixed(1)} ms, p99 ${pct(single.latencies, 99).toFixed(1)} ms, ${(single.latencies.length / single.seconds).toFixed(0)} turns/s (${single.booked} booked)`,
    );
    console.log(`\nPhase 1: ${conversationsRun} scripted booking conversations, ${SESSIONS} concurrent sessions, offline model`);
    console.log(`turns             ${turns} (${chat.booked} tours booked)`);
    console.log(`turns/s           ${(turns / chat.seconds).toFixed(0)}`);
    console.log(`turn p50          ${pct(chat.latencies, 50).toFixed(1)} ms`);
    console.log(`turn p99          ${pct(chat.latencies, 99).toFixed(1)} ms`);
    console.log(
      `server CPU        ${(serverCpu / turns).toFixed(2)} ms per turn (all its threads; ${((serverCpu / 1000 / chat.seconds) * 100).toFixed(0)}% of one core)`,
    );
    console.log(`health req/s      ${(health.latencies.length / health.seconds).toFixed(0)}  (same client loop, GET /api/health)`);
    console.log(`health p50        ${pct(health.latencies, 50).toFixed(1)} ms`);
    console.log(
      `ratio             turns/s is ${((turns / chat.seconds / (health.latencies.length / health.seconds)) * 100).toFixed(1)}% of health req/s; p50 ${(pct(chat.latencies, 50) / pct(health.latencies, 50)).toFixed(1)}x`,
    );

    const rssBefore = rssMb(pid);
    const short = await conversations(server.url, RSS_SESSIONS, SESSIONS, (n) => [`hi, any ${1 + (n % 3)} bedroom in ${CITIES[n % CITIES.length].city}?`]);
    const rssAfter = rssMb(pid);
    console.log(`\nPhase 2: ${RSS_SESSIONS} sessions (one turn each) in ${short.seconds.toFixed(1)} s`);
    console.log(`RSS before        ${rssBefore.toFixed(1)} MB`);
    console.log(`RSS after         ${rssAfter.toFixed(1)} MB`);
    console.log(`RSS growth        ${(rssAfter - rssBefore).toFixed(1)} MB`);
  } finally {
    await server.stop();
  }

  const sizes = await promptSizes();
  console.log(`\nPhase 3: prompt sent on the OpenAI path (tokens, gpt-tokenizer; messages + tool schemas)`);
  console.log(`turn 1            ${sizes[1]}`);
  console.log(`turn 10           ${sizes[10]}`);
  console.log(`turn 30           ${sizes[30]}`);
  console.log(`turn 30 / turn 10 ${(sizes[30] / sizes[10]).toFixed(2)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
