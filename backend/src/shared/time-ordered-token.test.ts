import { describe, expect, it } from "vitest";
import { sortableTime, timeOrderedToken } from "./time-ordered-token";

describe("time-ordered tokens", () => {
  it("are 32 URL-safe characters, different every time even within one millisecond", () => {
    const at = Date.parse("2026-11-24T16:00:00Z");
    const tokens = Array.from({ length: 2000 }, () => timeOrderedToken(at));
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(new Set(tokens.map((t) => t.slice(0, 8))).size).toBe(1);
    expect(new Set(tokens.map((t) => t.slice(8))).size).toBe(tokens.length);
  });

  it("sort as the times they were made at, byte by byte (as SQLite compares text)", () => {
    const times = [0, 1, 63, 64, 65, 4095, 4096, Date.parse("2026-11-24T16:00:00Z"), Date.parse("2026-11-24T16:00:00.001Z"), Date.parse("2099-01-01T00:00:00Z"), 2 ** 48 - 1];
    const encoded = times.map(sortableTime);
    for (const e of encoded) expect(e).toHaveLength(8);
    const bytewise = [...encoded].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(bytewise).toEqual(encoded);
    expect(new Set(encoded).size).toBe(times.length);
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let i = 0; i < 1000; i++) {
      const a = Math.floor(rand() * 2 ** 47);
      const b = Math.floor(rand() * 2 ** 47);
      expect(Math.sign(Buffer.compare(Buffer.from(sortableTime(a)), Buffer.from(sortableTime(b))))).toBe(Math.sign(a - b));
    }
  });
});
