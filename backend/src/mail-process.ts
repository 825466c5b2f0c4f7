import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { backupDatabase } from "./db/database";
import { buildApp, configOrExit } from "./main";

/**
 * Runs the e-mail pipeline on .eml files: `npm run mail:process -- [--dry-run] a.eml b.eml`.
 * Prints one JSON object per message. With --dry-run the pipeline runs against a throwaway
 * copy of the database, so nothing is stored and no mail is sent.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dryRun = args.includes("--dry-run");
  const files = args.filter((a) => a !== "--dry-run");
  if (files.length === 0) {
    console.error("usage: npm run mail:process -- [--dry-run] <file.eml>...");
    process.exit(2);
  }
  let config = configOrExit({ LOG_LEVEL: "warn" });
  let scratch: string | undefined;
  if (dryRun) {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "l2l-dry-run-"));
    if (fs.existsSync(config.dbPath)) await backupDatabase(config.dbPath, path.join(scratch, "leasing.db"));
    config = {
      ...config,
      dataDir: scratch,
      dbPath: path.join(scratch, "leasing.db"),
      outboxDir: path.join(scratch, "outbox"),
      mail: { ...config.mail, ticketsExportDir: undefined },
    };
  }
  const app = await buildApp(config);
  let exitCode = 0;
  try {
    for (const file of files) {
      let raw: Buffer;
      try {
        raw = fs.readFileSync(file);
      } catch (err) {
        console.log(JSON.stringify({ file, error: (err as Error).message }));
        exitCode = 1;
        continue;
      }
      try {
        const o = await app.services.email.process(raw);
        console.log(
          JSON.stringify({
            messageId: o.messageId,
            intent: o.intent,
            priority: o.priority,
            summary: o.summary,
            ticketId: o.ticketId,
            bookingId: o.bookingId,
            reply: o.reply,
            ...(o.status !== "processed" ? { status: o.status, ...(o.reason ? { reason: o.reason } : {}) } : {}),
          }),
        );
      } catch (err) {
        console.log(JSON.stringify({ file, error: (err as Error).message }));
        exitCode = 1;
      }
    }
    // Send what was queued before leaving (a dry run queued nothing real).
    if (!dryRun) await app.outbox.drain();
  } finally {
    await app.close();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }
  process.exit(exitCode);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
