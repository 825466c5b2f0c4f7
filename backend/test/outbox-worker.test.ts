import path from "node:path";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/database";
import { SqliteOutboxRepository } from "../src/db/outbox-repository";
import type { QueuedMail } from "../src/mail/outgoing-mail";
import { OutboxWorker, type MailDelivery } from "../src/mail/outbox-worker";
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
});
