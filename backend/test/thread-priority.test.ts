import os from "node:os";
import { describe, expect, it } from "vitest";
import { startThread } from "../src/shared/start-thread";
import { currentThreadId, threadSchedulingPolicy } from "../src/shared/thread-priority";

describe("background thread priority", () => {
  it("lowers only the calling thread to nice 19 and the idle policy: the process and its request thread keep theirs", async () => {
    const before = os.getPriority();
    const { worker, ready } = startThread(new URL("./support/priority-probe.ts", import.meta.url), {});
    const report = new Promise<{ lowered: { nice: boolean; idle: boolean }; tid: number; nice: number }>((resolve) => {
      worker.on("message", (m: { type?: string }) => {
        if (m.type !== "ready") resolve(m as { lowered: { nice: boolean; idle: boolean }; tid: number; nice: number });
      });
    });
    await ready;
    const r = await report;
    // Seen from this thread, through /proc, while the probe still runs.
    const probePolicy = threadSchedulingPolicy(r.tid);
    await worker.terminate();
    expect(r).toMatchObject({ lowered: { nice: true, idle: true }, nice: 19 });
    expect(probePolicy).toBe(5); // SCHED_IDLE
    expect(r.tid).not.toBe(process.pid);
    expect(os.getPriority()).toBe(before);
    expect(threadSchedulingPolicy(currentThreadId()!)).toBe(0); // SCHED_OTHER
  });
});
