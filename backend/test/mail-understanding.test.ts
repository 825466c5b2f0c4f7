import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type App, buildApp } from "../src/main";
import { IntentClassifier } from "../src/nlu/intent-classifier";
import { email } from "./support/mail-fixtures";
import { testConfig } from "./support/test-app";

const tenant = { name: "Tom Becker", email: "tom.becker@example.com", isTenant: true, property: "Larimer Lofts", unit: "5" };

describe("reading mail", () => {
  let app: App;
  beforeAll(async () => {
    app = await buildApp(testConfig());
  });
  afterAll(() => app.close());
  const read = (subject: string, text: string) => app.understanding.classify({ subject, text, sender: tenant, month: 11 });

  it("files the main matter, not a passing aside, and notes the aside", async () => {
    const plan = await read(
      "Payment plan for December",
      "Hi, I lost some hours at work and I can't pay the full rent on the 1st. Could I pay half now and half on the 15th? " +
        "I can send proof of income. Also the closet hinge squeaks, no rush on that.\n\nTom",
    );
    expect(plan).toMatchObject({ intent: "rent", language: "en", emergency: null });
    expect(plan.priority).not.toBe("urgent");
    expect(plan.asides).toContain("maintenance");
  });

  it("reads lock-outs and emergencies as urgent, a false alarm as not", async () => {
    expect(await read("help", "I locked myself out of unit 5, my keys are inside on the counter")).toMatchObject({ intent: "locked_out", priority: "urgent" });
    expect(await read("smell", "There's a strong smell of gas in the stairwell on my floor")).toMatchObject({
      intent: "maintenance",
      priority: "urgent",
      emergency: "gas",
    });
    const portal = await read("portal", "I'm locked out of the payment portal, it says my password expired. Can you reset it?");
    expect(portal.priority).not.toBe("urgent");
    expect(portal.intent).not.toBe("locked_out");
  });

  it("files an emergency as maintenance whatever words it shares with a lock-out, and someone shut in as a lock-out", async () => {
    const co = await read(
      "CO alarm - we feel dizzy",
      "The carbon monoxide alarm in the living room keeps going off and my daughter and I are dizzy with headaches. We're outside on the street now.",
    );
    expect(co).toMatchObject({ intent: "maintenance", priority: "urgent", emergency: "co" });
    const baby = await read("locked out", "I'm locked out of unit 5 and my baby is alone inside asleep in her crib. I have no key, please come now.");
    expect(baby.priority).toBe("urgent");
    expect(baby.intent).toBe("locked_out");
  });

  it("reads a note of thanks, or that a problem is over, as general and low", async () => {
    for (const [subject, text] of [
      ["Thank you!", "Thank you so much for the quick help yesterday, really appreciate it."],
      ["Re: leak", "All fixed now, the plumber came this morning. Thanks for sending him so quickly!"],
      ["¡Gracias!", "Muchas gracias por arreglar la calefacción tan rápido."],
    ]) {
      expect(await read(subject, text)).toMatchObject({ intent: "general", priority: "low", emergency: null });
    }
  });

  it("reads Spanish mail in Spanish", async () => {
    const c = await read("Fuga", "Hola, el lavabo del baño gotea desde ayer y ya hay un charco pequeño. ¿Pueden mandar a alguien? Gracias");
    expect(c).toMatchObject({ intent: "maintenance", language: "es" });
  });

  it("tells what a reply in a thread does: the problem is over, a chaser, a tour reply, thanks, or something new", async () => {
    expect(await app.understanding.followUpOf("The plumber came and fixed it, all good now. Thanks!")).toBe("resolved");
    expect(await app.understanding.followUpOf("any update? still waiting")).toBe("chaser");
    expect(await app.understanding.followUpOf("The 12:30 one works for me, thanks!")).toBe("tour");
    expect(await app.understanding.followUpOf("Thanks so much for the quick help today!")).toBe("gratitude");
    expect(await app.understanding.followUpOf("The fix didn't hold, the dishwasher is leaking again")).toBe("other");
  });
});

describe("replies to mail", () => {
  let app: App;
  beforeAll(async () => {
    app = await buildApp(testConfig());
  });
  afterAll(() => app.close());
  const replyTo = async (id: string, from: string, subject: string, body: string) => {
    await app.services.email.process(Buffer.from(email({ from, subject, body, id })));
    return app.repos.outbox.list().find((m) => m.kind === "email_reply" && m.inReplyTo === `<${id}>`)!;
  };

  it("answers in Spanish a mail written in Spanish, with the safety steps of the emergency it reports", async () => {
    const leak = await replyTo(
      "es-leak@example.com",
      "Sofia Alvarez <sofia.alvarez@example.com>",
      "Se inunda el baño",
      "Hola, está saliendo muchísima agua del techo del baño y ya se está inundando todo el piso. ¡Ayuda!",
    );
    expect(leak.text).toMatch(/^Hola, Sofia:/);
    expect(leak.text).toMatch(/como emergencia/);
    expect(leak.text).toMatch(/cierre la llave de paso/);
    expect(leak.text).toMatch(/asistente automático de arrendamiento/);
  });

  it("acknowledges an aside besides the main matter it files", async () => {
    const plan = await replyTo(
      "aside-1@example.com",
      "Tom Becker <tom.becker@example.com>",
      "Payment plan",
      "Hi, I can't pay the full rent on the 1st this month. Could I pay half now and half on the 15th? Also the closet door hinge squeaks a bit.",
    );
    expect(plan.text).toMatch(/message about rent/);
    expect(plan.text).toMatch(/I've also noted what you wrote about the repair/);
  });
});

describe("the intent classifier", () => {
  it("gives no intent to a text made only of words no example has, and scores a close one high", async () => {
    const c = await IntentClassifier.train({ en: { pets: ["do you allow dogs", "is it cat friendly"], parking: ["is there parking", "where do I park"] } });
    expect(await c.classify("zxqv blorf", "en")).toEqual([]);
    const [top] = await c.classify("do you allow big dogs?", "en");
    expect(top.intent).toBe("pets");
    expect(top.score).toBeGreaterThan(0.8);
  });
});
