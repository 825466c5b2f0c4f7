import { randomFillSync } from "node:crypto";

/**
 * Random bytes from the CSPRNG, drawn 4 KiB at a time (one native call) and handed out in
 * small pieces, each byte once.
 */
export class RandomBytePool {
  private readonly pool: Uint8Array;
  private used: number;

  constructor(poolBytes = 4096) {
    this.pool = new Uint8Array(poolBytes);
    this.used = poolBytes;
  }

  /** The largest request the pool serves. */
  get size(): number {
    return this.pool.length;
  }

  /** Fills `target` (at most `size` bytes) with fresh random bytes. */
  fill(target: Uint8Array): void {
    const n = target.length;
    if (n > this.pool.length) throw new RangeError(`at most ${this.pool.length} bytes at a time`);
    if (this.used + n > this.pool.length) {
      randomFillSync(this.pool);
      this.used = 0;
    }
    target.set(this.pool.subarray(this.used, this.used + n));
    this.used += n;
  }

  /** `n` fresh random bytes (at most `size`). */
  take(n: number): Buffer {
    const out = Buffer.allocUnsafe(n);
    this.fill(out);
    return out;
  }
}

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
  const pool = new RandomBytePool(poolBytes);
  const largest = Math.min(POOL_MAX_REQUEST, pool.size);
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
    pool.fill(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    return array;
  };
  webcrypto.getRandomValues = pooled as Crypto["getRandomValues"];
  return () => {
    if (webcrypto.getRandomValues === pooled) webcrypto.getRandomValues = platform;
  };
}
