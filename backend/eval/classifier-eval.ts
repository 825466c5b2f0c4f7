/**
 * Measures the offline reading of e-mail (intent, priority) on three labelled sets of tenant and
 * prospect mail (backend/test/fixtures/mail). Prints accuracy and, with --verbose, the misses.
 *
 *   npm run eval:classifier [-- --verbose]
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { MailUnderstanding } from "../src/channels/email/mail-understanding";
import { stripQuotedText } from "../src/channels/email/quote-strip";
import { loadConfig } from "../src/config/config";
import { buildApp } from "../src/main";
import { tempDir } from "../test/support/temp-dir";

interface Labeled {
  from: string;
  subject: string;
  body: string;
  intent: string;
  priority: string;
}

/** A second set, also written independently, never used to refine the rules. */
export const HELDOUT = path.join(path.dirname(fileURLToPath(import.meta.url)), "../test/fixtures/mail/heldout-corpus.json");
/** A third set, written later by someone who saw neither the rules nor the other sets; never used for refining. */
export const HELDOUT2 = path.join(path.dirname(fileURLToPath(import.meta.url)), "../test/fixtures/mail/heldout2-corpus.json");

// Residents of the seed data (so "is a tenant" is known the way the pipeline knows it).
const TENANT_DOMAINS = new Set<string>();

export async function evaluate(understanding: MailUnderstanding, corpus: Labeled[]) {
  let intentOk = 0;
  let priorityOk = 0;
  let urgentFound = 0;
  let urgentTotal = 0;
  const misses: string[] = [];
  for (const m of corpus) {
    const address = /<([^>]+)>/.exec(m.from)?.[1] ?? m.from;
    const name = m.from
      .replace(/<[^>]+>/, "")
      .replace(/"/g, "")
      .trim();
    const c = await understanding.classify({
      subject: m.subject,
      text: stripQuotedText(m.body),
      sender: { name, email: address, isTenant: TENANT_DOMAINS.has(address) },
      month: 11,
    });
    if (c.intent === m.intent) intentOk++;
    if (c.priority === m.priority) priorityOk++;
    if (m.priority === "urgent") {
      urgentTotal++;
      if (c.priority === "urgent") urgentFound++;
    }
    if (c.intent !== m.intent || c.priority !== m.priority) {
      misses.push(`${m.intent}/${m.priority} -> ${c.intent}/${c.priority}: ${m.subject} | ${m.body.replace(/\s+/g, " ").slice(0, 110)}`);
    }
  }
  return {
    total: corpus.length,
    intentAccuracy: intentOk / corpus.length,
    priorityAccuracy: priorityOk / corpus.length,
    urgentRecall: urgentFound / urgentTotal,
    misses,
  };
}

async function main() {
  const app = await buildApp(loadConfig({ DATA_DIR: tempDir("l2l-classifier-eval-"), LOG_LEVEL: "silent", LLM_PROVIDER: "offline" }));
  try {
    for (const [label, file] of [
      ["second labelled set: heldout-corpus.json", HELDOUT],
      ["third labelled set: heldout2-corpus.json", HELDOUT2],
    ] as const) {
      const r = await evaluate(app.understanding, JSON.parse(fs.readFileSync(file, "utf8")) as Labeled[]);
      console.log(`\n${label}`);
      console.log(`messages          ${r.total}`);
      console.log(`intent accuracy   ${(r.intentAccuracy * 100).toFixed(1)}%`);
      console.log(`priority accuracy ${(r.priorityAccuracy * 100).toFixed(1)}%`);
      console.log(`urgent recall     ${(r.urgentRecall * 100).toFixed(1)}%`);
      if (process.argv.includes("--verbose")) for (const m of r.misses) console.log(`  ${m}`);
    }
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
