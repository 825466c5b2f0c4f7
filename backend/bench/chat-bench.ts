/**
 * Chat turn latency against model latency. A local OpenAI Chat Completions server (FakeOpenAi, in this
 * process) answers every call after a fixed model latency (`--model-ms`, default 300); the chat server runs
 * in its own process as `npm start` runs it (spawnServer), with LLM_PROVIDER=openai pointed at it.
 * Some turns make the model call search_properties and then answer; others are answered directly.
 *
 * For each turn: ratio = turn latency (client-measured, POST /api/chat, JSON) / (model calls in the turn x
 * model latency). Each user message carries a tag "(ref …)"; the fake model counts the calls whose last
 * user-role message holds it. After a warm-up (`--warmup` conversations):
 *  a. one session at a time, `--single-turns` turns: ratio p50/p90/p99, latency p50;
 *  b. `--sessions` sessions at once, each holding `--rounds` conversations of 6 turns: ratio p50/p99, ms p50/p99;
 *  c. the server's CPU time per turn over phase b (/proc, all its threads);
 *  d. a second server with the offline model: scripted booking conversations, one at a time and
 *     `--sessions` at once, after a warm-up: server CPU per turn and turn latency p50.
 *
 *   npm run bench:chat -- --sessions 20 --model-ms 300
 */
import http from "node:http";
import { type ChatRequest, FakeOpenAi, lastOf } from "../test/support/fake-openai";
import { freePort } from "../test/support/free-port";
import { numberArg } from "./bench-args";
import { cpuMs, spawnServer } from "./spawn-server";

const MODEL_MS = numberArg("model-ms", 300);
const WARMUP = numberArg("warmup", 40);
const SINGLE_TURNS = numberArg("single-turns", 60);
const SESSIONS = numberArg("sessions", 20);
const ROUNDS = numberArg("rounds", 3);

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

/** A booking conversation for the offline model (8 turns). */
function bookingScript(n: number): string[] {
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

/** A conversation for the OpenAI path (6 turns): turns 2 and 4 make the model search first. */
function openAiScript(n: number): string[] {
  const city = (k: number) => CITIES[(n + k) % CITIES.length].city;
  return [
    "hi there, I'm starting to look for an apartment",
    `what places do you have in ${city(0)}?`,
    "do any of them allow dogs?",
    `and what places are there in ${city(2)}?`,
    "how does parking usually work?",
    "thanks, that helps!",
  ];
}

const ANSWER_AFTER_TOOL =
  "I found a few places that match: each has its rent, size and pet policy listed above. The first is closest to transit and the second " +
  "has in-unit laundry. Would you like tour times for one of them, or should I narrow by budget?";
const DIRECT_ANSWER = "Happy to help with that. Tell me the city, the number of bedrooms and your budget, and I will look up what is available.";

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const [x, ms] = [(v: number) => `${v.toFixed(3)}x`, (v: number) => `${v.toFixed(1)} ms`];

// A plain keep-alive HTTP client: it leaves more of the shared cores to the server than fetch does.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });

function postChat(base: string, body: unknown): Promise<{ sessionId: string; reply: string; error?: unknown }> {
  const data = JSON.stringify(body);
  const headers = { "content-type": "application/json", "content-length": Buffer.byteLength(data) };
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}/api/chat`, { method: "POST", agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        if (res.statusCode !== 200) reject(new Error(`chat answered ${res.statusCode}: ${text.slice(0, 200)}`));
        else resolve(JSON.parse(text));
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(data);
  });
}

type Turn = { tag: string; ms: number; error: boolean };

/** `count` conversations over `concurrency` sessions at once; each user message ends with "(ref <prefix><n>-t<i>)" when tagged. */
async function converse(base: string, o: { count: number; concurrency: number; turnsOf: (n: number) => string[]; prefix?: string; maxTurns?: number }) {
  const turns: Turn[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: o.concurrency }, async () => {
      while (next < o.count) {
        const n = next++;
        let sessionId: string | undefined;
        for (const [i, text] of o.turnsOf(n).entries()) {
          if (o.maxTurns !== undefined && turns.length >= o.maxTurns) return;
          const tag = o.prefix === undefined ? "" : `${o.prefix}${n}-t${i}`;
          const t = performance.now();
          const r = await postChat(base, { sessionId, message: tag ? `${text} (ref ${tag})` : text });
          turns.push({ tag, ms: performance.now() - t, error: r.error !== undefined });
          sessionId = r.sessionId;
        }
      }
    }),
  );
  return { turns, seconds: (performance.now() - started) / 1000 };
}

async function openAiPhases() {
  const fake = await new FakeOpenAi().start();
  const calls = new Map<string, number>();
  let untagged = 0;
  fake.script = (req: ChatRequest) => {
    const user = lastOf(req, "user");
    const tag = /\(ref ([\w-]+)\)/.exec(user)?.[1];
    if (tag) calls.set(tag, (calls.get(tag) ?? 0) + 1);
    else untagged++;
    const last = req.messages[req.messages.length - 1];
    const city = /places (?:do you have|are there) in ([A-Z][a-z]+(?: [A-Z][a-z]+)?)/.exec(user)?.[1];
    if (last.role === "user" && city) return { delayMs: MODEL_MS, toolCalls: [{ name: "search_properties", args: { location: city } }] };
    return { delayMs: MODEL_MS, content: last.role === "tool" ? ANSWER_AFTER_TOOL : DIRECT_ANSWER };
  };
  const env = { LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-bench", OPENAI_BASE_URL: fake.baseUrl };
  const server = await spawnServer(env, await freePort());
  const pid = server.child.pid!;
  const summary = (turns: Turn[]) => {
    const counted = turns.filter((t) => (calls.get(t.tag) ?? 0) > 0);
    const ratios = counted.map((t) => t.ms / (calls.get(t.tag)! * MODEL_MS));
    const modelCalls = counted.reduce((s, t) => s + calls.get(t.tag)!, 0);
    const errors = turns.filter((t) => t.error).length;
    const missing = turns.length - counted.length;
    const note = `${turns.length} turns, ${(modelCalls / counted.length).toFixed(2)} model calls per turn, ${errors} error replies`;
    return { ratios, ms: turns.map((t) => t.ms), note: missing ? `${note}, ${missing} turns without a model call` : note };
  };
  try {
    const warm = await converse(server.url, { count: WARMUP, concurrency: SESSIONS, turnsOf: openAiScript, prefix: "w" });
    const singleRun = { count: Math.ceil(SINGLE_TURNS / 6), concurrency: 1, prefix: "a", maxTurns: SINGLE_TURNS };
    const single = await converse(server.url, { ...singleRun, turnsOf: (n) => openAiScript(n + 1) });
    const cpuBefore = cpuMs(pid);
    const many = await converse(server.url, { count: SESSIONS * ROUNDS, concurrency: SESSIONS, turnsOf: (n) => openAiScript(n + 2), prefix: "b" });
    const cpu = cpuMs(pid) - cpuBefore;
    console.log(`\nOpenAI path: every model call answered after ${MODEL_MS} ms (local Chat Completions server); chat server in its own process`);
    const w = summary(warm.turns);
    console.log(`warm-up           ${WARMUP} conversations, ${SESSIONS} at once: ${w.note}; ratio p50 ${x(pct(w.ratios, 50))}`);
    const a = summary(single.turns);
    console.log(`\na. One session at a time: ${a.note}`);
    console.log(`ratio p50         ${x(pct(a.ratios, 50))}   (target <= 1.05x)`);
    console.log(`ratio p90         ${x(pct(a.ratios, 90))}`);
    console.log(`ratio p99         ${x(pct(a.ratios, 99))}`);
    console.log(`latency p50       ${ms(pct(a.ms, 50))}`);
    const b = summary(many.turns);
    console.log(`\nb. ${SESSIONS} sessions at once, ${ROUNDS} conversations each: ${b.note}, ${(many.turns.length / many.seconds).toFixed(1)} turns/s`);
    console.log(`ratio p50         ${x(pct(b.ratios, 50))}   (target <= 1.10x)`);
    console.log(`ratio p99         ${x(pct(b.ratios, 99))}   (target <= 1.5x)`);
    console.log(`latency p50       ${ms(pct(b.ms, 50))}`);
    console.log(`latency p99       ${ms(pct(b.ms, 99))}`);
    const cores = `all its threads; ${(cpu / 10 / many.seconds).toFixed(0)}% of one core`;
    console.log(`\nc. Server CPU over phase b: ${(cpu / many.turns.length).toFixed(2)} ms per turn (${cores})`);
    if (untagged > 0) console.log(`(${untagged} model calls carried no tag)`);
  } finally {
    await server.stop();
    await fake.stop();
  }
}

async function offlinePhase() {
  const server = await spawnServer({ LLM_PROVIDER: "offline" }, await freePort());
  const pid = server.child.pid!;
  const measure = async (count: number, concurrency: number, offset: number) => {
    const before = cpuMs(pid);
    const r = await converse(server.url, { count, concurrency, turnsOf: (n) => bookingScript(n + offset) });
    const cpu = cpuMs(pid) - before;
    const errors = r.turns.filter((t) => t.error).length;
    const lat = r.turns.map((t) => t.ms);
    return `${r.turns.length} turns, server CPU ${(cpu / r.turns.length).toFixed(2)} ms per turn, turn p50 ${ms(pct(lat, 50))} (${errors} error replies)`;
  };
  try {
    await converse(server.url, { count: WARMUP, concurrency: SESSIONS, turnsOf: bookingScript });
    const single = await measure(10, 1, 1000);
    const many = await measure(SESSIONS * ROUNDS, SESSIONS, 2000);
    console.log(`\nd. Offline model, scripted booking conversations (8 turns), after ${WARMUP} warm-up conversations`);
    console.log(`1 session         ${single}`);
    console.log(`${String(SESSIONS).padEnd(2)} sessions       ${many}`);
  } finally {
    await server.stop();
  }
}

async function main() {
  await openAiPhases();
  await offlinePhase();
  agent.destroy();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
