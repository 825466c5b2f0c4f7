import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/database";
import { SqliteOutboxRepository } from "../src/db/outbox-repository";
import type { QueuedMail } from "../src/mail/outgoing-mail";
import { OutboxWorker, type MailDelivery, type OutboxPacing } from "../src/mail/outbox-worker";
import { AppError } from "../src/shared/app-error";
import { systemClock } from "../src/shared/clock";
import { tempDir } from "./support/temp-dir";

/** A delivery that takes a few milliseconds per message and remembers what it sent. */
function slowDelivery(ms: number): MailDelivery & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    async deliver(mail: QueuedMail) {
      await new Promise((r) => setTimeout(r, ms));
      sent.push(mail.messageId);
    },
    async close() {},
  };
}

function queue(count: number) {
  const db = openDatabase(path.join(tempDir(), "outbox.db"));
  const repo = new SqliteOutboxRepository(db);
  for (let i = 0; i < count; i++) repo.enqueue({ kind: "test", messageId: `<m${i}@test>`, to: `p${i}@example.com`, subject: "hi", text: "hi" }, new Date());
  const pending = () => db.prepare("SELECT count(*) FROM outbox WHERE status <> 'sent'").pluck().get() as number;
  return { db, repo, pending };
}

/** A worker sending one message at a time, in batches of 4, paced as given. */
function pacedWorker(repo: SqliteOutboxRepository, delivery: MailDelivery, pacing: OutboxPacing): OutboxWorker {
  return new OutboxWorker(repo, delivery, systemClock, pino({ level: "silent" }), { pollMs: 50, maxBackoffMs: 1000, concurrency: 1, pacing });
}

describe("outbox worker", () => {
  it("stops after the batch it holds instead of sending the whole backlog first", async () => {
    const { repo, pending } = queue(200);
    const delivery = slowDelivery(5);
    const worker = new OutboxWorker(repo, delivery, systemClock, pino({ level: "silent" }), { pollMs: 50, maxBackoffMs: 1000, concurrency: 2 });
    worker.start();
    while (delivery.sent.length === 0) await new Promise((r) => setTimeout(r, 5));
    const started = performance.now();
    await worker.stop();
    const stopMs = performance.now() - started;
    // One batch is concurrency × 4 = 8 messages: the rest stay queued, none is lost.
    expect(delivery.sent.length).toBeLessThanOrEqual(8);
    expect(pending()).toBe(200 - delivery.sent.length);
    expect(stopMs).toBeLessThan(500);
  });

  it("drain() without a running worker sends everything due (the one-shot CLI path)", async () => {
    const { repo, pending } = queue(50);
    const delivery = slowDelivery(0);
    const worker = new OutboxWorker(repo, delivery, systemClock, pino({ level: "silent" }), { pollMs: 50, maxBackoffMs: 1000, concurrency: 2 });
    expect(await worker.drain()).toBe(50);
    expect(new Set(delivery.sent).size).toBe(50);
    expect(pending()).toBe(0);
  });

  it("records a batch's outcomes together: sent messages once, a failed one for retry with its reason", async () => {
    const { db, repo } = queue(6);
    const sent: string[] = [];
    const delivery: MailDelivery = {
      async deliver(mail) {
        if (mail.messageId === "<m3@test>") throw new AppError("upstream_unavailable", "SMTP unavailable (ECONNREFUSED)");
        sent.push(mail.messageId);
      },
      async close() {},
    };
    const worker = new OutboxWorker(repo, delivery, systemClock, pino({ level: "silent" }), { pollMs: 50, maxBackoffMs: 1000, concurrency: 2 });
    expect(await worker.drain()).toBe(6);
    const rows = db.prepare("SELECT message_id, status, attempts, last_error FROM outbox ORDER BY id").all() as Array<{ message_id: string; status: string; attempts: number; last_error: string | null }>;
    expect(rows.filter((r) => r.status === "sent").map((r) => r.message_id)).toEqual(["<m0@test>", "<m1@test>", "<m2@test>", "<m4@test>", "<m5@test>"]);
    expect(rows[3]).toMatchObject({ status: "pending", attempts: 1, last_error: "SMTP unavailable (ECONNREFUSED)" });
    expect(rows.filter((r) => r.status === "sent").every((r) => r.attempts === 1 && r.last_error === null)).toBe(true);
    const attempts = db.prepare("SELECT outbox_id, ok FROM outbox_attempts ORDER BY outbox_id").all() as Array<{ outbox_id: number; ok: number }>;
    expect(attempts).toHaveLength(6);
    expect(attempts.filter((a) => a.ok === 1)).toHaveLength(5);
    expect(sent).toHaveLength(5);
  });

  it("while the machine is busy, sends at the paced rate, nudged or not; at full speed once it is not", async () => {
    const { repo, pending } = queue(40);
    const delivery = slowDelivery(0);
    let busy = true;
    const worker = pacedWorker(repo, delivery, { busy: () => busy, messagesPerSecond: 4 });
    worker.start();
    // The first batch (concurrency × 4 = 4 messages) goes at once; at 4 a second, the next may
    // follow a second later.
    while (delivery.sent.length < 4) await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 10; i++) {
      worker.nudge();
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(delivery.sent).toHaveLength(4);
    expect(pending()).toBe(36);
    busy = false;
    worker.nudge();
    const deadline = Date.now() + 5000;
    while (pending() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(pending()).toBe(0);
    expect(new Set(delivery.sent).size).toBe(40);
    await worker.stop();
  });

  it("an explicit drain is never paced, and a paced worker stops at once", async () => {
    const { repo, pending } = queue(40);
    const delivery = slowDelivery(0);
    const worker = pacedWorker(repo, delivery, { busy: () => true, messagesPerSecond: 1 });
    worker.start();
    while (delivery.sent.length < 4) await new Promise((r) => setTimeout(r, 5));
    expect(await worker.drain()).toBe(36);
    expect(pending()).toBe(0);
    const started = performance.now();
    await worker.stop();
    expect(performance.now() - started).toBeLessThan(500);
  });
});
