import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PERSONA } from "../src/agent/persona";
import { slotWhen } from "../src/agent/tools/format";
import { ChatClient } from "./support/chat";
import { SmtpSink, toText } from "./support/smtp-sink";
import { adminHeaders, firstSlot, startTestServer, type TestServer } from "./support/test-app";
import { until } from "./support/wait";

const STAFF = { email: "dana@leasing.example", password: "correct horse battery staple" };

/** A signed-in staff browser: the session cookie plus the CSRF token the console sends. */
interface StaffSession {
  cookie: string;
  csrf: string;
}

async function signIn(s: TestServer, email = STAFF.email, password = STAFF.password): Promise<StaffSession> {
  const res = await s.post("/api/admin/login", { email, password });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get("set-cookie")!;
  return { cookie: setCookie.split(";")[0], csrf: res.body.csrfToken };
}

/** Reads a server-sent event stream until `enough` says so, then disconnects. */
type StreamEvent = { id?: string; event: string; data: any };

/**
 * Opens an event stream and reads it until `enough`. `connected` resolves once the response
 * has started: the server subscribes in the same synchronous handler that sends the headers,
 * so anything that happens after `connected` is on the stream.
 */
function openEvents(url: string, enough: (events: StreamEvent[]) => boolean, headers: Record<string, string> = {}, timeoutMs = 5000) {
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const events = readEvents(url, enough, headers, timeoutMs, connected);
  return { connected: Promise.race([ready, events.then(() => undefined)]), events };
}

async function readEvents(
  url: string,
  enough: (events: StreamEvent[]) => boolean,
  headers: Record<string, string> = {},
  timeoutMs = 5000,
  onConnected?: () => void,
) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const events: StreamEvent[] = [];
  try {
    const res = await fetch(url, { headers: { accept: "text/event-stream", ...headers }, signal: controller.signal });
    onConnected?.();
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = "";
    while (!enough(events)) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (let cut = buffer.indexOf("\n\n"); cut >= 0; cut = buffer.indexOf("\n\n")) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ id: /^id: (.*)$/m.exec(block)?.[1], event, data: JSON.parse(data) });
      }
    }
  } catch (err) {
    if ((err as Error).name !== "AbortError") throw err;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

describe("staff console: sign-in, conversations, bookings, tickets, catalogue, persona, audit", () => {
  let s: TestServer;
  let smtp: SmtpSink;
  let staff: StaffSession;
  const asStaff = (extra: Record<string, string> = {}) => ({ cookie: staff.cookie, "x-csrf-token": staff.csrf, ...extra });

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    s = await startTestServer({ env: { SMTP_URL: smtp.url, STAFF_ADMIN_EMAIL: STAFF.email, STAFF_ADMIN_PASSWORD: STAFF.password } });
    staff = await signIn(s);
  });
  afterAll(async () => {
    await s?.close();
    await smtp?.down();
  });

  it("signs staff in with a session cookie; wrong passwords, missing credentials and missing CSRF tokens are refused", async () => {
    const wrong = await s.post("/api/admin/login", { email: STAFF.email, password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.message).toBe("Wrong e-mail or password.");
    const unknown = await s.post("/api/admin/login", { email: "nobody@leasing.example", password: STAFF.password });
    expect([unknown.status, unknown.body.error.message]).toEqual([401, "Wrong e-mail or password."]);
    expect((await s.post("/api/admin/login", "{not json", { "content-type": "application/json" })).status).toBe(400);

    const ok = await s.post("/api/admin/login", { email: STAFF.email.toUpperCase(), password: STAFF.password });
    expect(ok.status).toBe(200);
    expect(ok.body.staff).toMatchObject({ email: STAFF.email, role: "admin" });
    expect(ok.body.staff.passwordHash).toBeUndefined();
    const cookie = ok.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^l2l_staff=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Max-Age=43200");
    const session = { cookie: cookie.split(";")[0], csrf: ok.body.csrfToken as string };

    // No credentials at all, a wrong bearer token, a made-up cookie.
    expect((await s.get("/api/admin/conversations")).status).toBe(401);
    expect((await s.get("/api/admin/conversations", { authorization: "Bearer nope" })).status).toBe(401);
    expect((await s.get("/api/admin/conversations", { cookie: "l2l_staff=forged-session-token" })).status).toBe(401);
    // Reads with the cookie work; writes need the CSRF token of that session.
    const me = await s.get("/api/admin/me", { cookie: session.cookie });
    expect(me.body).toEqual({ staff: expect.objectContaining({ email: STAFF.email }), csrfToken: session.csrf });
    expect((await s.get("/api/admin/conversations", { cookie: session.cookie })).status).toBe(200);
    const noCsrf = await s.request("PUT", "/api/admin/persona", DEFAULT_PERSONA, { cookie: session.cookie });
    expect([noCsrf.status, noCsrf.body.error.message]).toEqual([403, "Missing or wrong CSRF token."]);
    expect((await s.request("PUT", "/api/admin/persona", DEFAULT_PERSONA, { cookie: session.cookie, "x-csrf-token": staff.csrf })).status).toBe(403);
    expect((await s.request("PUT", "/api/admin/persona", DEFAULT_PERSONA, { cookie: session.cookie, "x-csrf-token": session.csrf })).status).toBe(200);
    // The bearer token keeps working for scripts.
    expect((await s.request("PUT", "/api/admin/persona", DEFAULT_PERSONA, adminHeaders)).status).toBe(200);

    // Signing out ends the session (and needs the CSRF token too).
    expect((await s.post("/api/admin/logout", {}, { cookie: session.cookie })).status).toBe(403);
    const out = await s.post("/api/admin/logout", {}, { cookie: session.cookie, "x-csrf-token": session.csrf });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/l2l_staff=;.*Max-Age=0/);
    expect((await s.get("/api/admin/conversations", { cookie: session.cookie })).status).toBe(401);
    expect((await s.get("/api/admin/me", { cookie: staff.cookie })).status).toBe(200);
  });

  it("refuses every console endpoint without credentials, and with a cookie but no CSRF token for each write", async () => {
    const endpoints: Array<[string, string, unknown?]> = [
      ["GET", "/api/admin/me"],
      ["GET", "/api/admin/conversations"],
      ["GET", "/api/admin/conversations/abcdefgh12345678"],
      ["GET", "/api/admin/conversations/abcdefgh12345678/messages"],
      ["POST", "/api/admin/conversations/abcdefgh12345678/mode", { mode: "human" }],
      ["POST", "/api/admin/conversations/abcdefgh12345678/reply", { text: "hi" }],
      ["GET", "/api/admin/events"],
      ["GET", "/api/admin/bookings"],
      ["POST", "/api/admin/bookings/1/cancel", {}],
      ["POST", "/api/admin/bookings/1/reschedule", { start: "2026-11-25T10:00" }],
      ["GET", "/api/admin/tickets"],
      ["PATCH", "/api/admin/tickets/1", { status: "closed" }],
      ["GET", "/api/admin/stakeholders"],
      ["GET", "/api/admin/users"],
      ["GET", "/api/admin/properties"],
      ["POST", "/api/admin/properties", {}],
      ["PATCH", "/api/admin/properties/1", { rent: 1 }],
      ["GET", "/api/admin/properties/1/hours"],
      ["PUT", "/api/admin/properties/1/hours", { rules: [] }],
      ["POST", "/api/admin/properties/1/exceptions", { date: "2026-11-25", kind: "closed" }],
      ["DELETE", "/api/admin/properties/1/exceptions/1"],
      ["GET", "/api/admin/persona"],
      ["PUT", "/api/admin/persona", DEFAULT_PERSONA],
      ["POST", "/api/admin/persona/preview", DEFAULT_PERSONA],
      ["GET", "/api/admin/audit"],
    ];
    for (const [method, path, body] of endpoints) {
      const anon = await s.request(method, path, body);
      expect([method, path, anon.status, anon.body.error?.code]).toEqual([method, path, 401, "unauthorized"]);
      if (method !== "GET") {
        const noCsrf = await s.request(method, path, body, { cookie: staff.cookie });
        expect([method, path, noCsrf.status]).toEqual([method, path, 403]);
      }
    }
    // Nothing was changed by the refused writes.
    expect((await s.get("/api/properties/1")).body.property.rent).toBe(1850);
  });

  it("serves the console page and its script", async () => {
    const page = await fetch(`${s.url}/console`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<div id="app">');
    expect(html).toContain('<script src="/console.js" defer></script>');
    const script = await fetch(`${s.url}/console.js`);
    expect([script.status, script.headers.get("content-type")]).toEqual([200, "application/javascript; charset=utf-8"]);
    expect(await script.text()).toContain("/api/admin/login");
  });

  it("lists chat conversations with their contact, unread count and filters, and shows the transcript with tool activity", async () => {
    const chat = new ChatClient(s);
    await chat.say("Do you have 2 bedrooms in Denver?");
    await chat.say("I'm Robin Okafor, robin.okafor@example.com");
    s.clock.advance(1000);

    const all = (await s.get("/api/admin/conversations", asStaff())).body.conversations;
    const row = all.find((c: any) => c.id === chat.sessionId);
    expect(row).toEqual({
      id: chat.sessionId,
      channel: "chat",
      mode: "ai",
      escalation: null,
      contact: { name: "Robin Okafor", email: "robin.okafor@example.com" },
      subject: null,
      propertyId: expect.toBeOneOf([null, expect.any(Number)]),
      lastMessageAt: expect.any(String),
      unread: 2,
    });
    const ids = async (q: string) => (await s.get(`/api/admin/conversations?${q}`, adminHeaders)).body.conversations.map((c: any) => c.id);
    expect(await ids("channel=chat")).toContain(chat.sessionId);
    expect(await ids("channel=email")).not.toContain(chat.sessionId);
    expect(await ids("mode=ai")).toContain(chat.sessionId);
    expect(await ids("mode=human")).not.toContain(chat.sessionId);
    expect(await ids("escalated=true")).not.toContain(chat.sessionId);
    expect((await s.get("/api/admin/conversations?mode=robot", adminHeaders)).status).toBe(400);

    // By property: a conversation about a listing is found under that listing.
    const about = new ChatClient(s);
    await about.say("Tell me about Larimer Lofts");
    expect(await ids("propertyId=8")).toContain(about.sessionId);
    expect(await ids("propertyId=8")).not.toContain(chat.sessionId);
    expect(await ids("propertyId=1")).not.toContain(about.sessionId);
    const detail = await s.get(`/api/admin/conversations/${chat.sessionId}`, adminHeaders);
    expect(detail.body).toMatchObject({
      conversation: { id: chat.sessionId, channel: "chat", mode: "ai", escalation: null },
      contact: { name: "Robin Okafor", email: "robin.okafor@example.com" },
      tours: [],
      tickets: [],
    });
    const transcript = (await s.get(`/api/admin/conversations/${chat.sessionId}/messages`, asStaff())).body.messages;
    expect(transcript[0]).toMatchObject({ role: "user", text: "Do you have 2 bedrooms in Denver?" });
    const tool = transcript.find((m: any) => m.role === "tool");
    expect(tool).toMatchObject({ data: { tool: "search_properties", ok: true } });
    expect(tool.text).toContain("Highland Row");
    expect(transcript.filter((m: any) => m.role === "assistant")).toHaveLength(2);
    // Opening the transcript marks it read.
    const after = (await s.get("/api/admin/conversations", adminHeaders)).body.conversations.find((c: any) => c.id === chat.sessionId);
    expect(after.unread).toBe(0);
    expect((await s.get("/api/admin/conversations/nope", adminHeaders)).status).toBe(404);
    expect((await s.get("/api/admin/conversations/abcdefgh12345678/messages", adminHeaders)).status).toBe(404);
  });

  it("takes a chat over and hands it back; while human, the AI stays silent and staff replies reach the widget's stream and history", async () => {
    const chat = new ChatClient(s);
    await chat.say("hi, is the Baker Block still available?");
    const id = chat.sessionId!;

    const take = await s.post(`/api/admin/conversations/${id}/mode`, { mode: "human" }, asStaff());
    expect(take.body.conversation).toMatchObject({ id, mode: "human" });
    const silent = await s.post("/api/chat", { sessionId: id, message: "hello? anyone there?" });
    expect(silent.status).toBe(200);
    expect(silent.body).toEqual({ sessionId: id, reply: null, mode: "human", options: [] });

    // The widget's live channel: current mode first, then the staff reply.
    const stream = openEvents(`${s.url}/api/chat/${id}/events`, (ev) => ev.some((e) => e.event === "staff"));
    await stream.connected;
    const live = stream.events;
    const sent = await s.post(`/api/admin/conversations/${id}/reply`, { text: "Hi! This is Dana from the leasing office. Yes, it's available." }, asStaff());
    expect(sent.status).toBe(201);
    const events = await live;
    expect(events[0]).toEqual({ event: "mode", data: { mode: "human" }, id: undefined });
    const staffEvent = events.find((e) => e.event === "staff")!;
    expect(staffEvent.data).toEqual({ id: sent.body.message.id, text: "Hi! This is Dana from the leasing office. Yes, it's available." });
    expect(staffEvent.id).toBe(String(sent.body.message.id));

    const history = (await s.get(`/api/chat/${id}/messages`)).body;
    expect(history.mode).toBe("human");
    expect(history.messages.map((m: any) => [m.role, m.text])).toEqual([
      ["user", "hi, is the Baker Block still available?"],
      ["assistant", expect.any(String)],
      ["user", "hello? anyone there?"],
      ["staff", "Hi! This is Dana from the leasing office. Yes, it's available."],
    ]);
    // A page that reloads (or reconnects) gets the staff replies it missed.
    const replay = await readEvents(`${s.url}/api/chat/${id}/events?after=0`, (ev) => ev.some((e) => e.event === "staff"));
    expect(replay.filter((e) => e.event === "staff").map((e) => e.data.id)).toEqual([sent.body.message.id]);
    const reconnect = await readEvents(`${s.url}/api/chat/${id}/events`, (ev) => ev.length >= 1, { "last-event-id": String(sent.body.message.id) }, 800);
    expect(reconnect.map((e) => e.event)).toEqual(["mode"]);

    // Hand back: the assistant answers again.
    const back = await s.post(`/api/admin/conversations/${id}/mode`, { mode: "ai" }, asStaff());
    expect(back.body.conversation).toMatchObject({ mode: "ai", escalation: null });
    const resumed = await chat.say("what's the rent there?");
    expect(resumed.reply).toMatch(/\$1,700/);

    const audit = (await s.get("/api/admin/audit", adminHeaders)).body.entries.filter((e: any) => e.target === id);
    expect(audit.map((e: any) => [e.actor, e.action])).toEqual([
      [STAFF.email, "conversation.hand_back"],
      [STAFF.email, "conversation.reply"],
      [STAFF.email, "conversation.take_over"],
    ]);
    expect(audit[2].at).toEqual(expect.any(String));
    expect((await s.post(`/api/admin/conversations/${id}/mode`, { mode: "robot" }, adminHeaders)).status).toBe(400);
    expect((await s.post(`/api/admin/conversations/${id}/reply`, { text: "   " }, adminHeaders)).status).toBe(400);
    expect((await s.post(`/api/admin/conversations/${id}/reply`, { text: "x".repeat(5001) }, adminHeaders)).status).toBe(400);
  });

  it("a staff reply to a conversation the AI is handling takes it over first", async () => {
    const chat = new ChatClient(s);
    await chat.say("Do you allow dogs at Larimer Lofts?");
    const id = chat.sessionId!;
    const text = "Yes — up to two dogs. I'm Sam, happy to help.";
    const sent = await s.post(`/api/admin/conversations/${id}/reply`, { text }, adminHeaders);
    expect(sent.body.mode).toBe("human");
    expect((await s.get(`/api/admin/conversations/${id}`, adminHeaders)).body.conversation.mode).toBe("human");
    expect((await chat.say("great, thanks Sam")).reply).toBeNull();
    const audit = (await s.get("/api/admin/audit", adminHeaders)).body.entries.filter((e: any) => e.target === id);
    expect(audit.map((e: any) => [e.actor, e.action, e.details])).toEqual([
      ["api-token", "conversation.reply", { length: text.length }],
      ["api-token", "conversation.take_over", { via: "reply" }],
    ]);
  });

  it("streams console events live: new messages and mode changes", async () => {
    const chat = new ChatClient(s);
    await chat.say("hello");
    const id = chat.sessionId!;
    const stream = openEvents(`${s.url}/api/admin/events`, (ev) => ev.some((e) => e.data.id === id && e.data.type === "mode"), { cookie: staff.cookie });
    await stream.connected;
    const live = stream.events;
    await chat.say("Do you have studios?");
    await s.post(`/api/admin/conversations/${id}/mode`, { mode: "human" }, adminHeaders);
    const events = (await live).filter((e) => e.data.id === id);
    expect(events.map((e) => [e.data.type, e.data.role ?? e.data.mode])).toEqual([
      ["message", "user"],
      ["message", "tool"],
      ["message", "assistant"],
      ["mode", "human"],
    ]);
  });

  it("cancels and reschedules tours through the same services and mail as everything else", async () => {
    const slot = await firstSlot(s, 1, "2026-11-25");
    const booked = await s.post("/api/tours", { propertyId: 1, start: slot.start, name: "Lee Park", email: "lee.park@example.com" });
    expect(booked.status).toBe(201);
    const id = booked.body.booking.id;
    await until(() => smtp.received.some((m) => toText(m) === "lee.park@example.com"), 10_000, "confirmation");

    const later = await firstSlot(s, 1, "2026-11-26", 2);
    const moved = await s.post(`/api/admin/bookings/${id}/reschedule`, { start: later.start }, asStaff());
    expect(moved.status).toBe(200);
    expect(moved.body.booking).toMatchObject({ id, start: later.start, status: "confirmed", user: { name: "Lee Park", email: "lee.park@example.com" } });
    // The old time is free again, the new one taken.
    const day1 = (await s.get("/api/properties/1/slots?from=2026-11-25&to=2026-11-25")).body.slots.map((x: any) => x.start);
    expect(day1).toContain(slot.start);
    const day2 = (await s.get("/api/properties/1/slots?from=2026-11-26&to=2026-11-26")).body.slots.map((x: any) => x.start);
    expect(day2).not.toContain(later.start);
    const taken = await s.post(`/api/admin/bookings/${id}/reschedule`, { start: "2026-11-26T03:00:00Z" }, adminHeaders);
    expect(taken.status).toBeGreaterThanOrEqual(400);

    const cancelled = await s.post(`/api/admin/bookings/${id}/cancel`, {}, asStaff());
    expect(cancelled.body.booking).toMatchObject({ id, status: "cancelled" });
    await until(() => smtp.received.filter((m) => toText(m) === "lee.park@example.com").length >= 3, 10_000, "update and cancellation mail");
    const subjects = smtp.received.filter((m) => toText(m) === "lee.park@example.com").map((m) => m.parsed.subject);
    expect(subjects).toHaveLength(3);
    expect(subjects[1]).toMatch(/rescheduled|moved|updated/i);
    expect(subjects[2]).toMatch(/cancel/i);
    // Cancelling again changes nothing and sends nothing more.
    const again = await s.post(`/api/admin/bookings/${id}/cancel`, {}, adminHeaders);
    expect([again.status, again.body.booking.status]).toEqual([200, "cancelled"]);
    expect((await s.post("/api/admin/bookings/999999/cancel", {}, adminHeaders)).status).toBe(404);

    await new Promise((r) => setTimeout(r, 400));
    expect(smtp.received.filter((m) => toText(m) === "lee.park@example.com")).toHaveLength(3);
    const audit = (await s.get("/api/admin/audit", adminHeaders)).body.entries.filter((e: any) => e.target === String(id));
    expect(audit.map((e: any) => [e.actor, e.action])).toEqual([
      ["api-token", "booking.cancel"],
      [STAFF.email, "booking.cancel"],
      [STAFF.email, "booking.reschedule"],
    ]);
  });

  it("lists, filters, updates and assigns tickets, and rejects bad changes", async () => {
    const chat = new ChatClient(s);
    await chat.say("I need to speak with a manager please");
    const tickets = (await s.get("/api/admin/tickets?intent=escalation", asStaff())).body.tickets;
    const t = tickets.find((x: any) => x.conversationId === chat.sessionId);
    expect(t).toMatchObject({ intent: "escalation", priority: "high", status: "open", assignedTo: null });
    const { stakeholders } = (await s.get("/api/admin/stakeholders", asStaff())).body;
    const leasing = stakeholders.find((x: any) => x.role === "leasing");
    const patched = await s.request("PATCH", `/api/admin/tickets/${t.id}`, { status: "in_progress", assignedTo: leasing.id }, asStaff());
    expect(patched.body.ticket).toMatchObject({ id: t.id, status: "in_progress", assignedTo: leasing.id });
    expect((await s.get("/api/admin/tickets?status=in_progress", adminHeaders)).body.tickets.map((x: any) => x.id)).toContain(t.id);
    expect((await s.get("/api/admin/tickets?status=open", adminHeaders)).body.tickets.map((x: any) => x.id)).not.toContain(t.id);
    expect((await s.request("PATCH", `/api/admin/tickets/${t.id}`, { status: "done" }, adminHeaders)).status).toBe(400);
    expect((await s.request("PATCH", `/api/admin/tickets/${t.id}`, { assignedTo: 99999 }, adminHeaders)).status).toBeGreaterThanOrEqual(400);
    expect((await s.request("PATCH", "/api/admin/tickets/99999", { status: "closed" }, adminHeaders)).status).toBe(404);
    const closed = await s.request("PATCH", `/api/admin/tickets/${t.id}`, { status: "closed", assignedTo: null }, adminHeaders);
    expect(closed.body.ticket).toMatchObject({ status: "closed", assignedTo: null });
  });

  it("creates and edits properties, tour hours and dated closures; the slots API and the assistant see the change at once", async () => {
    const body = {
      name: "Juniper House",
      address: "77 Juniper Ln",
      city: "Austin",
      state: "TX",
      postalCode: "78704",
      neighborhood: "Zilker",
      beds: 2,
      baths: 1,
      rent: 2300,
      sqft: 950,
      petsAllowed: "cats",
      petPolicy: "Cats welcome.",
      availableFrom: "2026-12-01",
      description: "Quiet duplex near Zilker Park.",
      amenities: ["Yard", "Washer/dryer"],
      timezone: "America/Chicago",
    };
    const created = await s.post("/api/admin/properties", body, asStaff());
    expect(created.status).toBe(201);
    const id = created.body.property.id;
    expect((await s.get(`/api/properties/${id}`)).body.property).toMatchObject({ name: "Juniper House", rent: 2300 });
    // No hours yet: no slots. Then Wednesdays 09:00–11:00, 60-minute tours.
    expect((await s.get(`/api/properties/${id}/slots?from=2026-11-25&to=2026-11-25`)).body.slots).toEqual([]);
    const hours = await s.request(
      "PUT",
      `/api/admin/properties/${id}/hours`,
      { rules: [{ weekday: 3, start: "09:00", end: "11:00", slotMinutes: 60 }] },
      asStaff(),
    );
    expect(hours.status).toBe(200);
    const wed = (await s.get(`/api/properties/${id}/slots?from=2026-11-25&to=2026-12-02`)).body.slots.map((x: any) => x.local);
    expect(wed).toEqual(["2026-11-25T09:00", "2026-11-25T10:00", "2026-12-02T09:00", "2026-12-02T10:00"]);
    // A dated closure removes that day; removing the closure brings it back.
    const closure = await s.post(`/api/admin/properties/${id}/exceptions`, { date: "2026-12-02", kind: "closed", note: "Unit repainting" }, asStaff());
    expect(closure.status).toBe(201);
    expect((await s.get(`/api/admin/properties/${id}/hours`, adminHeaders)).body.exceptions).toEqual([
      expect.objectContaining({ id: closure.body.id, date: "2026-12-02", kind: "closed", note: "Unit repainting" }),
    ]);
    expect((await s.get(`/api/properties/${id}/slots?from=2026-12-02&to=2026-12-02`)).body.slots).toEqual([]);
    expect((await s.request("DELETE", `/api/admin/properties/${id}/exceptions/${closure.body.id}`, undefined, asStaff())).status).toBe(200);
    expect((await s.get(`/api/properties/${id}/slots?from=2026-12-02&to=2026-12-02`)).body.slots).toHaveLength(2);

    // The assistant finds the new listing and its tour times.
    const chat = new ChatClient(s);
    const found = await chat.say("any 2 bedrooms in Austin under $2400 that take cats?");
    expect(found.reply).toContain("Juniper House");
    const times = await chat.say("When can I tour Juniper House?");
    expect(times.reply).toMatch(/Wed, Nov 25 at 9:00 AM/);

    // Edits show immediately; a deactivated listing disappears from search.
    const edited = await s.request("PATCH", `/api/admin/properties/${id}`, { rent: 2150 }, asStaff());
    expect(edited.body.property.rent).toBe(2150);
    expect((await s.get(`/api/properties/${id}`)).body.property.rent).toBe(2150);
    await s.request("PATCH", `/api/admin/properties/${id}`, { active: false }, adminHeaders);
    const search = (await s.get("/api/properties?city=Austin&beds=2")).body.properties.map((p: any) => p.name);
    expect(search).not.toContain("Juniper House");

    // Bad input: each gets a clear 400 and nothing changes.
    const bad = await s.post("/api/admin/properties", { ...body, timezone: "Mars/Olympus" }, adminHeaders);
    expect(bad.status).toBe(400);
    expect((await s.post("/api/admin/properties", { ...body, rent: -5 }, adminHeaders)).status).toBe(400);
    expect(
      (await s.request("PUT", `/api/admin/properties/${id}/hours`, { rules: [{ weekday: 9, start: "09:00", end: "11:00", slotMinutes: 60 }] }, adminHeaders))
        .status,
    ).toBe(400);
    expect(
      (await s.request("PUT", `/api/admin/properties/${id}/hours`, { rules: [{ weekday: 3, start: "12:00", end: "11:00", slotMinutes: 60 }] }, adminHeaders))
        .status,
    ).toBe(400);
    expect((await s.post(`/api/admin/properties/${id}/exceptions`, { date: "next week", kind: "closed" }, adminHeaders)).status).toBe(400);
    expect((await s.get(`/api/admin/properties/${id}/hours`, adminHeaders)).body.rules).toEqual([
      expect.objectContaining({ weekday: 3, start: "09:00", end: "11:00", slotMinutes: 60 }),
    ]);
    const actions = (await s.get("/api/admin/audit", adminHeaders)).body.entries.filter((e: any) => e.target === String(id)).map((e: any) => e.action);
    expect(actions).toEqual(["property.update", "property.update", "hours.exception.remove", "hours.exception.add", "hours.update", "property.create"]);
  });

  it("edits the persona, previews it, and the assistant uses it for its greeting and on the demo site", async () => {
    const persona = {
      name: "Maya",
      tone: "concise",
      greeting: "Hey, I'm Maya from Riverside Homes — the automated assistant. Looking for a place?",
      customInstruction: "Mention that tours take about 20 minutes.",
      companyName: "Riverside Homes",
    };
    const preview = await s.post("/api/admin/persona/preview", persona, asStaff());
    expect(preview.body.preview.greeting).toBe(persona.greeting);
    expect(preview.body.preview.systemPrompt).toContain("Maya");
    expect(preview.body.preview.systemPrompt).toContain("Mention that tours take about 20 minutes.");
    // The sample reply shows a real open time: the first one the tour API offers for the first listing.
    const first = s.app.services.properties.listAll().find((p) => p.active)!;
    const slots = (await s.get(`/api/properties/${first.id}/slots`)).body.slots as Array<{ start: string }>;
    expect(slots.length).toBeGreaterThan(0);
    expect(preview.body.preview.sampleReply).toBe(
      `OK. ${first.name} on ${slotWhen(new Date(slots[0].start), first.timezone)} is open. To book it, I just need your name and your e-mail.`,
    );
    // A preview saves nothing.
    expect((await s.get("/api/admin/persona", asStaff())).body.persona.name).not.toBe("Maya");

    const saved = await s.request("PUT", "/api/admin/persona", persona, asStaff());
    expect(saved.body.persona).toEqual(persona);
    const greeting = await new ChatClient(s).say("hi there");
    expect(greeting.reply).toBe(persona.greeting);
    const page = await (await fetch(`${s.url}/`)).text();
    expect(page).toContain("<title>Riverside Homes</title>");
    expect(page).toContain('data-title="Maya · Leasing assistant"');
    expect(page).toContain(`data-greeting="Hey, I&#39;m Maya from Riverside Homes — the automated assistant. Looking for a place?"`);

    expect((await s.request("PUT", "/api/admin/persona", { ...persona, tone: "sarcastic" }, adminHeaders)).status).toBe(400);
    expect((await s.request("PUT", "/api/admin/persona", { ...persona, name: "" }, adminHeaders)).status).toBe(400);
    expect((await s.request("PUT", "/api/admin/persona", { ...persona, customInstruction: "x".repeat(5000) }, adminHeaders)).status).toBe(400);
    expect((await s.get("/api/admin/persona", adminHeaders)).body.persona).toEqual(persona);
    const audit = (await s.get("/api/admin/audit", adminHeaders)).body.entries.find(
      (e: any) => e.action === "persona.update" && e.actor === STAFF.email && e.details.name === "Maya",
    );
    expect(audit).toBeDefined();
    await s.request("PUT", "/api/admin/persona", DEFAULT_PERSONA, adminHeaders);
  });
});
