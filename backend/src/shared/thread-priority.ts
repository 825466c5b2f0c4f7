import fs from "node:fs";
import os from "node:os";

/**
 * Lowers the scheduling priority of the calling thread (Linux: a thread has its own nice value),
 * so background work only takes CPU time that requests leave free. Returns false where the
 * platform has no per-thread priority or the change is not allowed; the work then runs as usual.
 */
export function lowerThisThreadsPriority(nice = 19): boolean {
  try {
    const tid = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(tid) || tid <= 0) return false;
    os.setPriority(tid, nice);
    return os.getPriority(tid) === nice;
  } catch {
    return false;
  }
}
