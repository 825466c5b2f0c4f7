import os from "node:os";
import { parentPort } from "node:worker_threads";
import { currentThreadId, lowerThisThreadsPriority } from "../../src/shared/thread-priority";

// A thread that lowers its own priority and reports it, as the mail thread does.
const lowered = lowerThisThreadsPriority();
const tid = currentThreadId()!;
parentPort!.postMessage({ type: "ready" });
parentPort!.postMessage({ lowered, tid, nice: os.getPriority(tid) });
