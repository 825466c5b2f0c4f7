import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../src/main";
import { FixedClock } from "../src/shared/clock";
import { testConfig } from "./support/test-app";

describe("the application's clock", () => {
  const clock = new FixedClock("2031-03-04T05:06:07.000Z");
  let app: App;
  beforeAll(async () => {
    app = await buildApp(testConfig(), { clock });
  });
  afterAll(() => app.close());
  const row = (sql: string, ...args: unknown[]) => app.db.prepare(sql).get(...args) as Record<string, string>;

  it("dates what people, listings, conversations and the demo data record, not the machine's time", () => {
    const person = app.services.users.upsertProspect({ name: "Clock Tester", email: "clock@example.com" });
    expect(row("SELECT created_at, updated_at FROM users WHERE id = ?", person.id)).toEqual({
      created_at: clock.now().toISOString(),
      updated_at: clock.now().toISOString(),
    });

    clock.advance(60_000);
    app.services.users.upsertProspect({ name: "Clock Tester", email: "clock@example.com", phone: "512-555-0100" });
    expect(row("SELECT updated_at FROM users WHERE id = ?", person.id).updated_at).toBe("2031-03-04T05:07:07.000Z");

    const listing = app.services.properties.listActive()[0];
    app.services.properties.update(listing.id, { rent: listing.rent + 10 });
    expect(row("SELECT updated_at FROM properties WHERE id = ?", listing.id).updated_at).toBe("2031-03-04T05:07:07.000Z");

    const chat = app.services.conversations.start("chat");
    expect(row("SELECT created_at FROM conversations WHERE id = ?", chat.id).created_at).toBe("2031-03-04T05:07:07.000Z");
    expect(row("SELECT value FROM app_meta WHERE key = 'seeded_at'").value).toBe("2031-03-04T05:06:07.000Z");
  });
});
