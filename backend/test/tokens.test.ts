import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstSlot, startTestServer, type TestServer } from "./support/test-app";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe("manage links and Message-IDs", () => {
  it("are random through and through: nothing in them tells when they were made", async () => {
    const tokens: string[] = [];
    for (let i = 0; i < 6; i++) {
      const slot = await firstSlot(s, 3, "2026-11-25", i);
      const made = await s.post("/api/tours", { propertyId: 3, start: slot.start, name: `Token Guest ${i}`, email: `token${i}@example.com` });
      expect(made.status).toBe(201);
      tokens.push(made.body.booking.manageUrl.split("/").pop());
    }
    // 24 random bytes (192 bits), URL-safe.
    for (const t of tokens) expect(t).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Made in the same millisecond of the application's clock, they still share no leading characters.
    expect(new Set(tokens.map((t) => t.slice(0, 4))).size).toBe(tokens.length);

    const ids = s.app.repos.outbox.list().map((m) => m.messageId);
    expect(ids).toHaveLength(6);
    // 128 random bits in hex at the sender's domain.
    for (const id of ids) expect(id).toMatch(/^<[0-9a-f]{32}@localhost>$/);
    expect(new Set(ids.map((id) => id.slice(1, 5))).size).toBe(ids.length);
  });
});
