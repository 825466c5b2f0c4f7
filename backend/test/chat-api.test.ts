import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient, parseSse } from "./support/chat";
import { adminHeaders, startTestServer, type TestServer } from "./support/test-app";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe("POST /api/chat", () => {
  it("starts a session with an unguessable id and answers", async () => {
    const a = await s.post("/api/chat", { message: "hello" });
    const b = await s.post("/api/chat", { message: "hello" });
    expect(a.status).toBe(200);
    expect(a.body.sessionId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(a.body.sessionId).not.toBe(b.body.sessionId);
    expect(a.body.reply).toMatch(/automated leasing assistant/i);
  });

  it("starts a new session for an unknown or malformed id", async () => {
    const r = await s.post("/api/chat", { sessionId: "nope-not-a-real-session-id", message: "hi" });
    expect(r.status).toBe(200);
    expect(r.body.sessionId).not.toBe("nope-not-a-real-session-id");
    const weird = await s.post("/api/chat", { sessionId: "../../etc/passwd", message: "hi" });
    expect(weird.status).toBe(200);
  });

  it("rejects bad input with clear JSON errors, never a 500", async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ message: "" }, 400, "validation"],
      [{ message: "   " }, 400, "validation"],
      [{ message: 42 }, 400, "validation"],
      [{}, 400, "validation"],
      [{ message: "x".repeat(2001) }, 413, "payload_too_large"],
      [{ message: "hi", sessionId: 7 }, 400, "validation"],
    ];
    for (const [body, status, code] of cases) {
      const r = await s.post("/api/chat", body);
      expect([r.status, r.body.error?.code], JSON.stringify(body).slice(0, 40)).toEqual([status, code]);
    }
    expect((await s.post("/api/chat", { message: "x".repeat(2000) })).status).toBe(200);
    const malformed = await s.post("/api/chat", '{"message": "hi"', { "content-type": "application/json" });
    expect([malformed.status, malformed.body.error.code]).toEqual([400, "invalid_json"]);
    expect((await s.post("/api/chat/stream", { message: "" })).status).toBe(400);
    expect((await s.post("/api/chat/stream", { message: "y".repeat(5000) })).status).toBe(413);
  });
});

describe("GET /api/chat/:sessionId/messages", () => {
  it("returns the visible history with offered options", async () => {
    const c = new ChatClient(s);
    await c.say("2 bedroom in Denver please");
    await c.say("thanks!");
    const r = await s.get(`/api/chat/${c.sessionId}/messages`);
    expect(r.status).toBe(200);
    expect(r.body.messages.map((m: any) => m.role)).toEqual(["user", "assistant", "user", "assistant"]);
    expect(r.body.messages[0].text).toBe("2 bedroom in Denver please");
    expect(r.body.messages[1].options.length).toBeGreaterThan(0);
    expect((await s.get("/api/chat/AAAAAAAAAAAAAAAAAAAAAAAA/messages")).status).toBe(404);
    expect((await s.get("/api/chat/x/messages")).status).toBe(400);
  });
});

describe("POST /api/chat/stream", () => {
  it("streams session, tool, token, options and done events in order", async () => {
    const res = await fetch(`${s.url}/api/chat/stream`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "Any 1 bedroom places in Boston that allow cats?" }),
    });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = parseSse(await res.text());
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("session");
    expect(names.at(-1)).toBe("done");
    const started = names.indexOf("tool");
    expect(events[started].data).toMatchObject({ name: "search_properties", status: "started", label: "Searching listings…" });
    const finished = events.findIndex((e, i) => i > started && e.event === "tool" && e.data.status === "finished");
    const firstToken = names.indexOf("token");
    expect(finished).toBeGreaterThan(started);
    expect(firstToken).toBeGreaterThan(finished);
    const tokens = events.filter((e) => e.event === "token");
    expect(tokens.length).toBeGreaterThan(5);
    const done = events.at(-1)!.data;
    expect(tokens.map((t) => t.data.text).join("")).toBe(done.reply);
    expect(done.reply).toContain("Beacon & Vine");
    const options = events.find((e) => e.event === "options")!;
    expect(names.indexOf("options")).toBeLessThan(names.length - 1);
    expect(options.data.options[0]).toMatchObject({ type: "property", label: "Beacon & Vine", beds: 1, city: "Boston" });
    expect(done.sessionId).toBe(events[0].data.sessionId);
  });
});

describe("retries", () => {
  it("answers a resent message (same clientMessageId) without running a second turn", async () => {
    const c = new ChatClient(s);
    await c.say("hello");
    const first = await s.post("/api/chat", { sessionId: c.sessionId, message: "studio in Boston?", clientMessageId: "msg-abc-123" });
    const again = await s.post("/api/chat", { sessionId: c.sessionId, message: "studio in Boston?", clientMessageId: "msg-abc-123" });
    expect(again.body.reply).toBe(first.body.reply);
    const history = (await s.get(`/api/chat/${c.sessionId}/messages`)).body.messages;
    expect(history.filter((m: any) => m.text === "studio in Boston?")).toHaveLength(1);
  });
});

describe("sessions", () => {
  it("serialises two messages sent at once on one session", async () => {
    const c = new ChatClient(s);
    await c.say("hello");
    const [a, b] = await Promise.all([
      s.post("/api/chat", { sessionId: c.sessionId, message: "studio in San Jose" }),
      s.post("/api/chat", { sessionId: c.sessionId, message: "what about 2 bedrooms?" }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const history = (await s.get(`/api/chat/${c.sessionId}/messages`)).body.messages;
    expect(history.map((m: any) => m.role)).toEqual(["user", "assistant", "user", "assistant", "user", "assistant"]);
    expect(history[2].text).toBe("studio in San Jose");
    expect(history[3].text).toContain("The Almaden");
    expect(history[4].text).toBe("what about 2 bedrooms?");
    expect(history[5].text).toContain("Willow Glen Gardens");
  });

  it("survives a server restart: the same session id resumes the conversation", async () => {
    const first = await startTestServer();
    const dataDir = first.app.config.dataDir;
    const c = new ChatClient(first);
    await c.say("I'd like to tour Columbine House on Tuesday at 1pm");
    const ask = await c.say("yes");
    expect(ask.reply).toMatch(/name/i);
    await first.close();

    const second = await startTestServer({ env: { DATA_DIR: dataDir } });
    try {
      const resumed = new ChatClient(second);
      resumed.sessionId = c.sessionId;
      const done = await resumed.say("Maya Brooks, maya.brooks@example.com");
      expect(resumed.sessionId).toBe(c.sessionId);
      expect(done.reply).toMatch(/booked/i);
      const rows = (await second.get("/api/admin/bookings?email=maya.brooks@example.com", adminHeaders)).body.bookings;
      expect(rows).toEqual([expect.objectContaining({ propertyId: 14, start: "2026-11-24T20:00:00.000Z" })]);
      const history = (await second.get(`/api/chat/${c.sessionId}/messages`)).body.messages;
      expect(history).toHaveLength(6);
    } finally {
      await second.close();
    }
  });
});
