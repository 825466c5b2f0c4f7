import os from "node:os";
import { describe, expect, it } from "vitest";
import { startThread } from "../src/shared/start-thread";

describe("background thread priority", () => {
  it("lowers only the calling thread: the process and its request thread keep theirs", async () => {
    const before = os.getPriority();
    const { worker, ready } = startThread(new URL("./support/priority-probe.ts", import.meta.url), {});
    const report = new Promise<{ lowered: boolean; tid: number; nice: number }>((resolve) => {
      worker.on("message", (m: { type?: string }) => {
        if (m.type !== "ready") resolve(m as { lowered: boolean; tid: number; nice: number });
      });
    });
    await ready;
    const r = await report;
    await worker.terminate();
    expect(r).toMatchObject({ lowered: true, nice: 19 });
    expect(r.tid).not.toBe(process.pid);
    expect(os.getPriority()).toBe(before);
  });
});
