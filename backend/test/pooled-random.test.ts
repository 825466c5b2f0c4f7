import { afterEach, describe, expect, it } from "vitest";
import { poolRandomValues, RandomBytePool } from "../src/shared/pooled-random";

describe("crypto.getRandomValues from a pool", () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
  });

  it("fills each array in place with fresh bytes, and no byte is handed out twice", () => {
    restore = poolRandomValues(64);
    const seen: string[] = [];
    for (let i = 0; i < 40; i++) {
      const a = new Uint8Array(16);
      expect(crypto.getRandomValues(a)).toBe(a);
      seen.push(Buffer.from(a).toString("hex"));
    }
    // 40 draws of 16 bytes from a 64-byte pool: it was refilled, and every draw differs.
    expect(new Set(seen).size).toBe(40);
    expect(seen.every((h) => h !== "00".repeat(16))).toBe(true);
  });

  it("writes only the view it is given, for any integer array type", () => {
    restore = poolRandomValues(64);
    const backing = new Uint8Array(32);
    const view = new Uint8Array(backing.buffer, 8, 8);
    crypto.getRandomValues(view);
    expect([...backing.subarray(0, 8), ...backing.subarray(16)].every((b) => b === 0)).toBe(true);
    expect(backing.subarray(8, 16).some((b) => b !== 0)).toBe(true);
    const words = crypto.getRandomValues(new Uint32Array(4));
    expect(words.some((w) => w !== 0)).toBe(true);
    const big = crypto.getRandomValues(new BigInt64Array(2));
    expect(big[0] !== 0n || big[1] !== 0n).toBe(true);
  });

  it("leaves what the platform rejects, and large requests, to the platform", () => {
    restore = poolRandomValues(64);
    expect(() => crypto.getRandomValues(new Float64Array(2) as never)).toThrow();
    expect(() => crypto.getRandomValues(new DataView(new ArrayBuffer(4)) as never)).toThrow();
    expect(() => crypto.getRandomValues(new Uint8Array(65_537))).toThrow();
    const large = crypto.getRandomValues(new Uint8Array(1024));
    expect(large.some((b) => b !== 0)).toBe(true);
    // Larger than this 64-byte pool: filled whole, to its last bytes.
    const wide = crypto.getRandomValues(new Uint8Array(200));
    expect(wide.subarray(150).some((b) => b !== 0)).toBe(true);
  });

  it("puts the platform's function back", () => {
    const platform = crypto.getRandomValues;
    poolRandomValues()();
    expect(crypto.getRandomValues).toBe(platform);
  });
});

describe("RandomBytePool", () => {
  it("hands out fresh bytes across refills, each piece its own copy", () => {
    const pool = new RandomBytePool(40);
    const pieces = Array.from({ length: 30 }, () => pool.take(18));
    // 30 pieces of 18 bytes from a 40-byte pool: refilled many times, and every piece differs.
    expect(new Set(pieces.map((p) => p.toString("hex"))).size).toBe(30);
    const first = pieces[0].toString("hex");
    pool.take(18);
    expect(pieces[0].toString("hex")).toBe(first);
    const target = new Uint8Array(40);
    pool.fill(target);
    expect(target.some((b) => b !== 0)).toBe(true);
  });

  it("refuses a request larger than the pool", () => {
    expect(() => new RandomBytePool(16).take(17)).toThrow(RangeError);
  });
});
