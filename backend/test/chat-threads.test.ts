import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PERSONA } from "../src/agent/persona";
import { threadOfSession } from "../src/channels/chat/chat-thread-protocol";
import { ChatClient, parseSse, type Turn } from "./support/chat";
import { SmtpSink } from "./support/smtp-sink";
import { startTestServer, type TestServer } from "./support/test-app";

/**
 * Chat turns answered on worker threads (CHAT_THREADS=2), the way `npm start` runs on a
 * machine with more than one core: each thread has its own SQLite connection and agent.
 */
describe("chat on worker threads", () => {
  let s: TestServer;
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await SmtpSink.start();
    s = await startTestServer({ chatThreads: 2, env: { SMTP_URL: smtp.url, LLM_PROVIDER: "offline" } });
  }, 60_000);
  afterAll(async () => {
    await s?.close();
    await smtp?.down();
  });

  /** A new session whose turns run on the given thread. */
  async function sessionOn(thread: number): Promise<ChatClient> {
    for (;;) {
      const c = new ChatClient(s);
      await c.say("hi");
      if (threadOfSession(c.sessionId!, 2) === thread) return c;
    }
  }

  /** Searches, asks for a day, and returns the open times offered. */
  async function offeredSlots(c: ChatClient): Promise<Turn["options"]> {
    await c.say("I'm looking for a 1 bedroom in Austin under $2,500");
    await c.say("tell me about The Alder");
    const t = await c.say("can I tour it next Tuesday afternoon?");
    const slots = t.options.filter((o) => o.type === "slot");
    expect(slots.length, c.transcript.join("\n")).toBeGreaterThan(0);
    return slots;
  }

  /** Picks a slot and gives contact details until the assistant asks for nothing more but a yes. */
  async function upToConfirmation(c: ChatClient, slotValue: string, who: { name: string; email: string }): Promise<Turn> {
    let t = await c.say(slotValue);
    if (/name|e-?mail/i.test(t.reply) && !t.options.some((o) => o.label === "Yes, book it")) t = await c.say(`${who.name}, ${who.email}`);
    return t;
  }

  async function confirm(c: ChatClient, t: Turn): Promise<Turn> {
    const yes = t.options.find((o) => o.label === "Yes, book it");
    return yes ? c.say(yes.value) : t;
  }

  it("new sessions are spread over the threads, and each keeps the thread that answered its first turn", async () => {
    const threads: number[] = [];
    for (let i = 0; i < 6; i++) {
      const c = new ChatClient(s);
      await c.say("hi");
      threads.push(threadOfSession(c.sessionId!, 2));
    }
    // Round robin: consecutive new sessions alternate between the two threads.
    for (let i = 1; i < threads.length; i++) expect(threads[i]).not.toBe(threads[i - 1]);
  });

  it("books a tour through a thread; the server's outbox sends the confirmation with its invite", async () => {
    const c = await sessionOn(1);
    const [slot] = await offeredSlots(c);
    let t = await upToConfirmation(c, slot.value, { name: "Dana Whitfield", email: "dana.whitfield@example.com" });
    t = await confirm(c, t);
    expect(t.reply, c.transcript.join("\n")).toMatch(/booked/i);
    const bookings = s.app.db.prepare("SELECT b.start_utc AS start, u.email FROM bookings b JOIN users u ON u.id = b.user_id WHERE b.status = 'confirmed'").all() as Array<{ start: string; email: string }>;
    expect(bookings).toContainEqual({ start: slot.start, email: "dana.whitfield@example.com" });
    const [mail] = await smtp.waitFor(1);
    expect(mail.parsed.subject).toMatch(/The Alder/);
    expect(mail.raw.toString("utf8")).toContain("BEGIN:VCALENDAR");
  }, 60_000);

  it("streams a turn from a thread in order, and the server hears the thread's messages", async () => {
    const heard: string[] = [];
    const off = s.app.services.conversations.subscribe((e) => {
      if (e.type === "message" && e.message) heard.push(`${e.message.role}:${e.message.text.slice(0, 20)}`);
    });
    const res = await fetch(`${s.url}/api/chat/stream`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "Any 1 bedroom places in Boston that allow cats?" }),
    });
    const events = parseSse(await res.text());
    off();
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("session");
    expect(names.at(-1)).toBe("done");
    const tokens = events.filter((e) => e.event === "token").map((e) => e.data.text).join("");
    expect(tokens).toBe(events.at(-1)!.data.reply);
    expect(tokens).toContain("Beacon & Vine");
    expect(names.indexOf("tool")).toBeLessThan(names.indexOf("token"));
    expect(heard[0]).toBe("user:Any 1 bedroom places");
    expect(heard).toContain("tool:" + heard.find((h) => h.startsWith("tool:"))!.slice(5));
    expect(heard.at(-1)).toMatch(/^assistant:/);
  });

  it("a turn's messages reach the server's listeners, in order, before its result does", async () => {
    const heard: string[] = [];
    const off = s.app.services.conversations.subscribe((e) => {
      if (e.type === "message" && e.message) heard.push(e.message.role);
    });
    try {
      const t = await s.app.chatThreads!.send({ message: "Any 2 bedroom places in Denver?" });
      // Read as soon as the result is in, with nothing awaited in between.
      const atResult = [...heard];
      expect(t.reply).toContain("Highland Row");
      expect(atResult[0]).toBe("user");
      expect(atResult).toContain("tool");
      expect(atResult.at(-1)).toBe("assistant");
      expect(atResult.indexOf("tool")).toBeLessThan(atResult.indexOf("assistant"));
    } finally {
      off();
    }
  });

  it("two threads racing for one slot: exactly one booking, the other prospect is told", async () => {
    const a = await sessionOn(0);
    const b = await sessionOn(1);
    const [slotA] = await offeredSlots(a);
    const slotsB = await offeredSlots(b);
    const same = slotsB.find((o) => o.start === slotA.start && o.propertyId === slotA.propertyId);
    expect(same).toBeDefined();
    const ta = await upToConfirmation(a, slotA.value, { name: "Ria Moss", email: "ria.moss@example.com" });
    const tb = await upToConfirmation(b, same!.value, { name: "Theo Park", email: "theo.park@example.com" });
    const [ra, rb] = await Promise.all([confirm(a, ta), confirm(b, tb)]);
    const booked = [ra, rb].filter((t) => /you're booked/i.test(t.reply));
    expect(booked, [...a.transcript, ...b.transcript].join("\n")).toHaveLength(1);
    const rows = s.app.db.prepare("SELECT count(*) AS n FROM bookings WHERE property_id = ? AND start_utc = ? AND status = 'confirmed'").get(slotA.propertyId, slotA.start) as { n: number };
    expect(rows.n).toBe(1);
    const loser = booked[0] === ra ? rb : ra;
    expect(loser.reply).toMatch(/taken|no longer|just booked|isn't available|not available/i);
  }, 60_000);

  it("a persona edit on the server reaches both threads", async () => {
    for (let i = 0; i < 4; i++) await new ChatClient(s).say("hi there");
    s.app.services.persona.update({ ...DEFAULT_PERSONA, greeting: "Hello from Juniper Lane Leasing! How can I help?" });
    for (const thread of [0, 1]) {
      const c = await sessionOn(thread);
      expect((await c.say("hello")).reply).toBe("Hello from Juniper Lane Leasing! How can I help?");
    }
  }, 60_000);

  it("a listing edited on the server is read fresh by both threads", async () => {
    const alder = s.app.services.properties.listAllCached().find((p) => p.name === "The Alder")!;
    for (const thread of [0, 1]) await (await sessionOn(thread)).say("tell me about The Alder");
    s.app.services.properties.update(alder.id, { rent: 1999 });
    for (const thread of [0, 1]) {
      const c = await sessionOn(thread);
      expect((await c.say("tell me about The Alder")).reply).toContain("$1,999");
    }
  }, 60_000);

  it("each thread runs with the heap limits from the configuration", () => {
    const slots = (s.app.chatThreads as unknown as { slots: Array<{ worker?: { resourceLimits?: { maxOldGenerationSizeMb: number; maxYoungGenerationSizeMb: number } } }> }).slots;
    for (const slot of slots) {
      expect(slot.worker?.resourceLimits).toMatchObject({ maxOldGenerationSizeMb: s.app.config.chat.threadHeapMb, maxYoungGenerationSizeMb: s.app.config.chat.threadYoungMb });
    }
    expect(s.app.config.chat.threadYoungMb).toBe(144);
  });

  it("a thread that dies is started again, and its sessions carry on", async () => {
    const c = await sessionOn(0);
    await c.say("I'm looking for a 2 bedroom in Denver");
    const slots = (s.app.chatThreads as unknown as { slots: Array<{ worker?: { terminate(): Promise<number> } }> }).slots;
    await slots[0].worker!.terminate();
    const t = await c.say("tell me about the first one");
    expect(t.sessionId).toBe(c.sessionId);
    expect(t.reply, c.transcript.join("\n")).toMatch(/Denver/);
  }, 60_000);

  it("a conversation staff took over gets no AI reply from its thread", async () => {
    const c = await sessionOn(0);
    s.app.services.conversations.setMode(c.sessionId!, "human");
    const t = await c.say("are you still there?");
    expect(t.mode).toBe("human");
    expect(t.reply).toBeNull();
  });
});
