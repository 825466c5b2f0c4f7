// Loads the TypeScript entry of a worker thread (workerData.entry) through tsx's loader.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
