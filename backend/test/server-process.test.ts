import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { spawnServer } from "../bench/spawn-server";
import { freePort } from "./support/free-port";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|mjs|js)$/.test(e.name) ? [p] : [];
  });
}

describe("the server process", () => {
  it("is what npm start runs: main.ts under tsx, with no Node options of its own", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const run = pkg.scripts.start
      .split("&&")
      .map((s) => s.trim())
      .find((s) => s.startsWith("tsx "));
    expect(run).toBe("tsx backend/src/main.ts");
  });

  it("runs no worker threads of its own: nothing in backend/src imports worker_threads", () => {
    const users = sourceFiles(path.join(ROOT, "backend/src")).filter((f) => /["'](node:)?worker_threads["']/.test(fs.readFileSync(f, "utf8")));
    expect(users).toEqual([]);
  });

  it("starts on embedded defaults, answers, and stops cleanly on SIGTERM", async () => {
    const server = await spawnServer({}, await freePort());
    try {
      const health = await fetch(`${server.url}/api/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok", model: "offline" });
      const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
      server.child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      await server.stop();
    }
  });
});
