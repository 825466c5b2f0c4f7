import { HumanMessage } from "@langchain/core/messages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChatClient, parseSse } from "./support/chat";
import { FakeOpenAi, lastOf } from "./support/fake-openai";
import { adminHeaders, startTestServer, type TestServer } from "./support/test-app";

// The real @langchain/openai client against a local Chat Completions server.
let fake: FakeOpenAi;
let s: TestServer;
beforeAll(async () => {
  fake = await new FakeOpenAi().start();
  s = await startTestServer({
    env: { LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.baseUrl, OPENAI_MODEL: "gpt-test", MODEL_TIMEOUT_MS: "2500" },
  });
});
afterAll(async () => {
  await s.close();
  await fake.stop();
});

describe("OpenAI-compatible model path", () => {
  it("runs a full tool-calling round trip and streams the answer", async () => {
    fake.requests.length = 0;
    fake.script = (req) => {
      const last = req.messages[req.messages.length - 1];
      if (last.role === "user") return { toolCalls: [{ name: "search_properties", args: { location: "Austin", beds: 1, pets: "dog" } }] };
      if (last.role === "tool") return { content: "I found The Alder in East Austin at $1,850 a month. Would you like tour times?" };
      return { content: "?" };
    };
    const res = await fetch(`${s.url}/api/chat/stream`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ message: "1 bedroom in Austin, I have a dog" }),
    });
    const events = parseSse(await res.text());
    const names = events.map((e) => e.event);
    expect(names[0]).toBe("session");
    expect(events.find((e) => e.event === "tool")!.data).toMatchObject({ name: "search_properties", status: "started" });
    const tokens = events.filter((e) => e.event === "token").map((e) => e.data.text);
    expect(tokens.length).toBeGreaterThan(5);
    expect(tokens.join("")).toBe("I found The Alder in East Austin at $1,850 a month. Would you like tour times?");
    expect(events.find((e) => e.event === "options")!.data.options[0]).toMatchObject({ type: "property", label: "The Alder" });
    expect(names.at(-1)).toBe("done");

    expect(fake.requests).toHaveLength(2);
    const [first, second] = fake.requests;
    expect(first.model).toBe("gpt-test");
    expect(first.stream).toBe(true);
    expect(first.tools!.map((t) => t.function.name).sort()).toEqual(
      [
        "book_tour",
        "cancel_tour",
        "check_availability",
        "get_property_details",
        "list_my_tours",
        "open_tour_link",
        "reschedule_tour",
        "save_prospect_info",
        "search_properties",
      ].sort(),
    );
    const search = first.tools!.find((t) => t.function.name === "search_properties")!;
    expect(search.function.parameters).toMatchObject({ type: "object", properties: { location: expect.any(Object), maxRent: expect.any(Object) } });
    expect(first.messages[0].role).toBe("system");
    expect(first.messages[0].content).toMatch(/automated leasing assistant/);
    expect(first.messages[0].content).toContain("<facts>");
    // The tool result is replayed with the id of the call it answers.
    const assistantCall = second.messages.find((m) => m.role === "assistant" && m.tool_calls?.length)!;
    const toolReply = second.messages.find((m) => m.role === "tool")!;
    expect(toolReply.tool_call_id).toBe(assistantCall.tool_calls![0].id);
    expect(toolReply.content).toContain("The Alder");
  });

  it("books through tools for the prospect saved in the session", async () => {
    fake.script = (req) => {
      const last = req.messages[req.messages.length - 1];
      const user = lastOf(req, "user");
      if (last.role === "user" && /book/i.test(user)) {
        return { toolCalls: [{ name: "save_prospect_info", args: { name: "Owen Price", email: "owen@example.com", phone: "512 555 0111" } }] };
      }
      if (last.role === "tool" && /Saved prospect/.test(String(last.content))) {
        return { toolCalls: [{ name: "book_tour", args: { propertyId: 1, start: "2026-11-24T10:00" } }] };
      }
      return { content: "Your tour of The Alder is booked for Tue, Nov 24 at 10:00 AM CST." };
    };
    const c = new ChatClient(s);
    const r = await c.say("Please book The Alder Tuesday at 10am for Owen Price, owen@example.com, 512 555 0111");
    expect(r.reply).toMatch(/booked/);
    const rows = (await s.get("/api/admin/bookings?email=owen@example.com", adminHeaders)).body.bookings;
    expect(rows).toEqual([
      expect.objectContaining({
        propertyId: 1,
        start: "2026-11-24T16:00:00.000Z",
        status: "confirmed",
        user: { name: "Owen Price", email: "owen@example.com", phone: "+15125550111" },
      }),
    ]);
  });

  it("keeps tools scoped to the session even when the model asks for someone else's tour", async () => {
    const owen = (await s.get("/api/admin/bookings?email=owen@example.com", adminHeaders)).body.bookings[0];
    fake.script = (req) => {
      const last = req.messages[req.messages.length - 1];
      if (last.role === "user") return { toolCalls: [{ name: "cancel_tour", args: { bookingId: owen.id } }] };
      return { content: String(last.content) };
    };
    const c = new ChatClient(s);
    const r = await c.say(`I am owen@example.com. Cancel tour ${owen.id}.`);
    expect(r.reply).toMatch(/not one of the tours booked in this conversation/);
    const after = (await s.get("/api/admin/bookings?email=owen@example.com", adminHeaders)).body.bookings[0];
    expect(after.status).toBe("confirmed");
  });

  it("answers a model error with a polite retry message, not a 500, and the session keeps working", async () => {
    fake.script = () => ({ status: 500 });
    const c = new ChatClient(s);
    const failed = await c.say("hello?");
    expect(failed.reply).toMatch(/trouble answering right now/i);
    expect(failed.error?.code).toBe("upstream_unavailable");
    fake.script = () => ({ content: "Hi again! How can I help?" });
    const ok = await c.say("hello again");
    expect(ok.reply).toBe("Hi again! How can I help?");
    const history = (await s.get(`/api/chat/${c.sessionId}/messages`)).body.messages.map((m: any) => m.role);
    expect(history).toEqual(["user", "assistant", "user", "assistant"]);
  });

  it("times out a slow model with the same retry message", async () => {
    fake.script = () => ({ content: "too late", delayMs: 6000 });
    const started = Date.now();
    const r = await s.post("/api/chat/stream", { message: "are you there?" });
    expect(Date.now() - started).toBeLessThan(5000);
    const events = parseSse(r.body);
    expect(events.find((e) => e.event === "error")!.data.code).toBe("timeout");
    expect(events.at(-1)!.data.reply).toMatch(/trouble answering right now/i);
  });

  it("also works without streaming (plain JSON completions)", async () => {
    fake.requests.length = 0;
    fake.script = () => ({ content: "Plain JSON answer." });
    const conv = s.app.services.conversations.start("chat");
    const out = await s.app.agent.invoke({ messages: [new HumanMessage("hi")] }, {
      configurable: { thread_id: conv.id },
      context: { conversationId: conv.id },
    } as never);
    expect(fake.requests[0].stream).toBeFalsy();
    expect(String(out.messages.at(-1)!.content)).toBe("Plain JSON answer.");
  });
});

describe("a conversation in Spanish on the model path", () => {
  it("books through the tools and confirms the tour in Spanish", async () => {
    const slot = (await s.get("/api/properties/21/slots?from=2026-11-26&to=2026-11-26")).body.slots[0];
    fake.script = (req) => {
      const last = req.messages[req.messages.length - 1];
      const tools = req.messages.filter((m) => m.role === "tool").length;
      if (last.role === "user") return { toolCalls: [{ name: "save_prospect_info", args: { name: "Marta Ruiz", email: "marta.ruiz@example.com" } }] };
      if (tools === 1) return { toolCalls: [{ name: "book_tour", args: { propertyId: 21, start: slot.start } }] };
      return { content: "¡Listo! Su visita a Beacon & Vine quedó reservada. Le enviamos la confirmación por correo." };
    };
    const turn = await new ChatClient(s).say("Hola, soy Marta Ruiz, marta.ruiz@example.com. Quiero visitar Beacon & Vine el jueves temprano, por favor.");
    expect(turn.reply).toMatch(/quedó reservada/);
    const [queued] = s.app.repos.outbox.list().filter((m) => m.to === "marta.ruiz@example.com");
    expect(queued).toMatchObject({ kind: "tour_confirmed", payload: expect.objectContaining({ language: "es" }) });
  });
});
