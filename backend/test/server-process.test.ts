import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "../bench/spawn-server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("the server process", () => {
  it("is started by npm start with the Node options the benchmarks use", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
    const run = pkg.scripts.start.split("&&").map((s) => s.trim()).find((s) => s.startsWith("tsx "));
    expect(run).toBe(`tsx ${SERVER_NODE_FLAGS.join(" ")} backend/src/main.ts`);
  });

  it("runs on a Node.js that accepts those options", () => {
    const r = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, "-e", "process.stdout.write(JSON.stringify(process.execArgv))"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(expect.arrayContaining([...SERVER_NODE_FLAGS]));
  });
});
