import { Worker, type ResourceLimits } from "node:worker_threads";

const BOOT = new URL("./thread-boot.mjs", import.meta.url);

/**
 * Starts a TypeScript module in a worker thread (through thread-boot.mjs). `ready` resolves
 * when the thread posts `{ type: "ready" }`, and rejects if it fails or says anything else first.
 */
export function startThread(entry: URL, data: Record<string, unknown>, resourceLimits?: ResourceLimits): { worker: Worker; ready: Promise<void> } {
  const worker = new Worker(BOOT, { workerData: { ...data, entry: entry.href }, resourceLimits });
  const ready = new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    worker.once("error", onError);
    worker.once("message", (m: { type?: string }) => {
      worker.off("error", onError);
      if (m?.type === "ready") resolve();
      else reject(new Error(`thread sent ${m?.type} before it was ready`));
    });
  });
  return { worker, ready };
}

/**
 * Asks a thread started by startThread to finish its work (`{ type: "close" }`, answered with
 * `{ type: "closed" }`), then ends it; after `graceMs` it is ended regardless.
 */
export function closeThread(worker: Worker, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const end = () => {
      clearTimeout(timer);
      void worker.terminate().then(() => resolve());
    };
    const timer = setTimeout(end, graceMs);
    worker.on("message", (m: { type?: string }) => {
      if (m?.type === "closed") end();
    });
    worker.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    worker.postMessage({ type: "close" });
  });
}
