import { describe, expect, it } from "vitest";
import { RecentCount } from "./recent-count";

describe("recent count", () => {
  it("counts the current window and the one before, and forgets older ones", () => {
    let now = 1_000;
    const c = new RecentCount(100, () => now);
    expect(c.count()).toBe(0);
    c.add(3);
    c.add();
    expect(c.count()).toBe(4);
    now = 1_150; // the next window: the last one still counts
    c.add(2);
    expect(c.count()).toBe(6);
    now = 1_210; // two windows on: only the one before is left
    expect(c.count()).toBe(2);
    now = 1_500; // long quiet: nothing
    expect(c.count()).toBe(0);
    c.add(5);
    expect(c.count()).toBe(5);
  });
});
