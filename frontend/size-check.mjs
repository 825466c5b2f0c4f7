// Prints the widget's size and fails the build if JS + CSS exceed the budget (15 KB gzipped).
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const file = path.join(path.dirname(new URL(import.meta.url).pathname), "dist/widget.js");
const raw = fs.readFileSync(file);
const gz = gzipSync(raw, { level: 9 }).length;
const BUDGET = 15 * 1024;
console.log(`widget.js (JS + inlined CSS): ${(raw.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(2)} KB gzipped (budget ${BUDGET / 1024} KB)`);
if (gz > BUDGET) {
  console.error("widget bundle is over budget");
  process.exit(1);
}
