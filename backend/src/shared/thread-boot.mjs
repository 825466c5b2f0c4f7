// Loads the TypeScript entry of a worker thread (workerData.entry) through tsx's loader.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
// This thread's environment, as a plain object: libraries read it on every step of a chat turn,
// and a plain object is much cheaper to read than the process environment. Nothing here changes
// the environment, and a worker thread's copy was never shared with the process anyway.
process.env = { ...process.env };
await import(workerData.entry);
