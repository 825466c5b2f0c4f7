import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Dovecot, dovecotAvailable } from "./support/dovecot";
import { email, fixture, requireTool } from "./support/mail-fixtures";
import { calendarPart, icsField, SmtpSink } from "./support/smtp-sink";
import { adminHeaders, startTestServer, type TestServer } from "./support/test-app";
import { until } from "./support/wait";

const run = requireTool(dovecotAvailable(), "Dovecot (IMAP)", "apt-get install -y dovecot-imapd");

describe.runIf(run)("e-mail channel: real Dovecot inbox, real SMTP, offline model", () => {
  let dovecot: Dovecot;
  let smtp: SmtpSink;
  let s: TestServer;

  beforeAll(async () => {
    dovecot = await Dovecot.start();
    smtp = await SmtpSink.start();
    s = await startTestServer({
      env: {
        IMAP_URL: dovecot.url,
        SMTP_URL: smtp.url,
        MAIL_FROM: "Avery <leasing@localhost>",
        MAIL_POLL_MS: "200",
        MAIL_LOOKBACK_DAYS: "7",
        OUTBOX_POLL_MS: "100",
      },
    });
  });
  afterAll(async () => {
    await s?.close();
    await dovecot?.down();
    await smtp?.down();
  });

  const inbound = (key: string) => s.app.repos.inbound.find(key);
  const processed = (key: string) => until(() => ["processed", "ignored", "failed"].includes(inbound(key)?.status ?? ""), 20_000, `message ${key} handled`);
  const repliesTo = (messageId: string) => smtp.received.filter((m) => m.parsed.inReplyTo === messageId);
  const noticesAbout = (ticketId: number) => smtp.received.filter((m) => (m.parsed.subject ?? "").includes(`Ticket #${ticketId}:`));

  it("classifies each kind of message, raises tickets, notifies stakeholders and replies in the thread", async () => {
    await dovecot.deliver(
      fixture("lockout.eml", "a"),
      fixture("leak-html.eml", "a"),
      fixture("rent-latin1.eml", "a"),
      fixture("attachment.eml", "a"),
      email({
        from: "Sofia Alvarez <sofia.alvarez@example.com>",
        subject: "Question",
        body: "Hi, do you know if the pool at Willow Glen is open in winter? No rush.",
        id: "general-a@example.com",
      }),
    );
    const cases: Array<[string, string, string, string]> = [
      ["<lockout-1-a@example.com>", "locked_out", "urgent", "dispatch@keystonelock.example"],
      ["<leak-html-1-a@example.com>", "maintenance", "urgent", "service@milehighmaint.example"],
      ["<rent-latin1-1-a@example.com>", "rent", "high", "accounting@leasing.example"],
      ["<attach-1-a@example.com>", "maintenance", "high", "maintenance@leasing.example"],
      ["<general-a@example.com>", "general", "normal", "leasing-office@leasing.example"],
    ];
    for (const [key] of cases) await processed(key);
    const tickets = (await s.get("/api/admin/tickets", adminHeaders)).body.tickets as any[];
    for (const [key, intent, priority, stakeholder] of cases) {
      const rec = inbound(key)!;
      expect([rec.status, rec.intent, rec.priority], key).toEqual(["processed", intent, priority]);
      const ticket = tickets.find((t) => t.id === rec.ticketId);
      expect(ticket, key).toMatchObject({ intent, priority, status: "open", sourceMessageKey: key });
      expect(ticket.stakeholdersNotified.map((x: any) => x.email)).toContain(stakeholder);
      await until(() => repliesTo(key).length === 1 && noticesAbout(ticket.id).length >= 1, 10_000, `reply and notice for ${key}`);
      const [reply] = repliesTo(key);
      expect(reply.parsed.subject).toMatch(/^Re: /);
      expect(reply.parsed.subject).not.toMatch(/^Re: Re:/);
      expect(reply.parsed.references as string[] | string).toContain(key);
      expect(reply.parsed.text).toContain(`ticket #${ticket.id}`);
      expect(noticesAbout(ticket.id)[0].envelope.to).toEqual([stakeholder]);
    }
    // Tenants are known: their property and unit are on the ticket.
    const lockout = tickets.find((t) => t.sourceMessageKey === "<lockout-1-a@example.com>");
    expect(lockout).toMatchObject({ propertyId: 1, unit: "204", sender: "maria.gonzalez@example.com" });
    expect(noticesAbout(lockout.id)[0].parsed.subject).toMatch(/^\[URGENT\]/);
    // The HTML-only message was read as text; the photo is noted on the ticket.
    expect(tickets.find((t) => t.sourceMessageKey === "<leak-html-1-a@example.com>").summary).toContain("water coming through the ceiling");
    expect(tickets.find((t) => t.sourceMessageKey === "<attach-1-a@example.com>").attachments).toEqual([
      expect.objectContaining({ filename: "leak.jpg", contentType: "image/jpeg" }),
    ]);
    // The ISO-8859-1 subject and body were decoded.
    expect(repliesTo("<rent-latin1-1-a@example.com>")[0].parsed.subject).toBe("Re: Paiement du loyer échoué");
    // Urgent safety guidance for the leak; handled messages are marked read only now.
    expect(repliesTo("<leak-html-1-a@example.com>")[0].parsed.text).toMatch(/turn off the water/i);
    for (let i = 0; i < 50 && (await dovecot.flags()).unseen > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect((await dovecot.flags()).unseen).toBe(0);
  });

  it("does not answer auto-replies or bounces, and records why", async () => {
    await dovecot.deliver(fixture("auto-reply.eml", "b"), fixture("bounce.eml", "b"));
    await processed("<ooo-1-b@example.com>");
    await processed("<bounce-1-b@mail.example.org>");
    expect(inbound("<ooo-1-b@example.com>")).toMatchObject({ status: "ignored", ticketId: null });
    expect(inbound("<bounce-1-b@mail.example.org>")).toMatchObject({ status: "ignored", summary: "No reply: bounce" });
    await new Promise((r) => setTimeout(r, 500));
    expect(repliesTo("<ooo-1-b@example.com>")).toHaveLength(0);
    expect(repliesTo("<bounce-1-b@mail.example.org>")).toHaveLength(0);

    // Without the headers that say so: an out-of-office note and a marketing offer.
    await dovecot.deliver(
      email({
        from: "Pat Green <pgreen@example.com>",
        subject: "Away until Dec 1",
        body: "Thank you for your email. I'm currently travelling with limited access to email and will respond when I return on December 1.",
        id: "ooo-2-b@example.com",
      }),
      email({
        from: "Growth Team <hello@reviewboost.example>",
        subject: "Get 5-star reviews",
        body:
          "Property managers using ReviewBoost see 3x more reviews. Book a demo this week and get your first month free!\n\n" +
          "Unsubscribe: https://reviewboost.example/u",
        id: "promo-1-b@example.com",
      }),
      // A newsletter with a one-click unsubscribe header and no Precedence header or offer words.
      email({
        from: "Austin Renters Weekly <news@austinrenters.example>",
        subject: "This week in Austin housing",
        body: "Five neighbourhoods to watch this winter, and what the new transit line means for renters.",
        id: "news-1-b@austinrenters.example",
        headers: { "List-Unsubscribe": "<https://austinrenters.example/unsub?u=42>" },
      }),
    );
    await processed("<ooo-2-b@example.com>");
    await processed("<promo-1-b@example.com>");
    await processed("<news-1-b@austinrenters.example>");
    expect(inbound("<ooo-2-b@example.com>")).toMatchObject({ status: "ignored", ticketId: null, summary: "No reply: out-of-office note" });
    expect(inbound("<promo-1-b@example.com>")).toMatchObject({ status: "ignored", ticketId: null, summary: "No reply: marketing mail" });
    expect(inbound("<news-1-b@austinrenters.example>")).toMatchObject({
      status: "ignored",
      ticketId: null,
      summary: "No reply: newsletter (List-Unsubscribe)",
    });
    expect(repliesTo("<news-1-b@austinrenters.example>")).toHaveLength(0);
  });

  it("raises the ticket and answers the tour request when one mail has both", async () => {
    await dovecot.deliver(
      email({
        from: "Aiko Tanaka <aiko.tanaka@example.com>",
        subject: "two things",
        body: "Hi! Could I see Mount Tabor Flats on Thursday at 4pm? My lease is up soon.\n\nAlso, my bathroom sink is clogged again.\n\nAiko",
        id: "mix-1-g@example.com",
      }),
    );
    await processed("<mix-1-g@example.com>");
    const rec = inbound("<mix-1-g@example.com>")!;
    expect(rec).toMatchObject({ intent: "maintenance", ticketId: expect.any(Number), bookingId: expect.any(Number) });
    await until(() => repliesTo("<mix-1-g@example.com>").length === 1);
    const text = repliesTo("<mix-1-g@example.com>")[0].parsed.text ?? "";
    expect(text).toMatch(new RegExp(`ticket #${rec.ticketId}`));
    expect(text).toMatch(/Mount Tabor Flats on Thu, Nov 26 at 4:00 PM PST/);
  });

  it("files a new matter raised in an old thread on its own, and opens no ticket for a thank-you", async () => {
    const from = "Sofia Alvarez <sofia.alvarez@example.com>";
    await dovecot.deliver(email({ from, subject: "Gas smell", body: "I smell gas in the kitchen, the stove knobs are all off.", id: "nt-1@example.com" }));
    await processed("<nt-1@example.com>");
    const gas = inbound("<nt-1@example.com>")!;
    expect(gas).toMatchObject({ intent: "maintenance", priority: "urgent" });
    await until(() => repliesTo("<nt-1@example.com>").length === 1);
    const ours = repliesTo("<nt-1@example.com>")[0].parsed.messageId!;
    await dovecot.deliver(
      email({
        from,
        subject: "Re: Gas smell",
        body: "Different question: can I set up a payment plan for December's rent?",
        id: "nt-2@example.com",
        inReplyTo: ours,
        references: `<nt-1@example.com> ${ours}`,
      }),
    );
    await processed("<nt-2@example.com>");
    const rent = inbound("<nt-2@example.com>")!;
    expect(rent).toMatchObject({ intent: "rent", conversationId: gas.conversationId });
    expect(rent.ticketId).not.toBe(gas.ticketId);
    expect(s.app.services.tickets.get(gas.ticketId!).followUps).toBe(0);

    await dovecot.deliver(
      email({ from: "Zoe Park <zoe.park@example.org>", subject: "thank you!", body: "Thanks so much for the quick help today!", id: "ty-1@example.org" }),
    );
    await processed("<ty-1@example.org>");
    expect(inbound("<ty-1@example.org>")).toMatchObject({ status: "processed", ticketId: null });
    await until(() => repliesTo("<ty-1@example.org>").length === 1);
    expect(repliesTo("<ty-1@example.org>")[0].parsed.text).toMatch(/You're welcome/);
  });

  it("books a tour asked for as 'can I see … on Tuesday at 10am', without the word tour", async () => {
    await dovecot.deliver(
      email({
        from: "Ravi Menon <ravi.menon@example.org>",
        subject: "Japantown Terrace",
        body: "Can I see Japantown Terrace on Tuesday at 10am?\n\nRavi",
        id: "see-1-f@example.org",
      }),
    );
    await processed("<see-1-f@example.org>");
    const rec = inbound("<see-1-f@example.org>")!;
    expect(rec).toMatchObject({ intent: "tour_request", ticketId: null, bookingId: expect.any(Number) });
    const bookings = (await s.get("/api/admin/bookings?email=ravi.menon@example.org", adminHeaders)).body.bookings;
    expect(bookings).toEqual([expect.objectContaining({ start: "2026-11-24T18:00:00.000Z", status: "confirmed" })]);
  });

  it("books a tour asked for by e-mail from an unknown sender, with a confirmation and invite", async () => {
    await dovecot.deliver(fixture("tour-request.eml", "c"));
    await processed("<tour-1-c@example.net>");
    const rec = inbound("<tour-1-c@example.net>")!;
    expect(rec).toMatchObject({ status: "processed", intent: "tour_request", ticketId: null });
    expect(rec.bookingId).not.toBeNull();
    const bookings = (await s.get("/api/admin/bookings?email=jamie.rivera@example.net", adminHeaders)).body.bookings;
    expect(bookings).toEqual([
      expect.objectContaining({
        id: rec.bookingId,
        propertyId: 2,
        start: "2026-11-24T21:00:00.000Z",
        status: "confirmed",
        user: expect.objectContaining({ name: "Jamie Rivera" }),
      }),
    ]);
    await until(
      () =>
        repliesTo("<tour-1-c@example.net>").length === 1 &&
        smtp.received.some((m) => /^Tour confirmed: Maple Court Lofts/.test(m.parsed.subject ?? "") && m.envelope.to[0] === "jamie.rivera@example.net"),
    );
    expect(repliesTo("<tour-1-c@example.net>")[0].parsed.text).toMatch(/booked: Maple Court Lofts on Tue, Nov 24 at 3:00 PM CST/);
    const confirmation = smtp.received.find(
      (m) => /^Tour confirmed: Maple Court Lofts/.test(m.parsed.subject ?? "") && m.envelope.to[0] === "jamie.rivera@example.net",
    )!;
    expect(icsField(calendarPart(confirmation), "METHOD")).toBe("REQUEST");
  });

  it("offers times when the request is open-ended, then books from the follow-up in the same thread", async () => {
    await dovecot.deliver(
      email({
        from: "Noor Haddad <noor.haddad@example.org>",
        subject: "Highland Row",
        body: "Hello, is Highland Row available to tour on Thursday afternoon?\n\nThanks, Noor",
        id: "thread-1-d@example.org",
      }),
    );
    await processed("<thread-1-d@example.org>");
    await until(() => repliesTo("<thread-1-d@example.org>").length === 1);
    const offer = repliesTo("<thread-1-d@example.org>")[0];
    expect(offer.parsed.text).toMatch(/Thu, Nov 26 at 12:30 PM MST/);
    expect(inbound("<thread-1-d@example.org>")!.bookingId).toBeNull();

    const ourId = offer.parsed.messageId!;
    await dovecot.deliver(
      email({
        from: "Noor Haddad <noor.haddad@example.org>",
        subject: "Re: Highland Row",
        body:
          "The 12:30 one works for me, thanks!\n\n" +
          "On Mon, Nov 23, 2026 at 2:00 PM Avery <leasing@localhost> wrote:\n" +
          "> Here are open tour times at Highland Row: Thu, Nov 26 at 4:00 PM MST\n" +
          "> Which one works for you?",
        id: "thread-2-d@example.org",
        inReplyTo: ourId,
        references: `<thread-1-d@example.org> ${ourId}`,
      }),
    );
    await processed("<thread-2-d@example.org>");
    const rec = inbound("<thread-2-d@example.org>")!;
    expect(rec.conversationId).toBe(inbound("<thread-1-d@example.org>")!.conversationId);
    expect(rec.intent).toBe("tour_request");
    const bookings = (await s.get("/api/admin/bookings?email=noor.haddad@example.org", adminHeaders)).body.bookings;
    // The quoted "4:00 PM" from our own message was not read as the choice.
    expect(bookings).toEqual([expect.objectContaining({ id: rec.bookingId, propertyId: 10, start: "2026-11-26T19:30:00.000Z" })]);
    await until(() => repliesTo("<thread-2-d@example.org>").length === 1);
    const second = repliesTo("<thread-2-d@example.org>")[0];
    expect(second.parsed.subject).toBe("Re: Highland Row");
    expect(second.parsed.references).toEqual(expect.arrayContaining(["<thread-1-d@example.org>", ourId, "<thread-2-d@example.org>"]));

    // A question that is not about the tour, in the same thread, goes to the office.
    await dovecot.deliver(
      email({
        from: "Noor Haddad <noor.haddad@example.org>",
        subject: "Re: Highland Row",
        body: "One more question: do you allow subletting?",
        id: "thread-3-d@example.org",
        inReplyTo: second.parsed.messageId!,
        references: `<thread-1-d@example.org> ${second.parsed.messageId}`,
      }),
    );
    await processed("<thread-3-d@example.org>");
    expect(inbound("<thread-3-d@example.org>")).toMatchObject({ intent: "general", ticketId: expect.any(Number), bookingId: null });
  });

  const followUpThreadTitle =
    "adds later messages in a thread to the open ticket: more urgent raises it and alerts again, " +
    "'all fixed' calls nobody out, another matter gets its own ticket";
  it(followUpThreadTitle, async () => {
    const from = "Tom Becker <tom.becker@example.com>";
    await dovecot.deliver(
      email({
        from,
        subject: "Bathroom sink",
        body: "Hi, the bathroom sink in my unit has been dripping for a few days. Could someone take a look?\n\nTom",
        id: "fu-1@example.com",
      }),
    );
    await processed("<fu-1@example.com>");
    const first = inbound("<fu-1@example.com>")!;
    expect(first).toMatchObject({ intent: "maintenance", priority: "normal", ticketId: expect.any(Number) });
    const ticketId = first.ticketId!;
    // The maintenance contact hears about the new ticket once.
    await until(() => repliesTo("<fu-1@example.com>").length === 1 && noticesAbout(ticketId).length === 1);
    const noticesBefore = 1;

    const reply = (id: string, body: string, parent: string) => {
      const ours = repliesTo(parent)[0].parsed.messageId!;
      return email({ from, subject: "Re: Bathroom sink", body, id, inReplyTo: ours, references: `<fu-1@example.com> ${ours}` });
    };
    const worse = "Any update? It's getting worse — water is now pooling under the cabinet and leaking into the hallway.";
    await dovecot.deliver(reply("fu-2@example.com", worse, "<fu-1@example.com>"));
    await processed("<fu-2@example.com>");
    expect(inbound("<fu-2@example.com>")).toMatchObject({ ticketId, priority: "urgent", conversationId: first.conversationId });
    const raised = s.app.services.tickets.get(ticketId);
    expect(raised).toMatchObject({ priority: "urgent", followUps: 1, lastFollowUp: expect.stringContaining("pooling") });
    await until(() => repliesTo("<fu-2@example.com>").length === 1 && noticesAbout(ticketId).length === noticesBefore + 1);
    expect(repliesTo("<fu-2@example.com>")[0].parsed.text).toMatch(new RegExp(`added it to ticket #${ticketId} and raised it to urgent`));
    expect(noticesAbout(ticketId).at(-1)!.parsed.subject).toMatch(/^\[URGENT\] Follow-up on Ticket #/);

    await dovecot.deliver(reply("fu-3@example.com", "The plumber came and fixed it, all good now. Thanks!", "<fu-2@example.com>"));
    await processed("<fu-3@example.com>");
    expect(inbound("<fu-3@example.com>")).toMatchObject({ ticketId });
    await until(() => repliesTo("<fu-3@example.com>").length === 1);
    expect(repliesTo("<fu-3@example.com>")[0].parsed.text).toMatch(/glad it's sorted/);
    expect(s.app.services.tickets.get(ticketId)).toMatchObject({ followUps: 2, priority: "urgent" });
    expect(noticesAbout(ticketId).length).toBe(noticesBefore + 1);

    await dovecot.deliver(reply("fu-4@example.com", "Separate question: my rent payment bounced this month, can you check my balance?", "<fu-3@example.com>"));
    await processed("<fu-4@example.com>");
    const rent = inbound("<fu-4@example.com>")!;
    expect(rent).toMatchObject({ intent: "rent" });
    expect(rent.ticketId).not.toBe(ticketId);
    expect(
      s.app.services.tickets
        .list({ conversationId: first.conversationId! })
        .map((t) => t.intent)
        .sort(),
    ).toEqual(["maintenance", "rent"]);

    // The maintenance contact reports back from another address of theirs: an update on the
    // ticket (the notice's thread), never a new call-out to themselves.
    const notice = noticesAbout(ticketId)[0];
    await dovecot.deliver(
      email({
        from: "Jo at Mile High <jo@milehighmaint.example>",
        subject: `Re: ${notice.parsed.subject}`,
        body: "Tech replaced the trap, sink drains fine now. Invoice to follow.",
        id: "fu-5@example.com",
        inReplyTo: notice.parsed.messageId!,
        references: notice.parsed.messageId!,
      }),
    );
    await processed("<fu-5@example.com>");
    expect(inbound("<fu-5@example.com>")).toMatchObject({ ticketId, conversationId: first.conversationId });
    await until(() => repliesTo("<fu-5@example.com>").length === 1);
    // Our reply to the contact quotes the notice's subject; no new notice went out.
    expect(noticesAbout(ticketId).filter((m) => !/^Re:/.test(m.parsed.subject ?? "")).length).toBe(noticesBefore + 1);
    expect(s.app.services.tickets.get(ticketId).followUps).toBe(3);
  });

  it("treats instructions inside an e-mail as text: identity, tours and CC stay as they are", async () => {
    const alice = (await s.get("/api/admin/bookings?email=alice@example.com", adminHeaders)).body.bookings;
    await dovecot.deliver(fixture("injection.eml", "e"));
    await processed("<inject-1-e@evil.example>");
    await until(() => repliesTo("<inject-1-e@evil.example>").length === 1);
    const reply = repliesTo("<inject-1-e@evil.example>")[0];
    expect(reply.envelope.to).toEqual(["mallory@evil.example"]);
    expect(reply.parsed.cc).toBeUndefined();
    expect(smtp.received.some((m) => m.envelope.to.includes("attacker@evil.example"))).toBe(false);
    expect((await s.get("/api/admin/bookings?email=alice@example.com", adminHeaders)).body.bookings).toEqual(alice);
    expect(inbound("<inject-1-e@evil.example>")!.priority).not.toBe("urgent");
  });

  it("records a malformed message as failed and keeps working", async () => {
    await dovecot.deliver("Subject: no sender here\r\n\r\nbody without headers that matter\r\n");
    await until(() => s.app.repos.inbound.list("failed").some((r) => r.lastError?.includes("no sender")), 10_000);
    await dovecot.deliver(
      email({ from: "Ben Walsh <ben.walsh@example.com>", subject: "hello", body: "Is the application fee refundable?", id: "after-bad-f@example.com" }),
    );
    await processed("<after-bad-f@example.com>");
    expect(inbound("<after-bad-f@example.com>")!.status).toBe("processed");
  });

  it("never handles a message twice, even when the pipeline sees it again", async () => {
    const raw = Buffer.from(fixture("lockout.eml", "g"));
    const first = await s.app.services.email.process(raw);
    const again = await s.app.services.email.process(raw);
    expect(first.status).toBe("processed");
    expect(again.status).toBe("duplicate");
    expect(again.ticketId).toBe(first.ticketId);
    await until(() => repliesTo("<lockout-1-g@example.com>").length === 1);
    await new Promise((r) => setTimeout(r, 400));
    expect(repliesTo("<lockout-1-g@example.com>")).toHaveLength(1);
  });
});
