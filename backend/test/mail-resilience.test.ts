import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dovecot, dovecotAvailable } from "./support/dovecot";
import { FakeOpenAi } from "./support/fake-openai";
import { email, requireTool } from "./support/mail-fixtures";
import { SmtpSink } from "./support/smtp-sink";
import { tempDir } from "./support/temp-dir";
import { startTestServer, type TestServer } from "./support/test-app";
import { until } from "./support/wait";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const run = requireTool(dovecotAvailable(), "Dovecot (IMAP)", "apt-get install -y dovecot-imapd");

const REPAIRS = [
  "The kitchen sink is clogged and won't drain.",
  "My bathroom fan stopped working.",
  "The dishwasher is leaking a little.",
  "A cabinet door came off its hinge.",
  "The garbage disposal is jammed.",
  "Hallway light is out on my floor.",
  "The shower drain is slow.",
  "Bedroom window won't close all the way.",
  "Smoke detector keeps chirping.",
  "The fridge is making a loud noise.",
  "Toilet keeps running all night.",
  "Front door buzzer doesn't work.",
];

function repairMail(i: number, tag: string) {
  return email({
    from: "Tom Becker <tom.becker@example.com>",
    subject: `Repair ${i}`,
    body: `Hi, unit 5 here. ${REPAIRS[i % REPAIRS.length]}\nThanks, Tom`,
    id: `repair-${i}-${tag}@example.com`,
  });
}

describe.runIf(run)("e-mail channel through crashes and outages", () => {
  let dovecot: Dovecot;
  let smtp: SmtpSink;
  let fake: FakeOpenAi;

  beforeAll(async () => {
    dovecot = await Dovecot.start();
    smtp = await SmtpSink.start();
    fake = await new FakeOpenAi().start();
  });
  afterAll(async () => {
    await dovecot?.down();
    await smtp?.down();
    await fake?.stop();
  });

  const repliesTo = (id: string) => smtp.received.filter((m) => m.parsed.inReplyTo === id);

  it("survives kill -9 of the worker mid-batch: every message handled exactly once", async () => {
    fake.script = (req) => {
      const text = req.messages.map((m) => m.content ?? "").join(" ");
      const n = /Repair (\d+)/.exec(text)?.[1] ?? "?";
      return {
        delayMs: 250,
        toolCalls: [
          {
            name: "classify_email",
            args: { intent: "maintenance", priority: "normal", summary: `Repair ${n} for Tom Becker`, actionRequired: "Schedule the repair." },
          },
        ],
      };
    };
    const dataDir = tempDir();
    const env = {
      ...process.env,
      DATA_DIR: dataDir,
      IMAP_URL: dovecot.url,
      SMTP_URL: smtp.url,
      LLM_PROVIDER: "openai",
      OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: fake.baseUrl,
      MAIL_POLL_MS: "300",
      OUTBOX_POLL_MS: "100",
      // A message a killed worker had claimed becomes sendable again after this lease.
      OUTBOX_LEASE_MS: "1500",
      MAIL_FROM: "Avery <leasing@localhost>",
      LOG_LEVEL: "warn",
    };
    const startWorker = (): ChildProcess =>
      spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "backend/src/mail-worker.ts")], { cwd: ROOT, env, stdio: "ignore" });
    const count = (sql: string) => {
      try {
        const db = new Database(path.join(dataDir, "leasing.db"), { readonly: true, fileMustExist: true });
        try {
          return db.prepare(sql).pluck().get() as number;
        } finally {
          db.close();
        }
      } catch {
        return 0;
      }
    };
    await dovecot.deliver(...REPAIRS.map((_, i) => repairMail(i, "kill")));

    let worker = startWorker();
    await until(() => count("SELECT count(*) FROM inbound_messages WHERE status = 'processed'") >= 3, 60_000, "some messages processed");
    worker.kill("SIGKILL");
    await new Promise((r) => worker.once("exit", r));
    const atKill = count("SELECT count(*) FROM inbound_messages WHERE status = 'processed'");
    expect(atKill).toBeLessThan(REPAIRS.length);

    worker = startWorker();
    try {
      await until(() => count("SELECT count(*) FROM inbound_messages WHERE status = 'processed'") === REPAIRS.length, 60_000, "all processed after restart");
      await until(() => REPAIRS.every((_, i) => repliesTo(`<repair-${i}-kill@example.com>`).length >= 1), 30_000, "all replies delivered");
      await new Promise((r) => setTimeout(r, 1000));
    } finally {
      worker.kill("SIGTERM");
      await new Promise((r) => worker.once("exit", r));
    }
    expect(count("SELECT count(*) FROM inbound_messages")).toBe(REPAIRS.length);
    expect(count("SELECT count(*) FROM tickets")).toBe(REPAIRS.length);
    expect(count("SELECT count(DISTINCT source_message_key) FROM tickets")).toBe(REPAIRS.length);
    // One reply per message. (A worker killed in the middle of an SMTP transaction may hand the
    // same message to the server twice; it keeps its Message-ID, so mail clients show it once.)
    for (let i = 0; i < REPAIRS.length; i++) {
      const ids = new Set(repliesTo(`<repair-${i}-kill@example.com>`).map((m) => m.parsed.messageId));
      expect(ids.size, `replies to ${i}`).toBe(1);
    }
    expect((await dovecot.flags()).unseen).toBe(0);
  }, 180_000);

  describe("a running server", () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer({
        env: {
          IMAP_URL: dovecot.url,
          SMTP_URL: smtp.url,
          MAIL_FROM: "Avery <leasing@localhost>",
          MAIL_POLL_MS: "200",
          MAIL_LOOKBACK_DAYS: "7",
          OUTBOX_POLL_MS: "100",
          OUTBOX_BASE_BACKOFF_MS: "50",
          OUTBOX_MAX_BACKOFF_MS: "300",
        },
      });
    });
    afterAll(() => s?.close());
    const processed = (key: string) => until(() => s.app.repos.inbound.find(key)?.status === "processed", 30_000, `${key} processed`);

    it("reconnects after a Dovecot restart and loses nothing", async () => {
      await dovecot.deliver(repairMail(0, "r1"), repairMail(1, "r1"));
      await processed("<repair-0-r1@example.com>");
      await processed("<repair-1-r1@example.com>");
      await dovecot.down();
      await new Promise((r) => setTimeout(r, 800));
      await dovecot.up();
      await dovecot.deliver(repairMail(2, "r1"), repairMail(3, "r1"));
      for (let i = 0; i < 4; i++) await processed(`<repair-${i}-r1@example.com>`);
      await until(() => [0, 1, 2, 3].every((i) => repliesTo(`<repair-${i}-r1@example.com>`).length === 1), 15_000);
      await new Promise((r) => setTimeout(r, 500));
      for (let i = 0; i < 4; i++) expect(repliesTo(`<repair-${i}-r1@example.com>`)).toHaveLength(1);
    }, 60_000);

    it("keeps replies through an SMTP outage and delivers each once when it returns", async () => {
      await smtp.down();
      await dovecot.deliver(repairMail(4, "smtp"), repairMail(5, "smtp"), repairMail(6, "smtp"));
      for (const i of [4, 5, 6]) await processed(`<repair-${i}-smtp@example.com>`);
      await until(() => s.app.repos.outbox.list({ status: "pending" }).some((m) => m.attempts >= 1), 10_000, "failed attempts recorded");
      expect(s.app.repos.outbox.list({ status: "pending" }).find((m) => m.attempts >= 1)!.lastError).toMatch(/SMTP unavailable/);
      await smtp.up();
      // Retries fall due on the application's clock, which the test moves on.
      const retried = () => {
        s.clock.advance(100);
        return [4, 5, 6].every((i) => repliesTo(`<repair-${i}-smtp@example.com>`).length === 1);
      };
      await until(retried, 15_000, "replies after SMTP returns");
      await new Promise((r) => setTimeout(r, 500));
      for (const i of [4, 5, 6]) expect(repliesTo(`<repair-${i}-smtp@example.com>`)).toHaveLength(1);
    }, 60_000);
  });

  it("falls back to the offline rules when the model fails, and raises a ticket for staff", async () => {
    fake.script = () => ({ status: 500 });
    const s = await startTestServer({
      env: {
        LLM_PROVIDER: "openai",
        OPENAI_API_KEY: "sk-test",
        OPENAI_BASE_URL: fake.baseUrl,
        MODEL_TIMEOUT_MS: "3000",
        SMTP_URL: smtp.url,
        MAIL_FROM: "Avery <leasing@localhost>",
      },
    });
    try {
      const out = await s.app.services.email.process(
        Buffer.from(
          email({
            from: "Maria Gonzalez <maria.gonzalez@example.com>",
            subject: "help",
            body: "I locked myself out of unit 204, keys are inside!",
            id: "model-down@example.com",
          }),
        ),
      );
      expect(out).toMatchObject({ status: "processed", intent: "locked_out", priority: "urgent" });
      const ticket = s.app.services.tickets.get(out.ticketId!);
      expect(ticket.actionRequired).toMatch(/offline rules because the model failed/);
      expect(fake.requests.length).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  }, 30_000);
});
