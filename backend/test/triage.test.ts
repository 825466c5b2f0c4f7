import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { EmergencyKind, EscalationKind } from "../src/domain/triage/triage";
import { ChatClient } from "./support/chat";
import { FakeOpenAi } from "./support/fake-openai";
import { email } from "./support/mail-fixtures";
import { startTestServer, type TestServer } from "./support/test-app";

/** One shared set of cases: what the triage finds in a message, whichever channel it comes by. */
const CASES = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures/triage-cases.json"), "utf8")) as Array<{
  text: string;
  lang: "en" | "es";
  escalation: EscalationKind | null;
  emergency?: EmergencyKind;
}>;

describe("the shared safety triage", () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(() => s.close());

  it("reads every case of the shared set as written", async () => {
    const triage = s.app.triage;
    const got = await Promise.all(CASES.map(async (c) => ({ text: c.text, ...(await triage.assess(c.text, c.lang)) })));
    expect(got.map((g) => [g.text, g.escalation, g.emergency ?? undefined])).toEqual(
      CASES.map((c) => [c.text, c.escalation, c.escalation === "emergency" ? c.emergency : undefined]),
    );
  });

  it("escalates in chat exactly what it escalates: emergencies with safety guidance in the person's language", async () => {
    for (const c of CASES) {
      const chat = new ChatClient(s);
      const turn = await chat.say(c.text);
      expect([c.text, turn.mode]).toEqual([c.text, c.escalation ? "human" : "ai"]);
      if (c.escalation !== "emergency") continue;
      const line =
        c.lang === "es"
          ? /Nuestra línea de mantenimiento de emergencia es \+15125550901\. Ya avisé/
          : /Our emergency maintenance line is \+15125550901\. I've alerted/;
      expect([c.text, turn.reply]).toEqual([c.text, expect.stringMatching(line)]);
    }
  });

  it("makes a mail reporting an emergency urgent, and never a mail that does not", async () => {
    for (const [i, c] of CASES.entries()) {
      const out = await s.app.services.email.process(
        Buffer.from(email({ from: "Priya Raman <priya.raman@example.com>", subject: "note", body: c.text, id: `triage-${i}@example.com` })),
      );
      expect([c.text, out.priority === "urgent"]).toEqual([c.text, c.escalation === "emergency"]);
    }
  });
});

describe("the triage on the model path", () => {
  let s: TestServer;
  let fake: FakeOpenAi;
  beforeAll(async () => {
    fake = await new FakeOpenAi().start();
    // A model that reads everything as a routine enquiry.
    fake.script = (req) =>
      req.tools?.some((t) => t.function.name === "classify_email")
        ? { toolCalls: [{ name: "classify_email", args: { intent: "general", priority: "low", summary: "A note", actionRequired: "Reply." } }] }
        : { content: "Thanks for letting me know! Anything else I can help with?" };
    s = await startTestServer({ env: { LLM_PROVIDER: "openai", OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.baseUrl } });
  });
  afterAll(async () => {
    await s.close();
    await fake.stop();
  });

  it("overrides the model: an emergency by chat is handed to staff, and one by mail is urgent", async () => {
    const turn = await new ChatClient(s).say("there's smoke coming from the outlet in my bedroom");
    expect(turn.mode).toBe("human");
    expect(turn.reply).toMatch(/get everyone out and call 911/);
    const out = await s.app.services.email.process(
      Buffer.from(
        email({
          from: "Priya Raman <priya.raman@example.com>",
          subject: "kitchen",
          body: "I smell gas in the kitchen, it's strong",
          id: "model-gas@example.com",
        }),
      ),
    );
    expect(out).toMatchObject({ intent: "maintenance", priority: "urgent" });
    const routine = await s.app.services.email.process(
      Buffer.from(
        email({ from: "Priya Raman <priya.raman@example.com>", subject: "parking", body: "Is there guest parking on weekends?", id: "model-park@example.com" }),
      ),
    );
    expect(routine.priority).toBe("low");
  });
});
