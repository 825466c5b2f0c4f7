import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";

/** How far the calling thread's priority was lowered. */
export interface LoweredPriority {
  /** Its nice value is now the one asked for. */
  nice: boolean;
  /**
   * It runs under Linux's SCHED_IDLE policy: only on CPU time nothing else wants, and any other
   * thread that wakes up takes the CPU from it at once (a niced thread may keep it for the rest
   * of its time slice, which shows up as latency in the threads serving requests).
   */
  idle: boolean;
}

/** The kernel's id of the calling thread (Linux), or undefined elsewhere. */
export function currentThreadId(): number | undefined {
  try {
    const tid = Number(fs.readlinkSync("/proc/thread-self").split("/").pop());
    return Number.isInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/** The scheduling policy of a thread of this process, as /proc reports it (0 normal, 5 idle). */
export function threadSchedulingPolicy(tid: number): number | undefined {
  try {
    const m = /^policy\s*:\s*(\d+)/m.exec(fs.readFileSync(`/proc/self/task/${tid}/sched`, "utf8"));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

const SCHED_IDLE = 5;

/**
 * Lowers the scheduling priority of the calling thread only (on Linux a thread has its own nice
 * value and policy), so background work takes only the CPU time that requests leave free: nice 19,
 * then the SCHED_IDLE policy through util-linux's `chrt` where it is installed. Whatever the
 * platform does not allow is left as it was and the work runs as usual.
 */
export function lowerThisThreadsPriority(nice = 19): LoweredPriority {
  const tid = currentThreadId();
  if (tid === undefined) return { nice: false, idle: false };
  let niced = false;
  try {
    os.setPriority(tid, nice);
    niced = os.getPriority(tid) === nice;
  } catch {
    /* not allowed here */
  }
  try {
    execFileSync("chrt", ["--idle", "--pid", "0", String(tid)], { stdio: "ignore", timeout: 5_000 });
  } catch {
    /* no chrt, or not allowed: the nice value above still applies */
  }
  return { nice: niced, idle: threadSchedulingPolicy(tid) === SCHED_IDLE };
}
