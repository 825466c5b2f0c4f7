import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient, parseSse } from "./support/chat";
import { FakeOpenAi } from "./support/fake-openai";
import { email } from "./support/mail-fixtures";
import { SmtpSink, toText } from "./support/smtp-sink";
import { adminHeaders, startTestServer, type TestServer } from "./support/test-app";
import { until } from "./support/wait";

const ticketFor = async (s: TestServer, conversationId: string) =>
  ((await s.get("/api/admin/tickets?intent=escalation", adminHeaders)).body.tickets as any[]).filter((t) => t.conversationId === conversationId);
const conversation = async (s: TestServer, id: string) => (await s.get(`/api/admin/conversations/${id}`, adminHeaders)).body.conversation;

describe("escalation to a person (offline model)", () => {
  let s: TestServer;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    s = await startTestServer({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await s?.close();
    await smtp?.down();
  });

  /** Sends one message in a fresh session and returns the turn with the resulting conversation state. */
  async function escalates(message: string) {
    const chat = new ChatClient(s);
    await chat.say("Hi, I'm looking at apartments in Denver");
    const turn = await chat.say(message);
    const c = await conversation(s, chat.sessionId!);
    const tickets = await ticketFor(s, chat.sessionId!);
    return { chat, turn, c, tickets };
  }

  const cases: Array<[string, string, string[]]> = [
    [
      "a request for a person",
      "Asked to talk to a person",
      ["Can I talk to a real person please?", "I'd rather speak with someone from your office", "get me a human agent"],
    ],
    [
      "negotiation of rent or terms",
      "Negotiation of rent or terms",
      ["Is the rent negotiable at Highland Row?", "Would you take $2,400 instead of $2,650 a month?", "can you waive the application fee?"],
    ],
    [
      "a legal or lease-contract question",
      "Legal or lease-contract question",
      [
        "Can you explain the early termination clause in the lease?",
        "My lawyer says keeping my deposit is illegal",
        "what happens if I break my lease after 6 months?",
      ],
    ],
    [
      "a fair-housing topic",
      "Fair-housing or discrimination topic",
      [
        "Do you accept Section 8 vouchers?",
        "I need a reasonable accommodation for my emotional support animal",
        "Is this building only renting to people without kids? That feels like discrimination.",
      ],
    ],
  ];

  for (const [what, reason, messages] of cases) {
    it(`hands ${what} to staff with a reason, a ticket and a notice`, async () => {
      for (const message of messages) {
        const { chat, turn, c, tickets } = await escalates(message);
        expect([message, turn.reply]).toEqual([message, expect.stringMatching(/leasing team|person on our team/)]);
        expect([message, turn.mode]).toEqual([message, "human"]);
        expect([message, c.mode, c.escalation?.reason]).toEqual([message, "human", reason]);
        expect(tickets).toHaveLength(1);
        expect(tickets[0]).toMatchObject({ intent: "escalation", priority: "high", status: "open" });
        expect(tickets[0].summary).toContain(reason);
        // The AI says nothing more until staff hand the conversation back.
        expect((await chat.say("hello?")).reply).toBeNull();
        await until(
          () => smtp.received.some((m) => m.parsed.subject?.includes(reason) && m.parsed.text?.includes(`Ticket #${tickets[0].id}:`)),
          10_000,
          `notice for ${message}`,
        );
      }
    });
  }

  it("answers an emergency with safety guidance and the emergency line first, raises an urgent ticket and alerts maintenance", async () => {
    for (const [message, guidance] of [
      ["I smell gas in the hallway of my building!", /leave the building now.*call 911/],
      ["Water is pouring through my ceiling and the kitchen is flooding", /turn off the water main/],
      ["there's smoke coming from the outlet in my bedroom", /get everyone out and call 911/],
    ] as Array<[string, RegExp]>) {
      const { turn, c, tickets } = await escalates(message);
      expect(turn.reply).toMatch(guidance);
      expect(turn.reply).toContain("Our emergency maintenance line is +15125550901.");
      expect(turn.reply).toMatch(/a person will reply here/);
      expect([c.mode, c.escalation.reason]).toEqual(["human", "Emergency described in chat"]);
      expect(tickets).toEqual([expect.objectContaining({ intent: "escalation", priority: "urgent" })]);
      const notified = tickets[0].stakeholdersNotified.map((x: any) => x.role).sort();
      expect(notified).toEqual(["leasing", "maintenance"]);
      await until(
        () => smtp.received.some((m) => toText(m) === "maintenance@leasing.example" && m.parsed.text?.includes(`Ticket #${tickets[0].id}:`)),
        10_000,
        "maintenance alert",
      );
      const alert = smtp.received.find((m) => toText(m) === "maintenance@leasing.example" && m.parsed.text?.includes(`Ticket #${tickets[0].id}:`))!;
      expect(alert.parsed.subject).toMatch(/^\[URGENT\]/);
      expect(alert.raw.toString("utf8")).toMatch(/^X-Priority: 1/m);
    }
  });

  it("hands over after three turns in a row without progress", async () => {
    const chat = new ChatClient(s);
    const first = await chat.say("blorf zzzt wibble");
    expect(first.mode).toBe("ai");
    expect((await chat.say("qwxv plomb snarf")).mode).toBe("ai");
    expect((await ticketFor(s, chat.sessionId!)).length).toBe(0);
    const third = await chat.say("grob fliz manoot");
    expect(third.mode).toBe("human");
    expect((await conversation(s, chat.sessionId!)).escalation.reason).toBe("No progress in 3 turns in a row");
    expect(await ticketFor(s, chat.sessionId!)).toEqual([expect.objectContaining({ intent: "escalation", priority: "high" })]);
  });

  it("a turn that makes progress resets the count", async () => {
    const chat = new ChatClient(s);
    await chat.say("blorf zzzt wibble");
    await chat.say("qwxv plomb snarf");
    expect((await chat.say("do you have any studios in Denver?")).reply).toContain("Capitol View");
    await chat.say("grob fliz manoot");
    expect((await chat.say("vrrp snoo klat")).mode).toBe("ai");
  });

  it("does not escalate ordinary questions that share words with the triggers", async () => {
    for (const message of [
      "Does Highland Row have a fireplace?",
      "Is the building smoke-free?",
      "what's your pet policy for dogs?",
      "Is parking included in the rent?",
      "How long is the lease term?",
      "Is it in a flood zone?",
      "can I see the lease before signing?",
    ]) {
      const chat = new ChatClient(s);
      const turn = await chat.say(message);
      expect([message, turn.mode]).toEqual([message, "ai"]);
      expect(await ticketFor(s, chat.sessionId!)).toEqual([]);
    }
  });
});

describe("takeover and escalation with the OpenAI model path", () => {
  let fake: FakeOpenAi;
  let s: TestServer;

  beforeAll(async () => {
    fake = await new FakeOpenAi().start();
    s = await startTestServer({
      env: { LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: "gpt-test", MODEL_TIMEOUT_MS: "8000" },
    });
  });
  afterAll(async () => {
    await s?.close();
    await fake?.stop();
  });

  it("a takeover during generation discards the AI reply: nothing is streamed, stored or shown", async () => {
    fake.script = () => ({ content: "Happy to help! What are you looking for?" });
    const chat = new ChatClient(s);
    await chat.say("hello");
    const id = chat.sessionId!;
    const before = fake.requests.length;
    fake.script = () => ({ content: "Highland Row has 2 bedrooms at $2,650. Want to tour it?", delayMs: 1500 });

    const streaming = fetch(`${s.url}/api/chat/stream`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ sessionId: id, message: "any 2 bedrooms in Denver?" }),
    }).then((r) => r.text());
    await until(() => fake.requests.length > before, 5000, "the model call to start");
    const take = await s.post(`/api/admin/conversations/${id}/mode`, { mode: "human" }, adminHeaders);
    expect(take.status).toBe(200);

    const events = parseSse(await streaming);
    expect(events.filter((e) => e.event === "token")).toEqual([]);
    expect(events.at(-1)).toEqual({ event: "done", data: { sessionId: id, reply: null, mode: "human" } });
    const transcript = (await s.get(`/api/admin/conversations/${id}/messages`, adminHeaders)).body.messages.map((m: any) => [m.role, m.text]);
    expect(transcript).toEqual([
      ["user", "hello"],
      ["assistant", "Happy to help! What are you looking for?"],
      ["user", "any 2 bedrooms in Denver?"],
    ]);
    // Even after the model's answer would have arrived, nothing appears.
    await new Promise((r) => setTimeout(r, 1700));
    const widget = (await s.get(`/api/chat/${id}/messages`)).body.messages;
    expect(widget.filter((m: any) => m.role === "assistant")).toHaveLength(1);
  });

  it("a takeover between tool calls stops the turn before the next model call answers", async () => {
    fake.script = (req) => {
      const last = req.messages[req.messages.length - 1];
      if (last.role === "user") return { toolCalls: [{ name: "search_properties", args: { location: "Denver", beds: 2 } }] };
      return { content: "I found Highland Row.", delayMs: 1500 };
    };
    const chat = new ChatClient(s);
    const before = fake.requests.length;
    const pending = chat.say("2 bedrooms in Denver please");
    await until(() => fake.requests.slice(before).some((r) => r.messages.at(-1)?.role === "tool"), 5000, "the second model call");
    const id = s.app.services.conversations
      .list({ channel: "chat" })
      .find(
        (c) => c.lastMessageAt && !c.contact.email && s.app.services.conversations.messages(c.id).some((m) => m.text === "2 bedrooms in Denver please"),
      )!.id;
    await s.post(`/api/admin/conversations/${id}/mode`, { mode: "human" }, adminHeaders);
    const turn = await pending;
    expect(turn).toMatchObject({ sessionId: id, reply: null, mode: "human" });
    const roles = (await s.get(`/api/admin/conversations/${id}/messages`, adminHeaders)).body.messages.map((m: any) => m.role);
    expect(roles).not.toContain("assistant");
  });

  it("hands back with the full history: what was said with staff reaches the model", async () => {
    fake.script = () => ({ content: "Sure — what would you like to know?" });
    const chat = new ChatClient(s);
    await chat.say("hi");
    const id = chat.sessionId!;
    await s.post(`/api/admin/conversations/${id}/mode`, { mode: "human" }, adminHeaders);
    expect((await chat.say("Is the $300 move-in special still running?")).reply).toBeNull();
    await s.post(`/api/admin/conversations/${id}/reply`, { text: "Yes, until December 15th for 12-month leases." }, adminHeaders);
    await s.post(`/api/admin/conversations/${id}/mode`, { mode: "ai" }, adminHeaders);

    const before = fake.requests.length;
    fake.script = () => ({ content: "Great — shall I find tour times?" });
    expect((await chat.say("great, then I'd like a tour")).reply).toBe("Great — shall I find tour times?");
    const sent = fake.requests[before].messages.map((m) => `${m.role}: ${m.content ?? ""}`).join("\n");
    expect(sent).toContain("user: Is the $300 move-in special still running?");
    expect(sent).toMatch(/assistant: \(Reply from .*\) Yes, until December 15th for 12-month leases\./);
    expect(sent).toContain("user: great, then I'd like a tour");
  });

  it("builds the model's instructions from the persona staff saved", async () => {
    const persona = {
      name: "Jules",
      tone: "professional",
      greeting: "Good day, I'm Jules, the automated leasing assistant.",
      customInstruction: "Always mention the free first month on 13-month leases.",
      companyName: "Harbor Point Rentals",
    };
    expect((await s.request("PUT", "/api/admin/persona", persona, adminHeaders)).status).toBe(200);
    fake.script = () => ({ content: "Good day. How may I help?" });
    const before = fake.requests.length;
    await new ChatClient(s).say("hello");
    const system = String(fake.requests[before].messages[0].content);
    expect(fake.requests[before].messages[0].role).toBe("system");
    expect(system).toContain("You are Jules, the automated leasing assistant for Harbor Point Rentals.");
    expect(system).toContain("Staff instruction: Always mention the free first month on 13-month leases.");
    expect(system).not.toContain("Avery");
  });

  it("hands over after repeated tool failures", async () => {
    fake.script = (req) => {
      const last = req.messages[req.messages.length - 1];
      if (last.role === "user") return { toolCalls: [{ name: "check_availability", args: { propertyId: 424242 } }] };
      return { content: "Sorry, I couldn't look that up." };
    };
    const chat = new ChatClient(s);
    expect((await chat.say("tour times for listing 424242?")).mode).toBe("ai");
    expect((await chat.say("try again please")).mode).toBe("ai");
    const third = await chat.say("still nothing?");
    expect(third.mode).toBe("human");
    expect((await conversation(s, chat.sessionId!)).escalation.reason).toBe("Repeated tool failures");
    expect(await ticketFor(s, chat.sessionId!)).toEqual([expect.objectContaining({ intent: "escalation", priority: "high" })]);
    const tools = (await s.get(`/api/admin/conversations/${chat.sessionId}/messages`, adminHeaders)).body.messages.filter((m: any) => m.role === "tool");
    expect(tools.map((m: any) => m.data.ok)).toEqual([false, false, false]);
  });
});

describe("an e-mail conversation taken over by staff", () => {
  let s: TestServer;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await SmtpSink.start();
    s = await startTestServer({ env: { SMTP_URL: smtp.url, MAIL_FROM: "Avery <leasing@localhost>" } });
  });
  afterAll(async () => {
    await s?.close();
    await smtp?.down();
  });

  it("waits for staff on new mail in the thread, and the staff reply goes out threaded", async () => {
    const pipeline = s.app.services.email;
    const first = await pipeline.process(
      Buffer.from(
        email({
          from: "Jordan Lee <jordan.lee@example.com>",
          subject: "Parking at Highland Row",
          body: "Hi, does Highland Row come with a parking spot? Thanks, Jordan",
          id: "park-1@example.com",
        }),
      ),
    );
    expect(first.status).toBe("processed");
    await until(() => smtp.received.some((m) => m.parsed.inReplyTo === "<park-1@example.com>"), 10_000, "the assistant's reply");
    const conversationOf = (key: string) => s.app.repos.inbound.find(key)?.conversationId;
    const conversationId = conversationOf("<park-1@example.com>")!;
    expect(conversationId).toEqual(expect.any(String));
    expect((await conversation(s, conversationId)).channel).toBe("email");

    await s.post(`/api/admin/conversations/${conversationId}/mode`, { mode: "human" }, adminHeaders);
    const aiReply = smtp.received.find((m) => m.parsed.inReplyTo === "<park-1@example.com>")!;
    const second = await pipeline.process(
      Buffer.from(
        email({
          from: "Jordan Lee <jordan.lee@example.com>",
          subject: "Re: Parking at Highland Row",
          body: "Thanks. Could you hold a spot for me if I apply this week?",
          id: "park-2@example.com",
          inReplyTo: aiReply.parsed.messageId,
          references: `<park-1@example.com> ${aiReply.parsed.messageId}`,
        }),
      ),
    );
    expect(second).toMatchObject({ status: "processed", reply: null });
    expect(conversationOf("<park-2@example.com>")).toBe(conversationId);
    await new Promise((r) => setTimeout(r, 500));
    expect(smtp.received.filter((m) => m.parsed.inReplyTo === "<park-2@example.com>")).toEqual([]);
    const list = (await s.get("/api/admin/conversations?channel=email&mode=human", adminHeaders)).body.conversations;
    expect(list.find((c: any) => c.id === conversationId)).toMatchObject({ contact: { email: "jordan.lee@example.com" }, unread: expect.any(Number) });

    const sent = await s.post(
      `/api/admin/conversations/${conversationId}/reply`,
      { text: "Hi Jordan, yes — we can hold a spot for a week once you apply." },
      adminHeaders,
    );
    expect(sent.status).toBe(201);
    await until(() => smtp.received.some((m) => m.parsed.inReplyTo === "<park-2@example.com>"), 10_000, "the staff reply");
    const reply = smtp.received.find((m) => m.parsed.inReplyTo === "<park-2@example.com>")!;
    expect(toText(reply)).toBe("jordan.lee@example.com");
    expect(reply.parsed.subject).toBe("Re: Parking at Highland Row");
    const refs = ([] as string[]).concat(reply.parsed.references ?? []);
    expect(refs).toEqual(expect.arrayContaining(["<park-1@example.com>", aiReply.parsed.messageId, "<park-2@example.com>"]));
    expect(refs.at(-1)).toBe("<park-2@example.com>");
    expect(reply.parsed.text).toContain("Hi Jordan, yes — we can hold a spot for a week once you apply.");

    // The prospect's answer to the staff reply lands in the same conversation.
    const third = await pipeline.process(
      Buffer.from(
        email({
          from: "Jordan Lee <jordan.lee@example.com>",
          subject: "Re: Parking at Highland Row",
          body: "Perfect, thank you!",
          id: "park-3@example.com",
          inReplyTo: reply.parsed.messageId,
        }),
      ),
    );
    expect(third.status).toBe("processed");
    expect(conversationOf("<park-3@example.com>")).toBe(conversationId);
    const roles = (await s.get(`/api/admin/conversations/${conversationId}/messages`, adminHeaders)).body.messages
      .filter((m: any) => m.role !== "tool")
      .map((m: any) => m.role);
    expect(roles).toEqual(["user", "assistant", "user", "staff", "user"]);
  });
});
