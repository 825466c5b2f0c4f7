import { randomFillSync } from "node:crypto";

/** Largest request served from the pool; bigger ones go to the platform as before. */
const POOL_MAX_REQUEST = 256;

/**
 * Makes `crypto.getRandomValues()` on this thread hand out bytes from a pool that is refilled
 * 4 KiB at a time from the same CSPRNG, instead of going to it for every call. LangChain and
 * LangSmith call it for every run id (16 bytes, dozens of times per chat turn), and on Node 20
 * each call costs a native job of its own. Every byte is handed out once. Arrays the platform
 * rejects (floats, DataView, more than 65,536 bytes) still go to it, with its own errors.
 * Returns the function that puts the platform's version back.
 */
export function poolRandomValues(poolBytes = 4096): () => void {
  const webcrypto = globalThis.crypto;
  const platform = webcrypto.getRandomValues;
  const pool = new Uint8Array(poolBytes);
  const largest = Math.min(POOL_MAX_REQUEST, pool.length);
  let used = pool.length;
  const pooled = function getRandomValues<T extends ArrayBufferView | null>(this: Crypto, array: T): T {
    if (
      this !== webcrypto ||
      !ArrayBuffer.isView(array) ||
      array instanceof DataView ||
      array instanceof Float32Array ||
      array instanceof Float64Array ||
      array.byteLength > largest
    ) {
      return platform.call(this, array as never) as T;
    }
    const n = array.byteLength;
    if (used + n > pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    new Uint8Array(array.buffer, array.byteOffset, n).set(pool.subarray(used, used + n));
    used += n;
    return array;
  };
  webcrypto.getRandomValues = pooled as Crypto["getRandomValues"];
  return () => {
    if (webcrypto.getRandomValues === pooled) webcrypto.getRandomValues = platform;
  };
}
