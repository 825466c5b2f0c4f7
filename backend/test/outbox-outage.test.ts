import { describe, expect, it } from "vitest";
import { freePort } from "./support/free-port";
import { SmtpSink } from "./support/smtp-sink";
import { firstSlot, startTestServer } from "./support/test-app";
import { until } from "./support/wait";

describe("outbox through an SMTP outage", () => {
  it("keeps the booking, records failed attempts, and delivers once when SMTP returns", async () => {
    const port = await freePort();
    const s = await startTestServer({
      env: { SMTP_URL: `smtp://127.0.0.1:${port}`, OUTBOX_MAX_BACKOFF_MS: "200", OUTBOX_BASE_BACKOFF_MS: "50", OUTBOX_POLL_MS: "50" },
    });
    let smtp: SmtpSink | undefined;
    try {
      const slot = await firstSlot(s, 16, "2026-11-24");
      const made = await s.post("/api/tours", { propertyId: 16, start: slot.start, name: "Kai Outage", email: "kai@example.com" });
      expect(made.status).toBe(201);

      const outbox = s.app.repos.outbox;
      // Retries fall due on the application's clock, which the test moves on.
      const later = (check: () => boolean) => () => {
        s.clock.advance(100);
        return check();
      };
      await until(later(() => (outbox.list()[0]?.attempts ?? 0) >= 2));
      const [queued] = outbox.list();
      expect(queued.status).toBe("pending");
      expect(queued.lastError).toMatch(/SMTP unavailable/);
      const attempts = outbox.attempts(queued.id);
      expect(attempts.length).toBeGreaterThanOrEqual(2);
      expect(attempts.every((a) => !a.ok && /ECONNECTION|ECONNREFUSED|ESOCKET/.test(a.error ?? ""))).toBe(true);
      expect((await s.get(`/api/tours/${made.body.booking.manageUrl.split("/").pop()}`)).body.booking.status).toBe("confirmed");

      smtp = await SmtpSink.start(port);
      await until(later(() => outbox.list()[0].status === "sent"));
      await new Promise((r) => setTimeout(r, 500));
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].parsed.subject).toMatch(/^Tour confirmed: Alberta Commons/);
      expect(outbox.attempts(queued.id).at(-1)).toMatchObject({ ok: true });
    } finally {
      await s.close();
      await smtp?.down();
    }
  });

  it("sends mail queued before a crash when the server starts again", async () => {
    const smtp = await SmtpSink.start();
    const env = { SMTP_URL: smtp.url };
    const first = await startTestServer({ env });
    const dataDir = first.app.config.dataDir;
    // Stop the worker first, as a crash right after the commit would.
    await first.app.outbox.stop();
    const slot = await firstSlot(first, 17, "2026-11-24");
    expect((await first.post("/api/tours", { propertyId: 17, start: slot.start, name: "Lee Crash", email: "lee@example.com" })).status).toBe(201);
    await first.close();
    expect(smtp.received).toHaveLength(0);

    const second = await startTestServer({ env: { ...env, DATA_DIR: dataDir } });
    try {
      await smtp.waitFor(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0].envelope.to).toEqual(["lee@example.com"]);
    } finally {
      await second.close();
      await smtp.down();
    }
  });
});
