import fs from "node:fs";
import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/database";
import { SqliteOutboxRepository } from "../src/db/outbox-repository";
import { Outbox } from "../src/mail/outbox";
import type { RenderedMail } from "../src/mail/outgoing-mail";
import { createFileTransport, type MailTransport } from "../src/mail/transport";
import { AppError } from "../src/shared/app-error";
import { FixedClock, systemClock } from "../src/shared/clock";
import { tempDir } from "./support/temp-dir";

const FROM = { name: "Leasing", address: "leasing@example.com" };
const OPTIONS = { pollMs: 50, baseBackoffMs: 10, maxBackoffMs: 1000, leaseMs: 60_000 };

/** A transport that takes a few milliseconds per message and remembers what it sent. */
function slowTransport(ms: number, fail?: (m: RenderedMail) => Error | undefined): MailTransport & { sent: string[] } {
  const sent: string[] = [];
  return {
    description: "test",
    sent,
    async send(mail) {
      await new Promise((r) => setTimeout(r, ms));
      const err = fail?.(mail);
      if (err) throw err;
      sent.push(mail.messageId);
    },
    close() {},
  };
}

function queue(count: number, at = new Date()) {
  const db = openDatabase(path.join(tempDir(), "outbox.db"));
  const repo = new SqliteOutboxRepository(db);
  for (let i = 0; i < count; i++) repo.enqueue({ kind: "test", messageId: `<m${i}@test>`, to: `p${i}@example.com`, subject: "hi", text: "hi" }, at);
  const pending = () => db.prepare("SELECT count(*) FROM outbox WHERE status <> 'sent'").pluck().get() as number;
  return { db, repo, pending };
}

const silent = pino({ level: "silent" });

describe("outbox", () => {
  it("stops after the batch it holds instead of sending the whole backlog first", async () => {
    const { repo, pending } = queue(200);
    const transport = slowTransport(5);
    const outbox = new Outbox(repo, transport, FROM, systemClock, silent, OPTIONS);
    outbox.start();
    while (transport.sent.length === 0) await new Promise((r) => setTimeout(r, 5));
    const started = performance.now();
    await outbox.stop();
    const stopMs = performance.now() - started;
    // One batch is 16 messages: the rest stay queued, none is lost.
    expect(transport.sent.length).toBeLessThanOrEqual(16);
    expect(pending()).toBe(200 - transport.sent.length);
    expect(stopMs).toBeLessThan(500);
  });

  it("drain() without a running outbox sends everything due (the one-shot CLI path)", async () => {
    const { repo, pending } = queue(50);
    const transport = slowTransport(0);
    const outbox = new Outbox(repo, transport, FROM, systemClock, silent, OPTIONS);
    expect(await outbox.drain()).toBe(50);
    expect(new Set(transport.sent).size).toBe(50);
    expect(pending()).toBe(0);
  });

  it("records a batch's outcomes: sent messages once, a failed one for retry with its reason", async () => {
    const { db, repo } = queue(6);
    const transport = slowTransport(0, (m) =>
      m.messageId === "<m3@test>" ? new AppError("upstream_unavailable", "SMTP unavailable (ECONNREFUSED)") : undefined,
    );
    const outbox = new Outbox(repo, transport, FROM, systemClock, silent, OPTIONS);
    expect(await outbox.drain()).toBe(6);
    type Row = { message_id: string; status: string; attempts: number; last_error: string | null };
    const rows = db.prepare("SELECT message_id, status, attempts, last_error FROM outbox ORDER BY id").all() as Row[];
    expect(rows.filter((r) => r.status === "sent").map((r) => r.message_id)).toEqual(["<m0@test>", "<m1@test>", "<m2@test>", "<m4@test>", "<m5@test>"]);
    expect(rows[3]).toMatchObject({ status: "pending", attempts: 1, last_error: "SMTP unavailable (ECONNREFUSED)" });
    expect(rows.filter((r) => r.status === "sent").every((r) => r.attempts === 1 && r.last_error === null)).toBe(true);
    const attempts = db.prepare("SELECT outbox_id, ok FROM outbox_attempts ORDER BY outbox_id").all() as Array<{ outbox_id: number; ok: number }>;
    expect(attempts).toHaveLength(6);
    expect(attempts.filter((a) => a.ok === 1)).toHaveLength(5);
    expect(transport.sent).toHaveLength(5);
  });

  it("retries on the injected clock: a failed message is due again only once that clock passes its backoff", async () => {
    const clock = new FixedClock("2026-11-23T14:00:00Z");
    const { repo } = queue(1, clock.now());
    let down = true;
    const transport = slowTransport(0, () => (down ? new AppError("upstream_unavailable", "SMTP unavailable") : undefined));
    const outbox = new Outbox(repo, transport, FROM, clock, silent, { ...OPTIONS, baseBackoffMs: 60_000, maxBackoffMs: 60_000 });
    expect(await outbox.drain()).toBe(1);
    down = false;
    expect(await outbox.drain()).toBe(0);
    clock.advance(73_000);
    expect(await outbox.drain()).toBe(1);
    expect(transport.sent).toEqual(["<m0@test>"]);
  });

  it("keeps a message whose file cannot be written (a full disk, a missing folder) and writes it once it can", async () => {
    const clock = new FixedClock("2026-11-23T14:00:00Z");
    const { repo, pending } = queue(1, clock.now());
    const dir = path.join(tempDir(), "outbox");
    fs.writeFileSync(dir, "a file where the folder should be");
    const outbox = new Outbox(repo, createFileTransport(dir, FROM, clock), FROM, clock, silent, OPTIONS);
    expect(await outbox.drain()).toBe(1);
    const [kept] = repo.list();
    expect(kept).toMatchObject({ status: "pending", attempts: 1 });
    expect(kept.lastError).toMatch(/Could not write .*\(EEXIST|ENOTDIR\)/);
    fs.rmSync(dir);
    clock.advance(60_000);
    expect(await outbox.drain()).toBe(1);
    expect(pending()).toBe(0);
    const [file] = fs.readdirSync(dir);
    expect(file).toMatch(/^2026-11-23T14-01-00-000Z-test-m0\.eml$/);
    expect(fs.readFileSync(path.join(dir, file), "utf8")).toMatch(/^Subject: hi$/m);
  });
});
