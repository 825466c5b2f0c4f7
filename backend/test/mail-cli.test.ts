import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { fixture } from "./support/mail-fixtures";
import { SmtpSink } from "./support/smtp-sink";
import { tempDir } from "./support/temp-dir";
import { startTestServer } from "./support/test-app";
import { until } from "./support/wait";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function cli(args: string[], env: Record<string, string>) {
  const out = execFileSync(process.execPath, ["--import", "tsx", path.join(ROOT, "backend/src/mail-process.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "silent", ...env },
    encoding: "utf8",
  });
  return out
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe("npm run mail:process", () => {
  it("prints one JSON object per message, and --dry-run stores nothing", async () => {
    const dataDir = tempDir();
    const files = ["lockout.eml", "auto-reply.eml", "tour-request.eml"].map((name) => {
      const file = path.join(dataDir, name);
      fs.writeFileSync(file, fixture(name, "cli"));
      return file;
    });
    const dry = cli(["--dry-run", ...files], { DATA_DIR: dataDir });
    expect(dry).toHaveLength(3);
    expect(dry[0]).toMatchObject({
      messageId: "<lockout-1-cli@example.com>",
      intent: "locked_out",
      priority: "urgent",
      ticketId: expect.any(Number),
      reply: { to: "maria.gonzalez@example.com", subject: "Re: Locked out!!", inReplyTo: "<lockout-1-cli@example.com>" },
    });
    expect(dry[1]).toMatchObject({ messageId: "<ooo-1-cli@example.com>", reply: null, status: "ignored" });
    expect(dry[2]).toMatchObject({ intent: "tour_request", bookingId: expect.any(Number), ticketId: null });
    // Nothing was stored: the data directory holds no database and no outbox.
    expect(fs.existsSync(path.join(dataDir, "leasing.db"))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, "outbox"))).toBe(false);

    const real = cli(files, { DATA_DIR: dataDir });
    expect(real.map((r) => r.intent)).toEqual(["locked_out", null, "tour_request"]);
    const db = new Database(path.join(dataDir, "leasing.db"), { readonly: true });
    expect(db.prepare("SELECT count(*) FROM inbound_messages").pluck().get()).toBe(3);
    expect(db.prepare("SELECT count(*) FROM tickets").pluck().get()).toBe(1);
    db.close();
    const eml = fs.readdirSync(path.join(dataDir, "outbox"));
    expect(eml.filter((f) => f.includes("email_reply"))).toHaveLength(2);
    expect(eml.filter((f) => f.includes("tour_confirmed"))).toHaveLength(1);
  }, 60_000);
});

describe("stakeholders copied on the reply, and tickets exported as files", () => {
  it("CCs the stakeholders in cc mode and writes each ticket to TICKETS_EXPORT_DIR", async () => {
    const smtp = await SmtpSink.start();
    const exportDir = tempDir();
    const s = await startTestServer({
      env: { SMTP_URL: smtp.url, STAKEHOLDER_NOTIFY: "cc", TICKETS_EXPORT_DIR: exportDir, MAIL_FROM: "Avery <leasing@localhost>" },
    });
    try {
      const out = await s.app.services.email.process(Buffer.from(fixture("attachment.eml", "cc")));
      expect(out.reply).toMatchObject({ to: "aiko.tanaka@example.com", cc: "maintenance@leasing.example" });
      await until(() => smtp.received.some((m) => m.parsed.inReplyTo === "<attach-1-cc@example.com>"));
      const reply = smtp.received.find((m) => m.parsed.inReplyTo === "<attach-1-cc@example.com>")!;
      expect(reply.envelope.to.sort()).toEqual(["aiko.tanaka@example.com", "maintenance@leasing.example"]);
      // Not urgent: no separate notice in cc mode.
      expect(smtp.received.filter((m) => (m.parsed.subject ?? "").startsWith(`Ticket #${out.ticketId}`))).toHaveLength(0);
      const exported = JSON.parse(fs.readFileSync(path.join(exportDir, `ticket-${String(out.ticketId).padStart(6, "0")}.json`), "utf8"));
      expect(exported).toMatchObject({ id: out.ticketId, intent: "maintenance", attachments: [expect.objectContaining({ filename: "leak.jpg" })] });
    } finally {
      await s.close();
      await smtp.down();
    }
  });
});
