import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "../fixtures/mail");

/** A fixture e-mail with a fresh Message-ID (so each test's messages are new). */
export function fixture(name: string, tag: string, replace: Record<string, string> = {}): string {
  let raw = fs.readFileSync(path.join(DIR, name), "utf8");
  raw = raw.replace(/Message-ID: <([^@>]+)@/i, (_m, id: string) => `Message-ID: <${id}-${tag}@`);
  for (const [k, v] of Object.entries(replace)) raw = raw.split(k).join(v);
  return raw;
}

/** A plain e-mail. */
export function email(o: {
  from: string;
  subject: string;
  body: string;
  id: string;
  inReplyTo?: string;
  references?: string;
  headers?: Record<string, string>;
}): string {
  return [
    `From: ${o.from}`,
    "To: Leasing <leasing@localhost>",
    `Subject: ${o.subject}`,
    `Message-ID: <${o.id}>`,
    ...(o.inReplyTo ? [`In-Reply-To: ${o.inReplyTo}`] : []),
    ...(o.references ? [`References: ${o.references}`] : []),
    ...Object.entries(o.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
    "Date: Mon, 23 Nov 2026 14:00:00 +0000",
    "Content-Type: text/plain; charset=utf-8",
    "",
    o.body,
    "",
  ].join("\r\n");
}

/** Requires a tool in CI; elsewhere says loudly what to install and lets the suite skip. */
export function requireTool(available: boolean, what: string, install: string): boolean {
  if (available) return true;
  if (process.env.CI === "true") throw new Error(`${what} is required in CI but missing. Install it: ${install}`);
  console.warn(`\n*** SKIPPING ${what} tests: not installed. Install with: ${install}\n`);
  return false;
}
