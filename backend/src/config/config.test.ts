import { describe, expect, it } from "vitest";
import { ConfigError, DEV_ADMIN_TOKEN, loadConfig } from "./config";

describe("loadConfig", () => {
  it("runs on embedded defaults with an empty environment", () => {
    const c = loadConfig({}, "/srv/app");
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe("/srv/app/data");
    expect(c.dbPath).toBe("/srv/app/data/leasing.db");
    expect(c.smtpUrl).toBeUndefined();
    expect(c.publicUrl).toBe("http://localhost:3000");
    expect(c.adminToken).toBe(DEV_ADMIN_TOKEN);
    expect(c.tours).toEqual({ minNoticeMinutes: 120, horizonDays: 30, bufferMinutes: 0 });
    expect(c.outbox).toEqual({ pollMs: 2000, baseBackoffMs: 1000, maxBackoffMs: 300_000, leaseMs: 60_000 });
    expect(c.allowedOrigins).toEqual(["http://localhost:3000"]);
  });

  it("lists every invalid variable at once", () => {
    try {
      loadConfig({ PORT: "abc", SMTP_URL: "http://nope", LOG_LEVEL: "loud", ADMIN_TOKEN: "short", ALLOWED_ORIGINS: "not a url", MAIL_FROM: "nobody" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems.join("\n");
      for (const name of ["PORT", "SMTP_URL", "LOG_LEVEL", "ADMIN_TOKEN", "ALLOWED_ORIGINS", "MAIL_FROM"]) expect(problems).toContain(name);
    }
  });

  it("requires an admin token in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/ADMIN_TOKEN/);
  });

  it("parses the sender and extra origins", () => {
    const c = loadConfig({
      MAIL_FROM: '"Sunrise Leasing" <tours@sunrise.example>',
      ALLOWED_ORIGINS: "https://a.example, https://b.example/",
      PUBLIC_URL: "https://app.example/",
    });
    expect(c.mailFrom).toEqual({ name: "Sunrise Leasing", address: "tours@sunrise.example" });
    expect(c.publicUrl).toBe("https://app.example");
    expect(c.allowedOrigins).toEqual(["https://app.example", "https://a.example", "https://b.example"]);
  });
});
