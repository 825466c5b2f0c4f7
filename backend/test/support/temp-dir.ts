import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const created: string[] = [];

/** A fresh temp directory, removed when the test process exits. */
export function tempDir(prefix = "l2l-test-"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

process.on("exit", () => {
  for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});
