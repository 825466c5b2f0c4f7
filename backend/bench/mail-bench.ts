/**
 * Inbox throughput: puts N messages (default 200) into a real Dovecot, then lets the mail
 * worker read, classify (through the OpenAI path, against a local Chat Completions server
 * that answers after a fixed delay), ticket and answer them all. Prints wall time,
 * messages/s and the ratio to the ideal N / lanes × delay (the worker handles MAIL_LANES
 * messages at once).
 *
 *   npm run bench:mail -- --messages 200 --delay 300
 */

import { MAIL_LANES } from "../src/channels/email/imap-worker";
import { loadConfig } from "../src/config/config";
import { buildApp } from "../src/main";
import { Dovecot, dovecotAvailable } from "../test/support/dovecot";
import { FakeOpenAi } from "../test/support/fake-openai";
import { email } from "../test/support/mail-fixtures";
import { tempDir } from "../test/support/temp-dir";
import { numberArg } from "./bench-args";

const N = numberArg("messages", 200);
const DELAY = numberArg("delay", 300);

const BODIES = [
  "The kitchen faucet drips all night.",
  "My rent payment did not go through this month, can you check?",
  "The hallway light outside my door is out.",
  "Is there a parking permit for guests?",
  "The dishwasher won't drain.",
  "Can I get a receipt for last month's rent?",
];

async function main() {
  if (!dovecotAvailable()) {
    console.error("Dovecot is not installed: apt-get install -y dovecot-imapd");
    process.exit(1);
  }
  const dovecot = await Dovecot.start();
  const fake = await new FakeOpenAi().start();
  fake.script = () => ({
    delayMs: DELAY,
    toolCalls: [
      {
        name: "classify_email",
        args: { intent: "maintenance", priority: "normal", summary: "Repair request from a resident", actionRequired: "Schedule the repair." },
      },
    ],
  });
  const messages = Array.from({ length: N }, (_, i) =>
    email({
      from: `Resident ${i} <resident${i}@example.com>`,
      subject: `Request ${i}`,
      body: `${BODIES[i % BODIES.length]}\nUnit ${100 + i}`,
      id: `bench-${i}-${Date.now()}@example.com`,
    }),
  );
  console.log(`delivering ${N} messages to Dovecot…`);
  for (let i = 0; i < N; i += 50) await dovecot.deliver(...messages.slice(i, i + 50));

  const config = loadConfig({
    DATA_DIR: tempDir("l2l-bench-mail-"),
    LOG_LEVEL: "warn",
    IMAP_URL: dovecot.url,
    LLM_PROVIDER: "openai",
    OPENAI_API_KEY: "sk-bench",
    OPENAI_BASE_URL: fake.baseUrl,
    MAIL_POLL_MS: "1000",
    MAIL_LOOKBACK_DAYS: "2",
  });
  const app = await buildApp(config);
  const started = performance.now();
  app.outbox.start();
  app.startMailWorker();
  const done = () => app.db.prepare("SELECT count(*) FROM inbound_messages WHERE status != 'processing'").pluck().get() as number;
  while (done() < N) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - started) / 1000;
  const ideal = (N / MAIL_LANES) * (DELAY / 1000);
  const processed = app.db.prepare("SELECT count(*) FROM inbound_messages WHERE status = 'processed'").pluck().get() as number;
  const tickets = app.db.prepare("SELECT count(*) FROM tickets").pluck().get() as number;
  await app.close();
  await fake.stop();
  await dovecot.down();

  console.log("");
  console.log(`messages          ${N} (${processed} processed, ${tickets} tickets, ${fake.requests.length} model calls)`);
  console.log(`lanes             ${MAIL_LANES}`);
  console.log(`model delay       ${DELAY} ms`);
  console.log(`wall time         ${seconds.toFixed(2)} s (from worker start, includes connecting)`);
  console.log(`messages/s        ${(N / seconds).toFixed(1)}`);
  console.log(`ideal             ${ideal.toFixed(2)} s (N / lanes × delay)`);
  console.log(`ratio to ideal    ${(seconds / ideal).toFixed(2)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
