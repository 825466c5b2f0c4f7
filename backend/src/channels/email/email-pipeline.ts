import { createHash } from "node:crypto";
import { type AIMessage, type BaseMessage, HumanMessage } from "@langchain/core/messages";
import type { Logger } from "pino";
import type { LeasingAgent } from "../../agent/leasing-agent";
import type { Persona } from "../../agent/persona";
import type { SqliteInboundRepository, SqliteMailThreadRepository } from "../../db/inbound-repository";
import { toLocalString } from "../../domain/availability/slot-math";
import type { BookingService, TransactionRunner } from "../../domain/bookings/booking-service";
import type { ConversationService } from "../../domain/conversations/conversation-service";
import type { PropertyService } from "../../domain/properties/property-service";
import type { Stakeholder, Ticket } from "../../domain/tickets/ticket";
import type { TicketService } from "../../domain/tickets/ticket-service";
import type { EmergencyKind } from "../../domain/triage/triage";
import { greetingName, normalizeName, tidyPersonName } from "../../domain/users/contact-validation";
import type { User } from "../../domain/users/user";
import type { UserService } from "../../domain/users/user-service";
import { newMessageId } from "../../mail/booking-mailer";
import type { MailOutbox } from "../../mail/outgoing-mail";
import { detectLanguage, replyLanguage } from "../../nlu/language";
import type { Clock } from "../../shared/clock";
import { withDeadline } from "../../shared/deadline";
import { ACTIONS, type Classification, type Classifier } from "./classifier";
import {
  agentReplyText,
  courtesyText,
  followUpReplyText,
  type ReplyLanguage,
  replyReferences,
  replySubject,
  stakeholderNotice,
  textToHtml,
  ticketReplyText,
  withTourAnswer,
} from "./email-replies";
import { noReplyReason } from "./loop-guard";
import type { MailReading, MailUnderstanding } from "./mail-understanding";
import { type InboundEmail, parseEmail } from "./parse-email";

export interface EmailPipelineDeps {
  tx: TransactionRunner;
  inbound: SqliteInboundRepository;
  threads: SqliteMailThreadRepository;
  outbox: MailOutbox;
  conversations: ConversationService;
  users: UserService;
  properties: PropertyService;
  bookings: BookingService;
  tickets: TicketService;
  agent: LeasingAgent;
  classifier: Classifier;
  /** The offline reading of mail: the fallback classifier, the shared triage, and replies in a thread. */
  understanding: MailUnderstanding;
  persona: () => Persona;
  clock: Clock;
  from: { name: string; address: string };
  notifyMode: "notice" | "cc";
  modelTimeoutMs: number;
  /** Attempts before a message that keeps failing is marked failed (with a ticket for staff). */
  maxAttempts: number;
  /** Called with each new ticket after commit (for example to export it). */
  onTicket?: (t: Ticket) => void;
  log: Logger;
}

export interface EmailOutcome {
  messageId: string | null;
  key: string;
  status: "processed" | "ignored" | "failed" | "duplicate";
  intent: string | null;
  priority: string | null;
  summary: string | null;
  ticketId: number | null;
  bookingId: number | null;
  reply: { to: string; cc: string | null; subject: string; inReplyTo: string | null } | null;
  reason?: string;
}

function firstNameOf(user: User | undefined, mail: InboundEmail): string {
  const name = user?.name ?? (mail.from?.name ? tidyPersonName(mail.from.name) : null) ?? "";
  return name.includes("@") ? "there" : greetingName(name);
}

/** A display name for a sender we do not know: the From name, or the address's local part. */
export function nameFromAddress(from: { name: string; address: string }): string {
  const display = tidyPersonName(from.name);
  if (display && !display.includes("@")) return display;
  const local = from.address
    .split("@")[0]
    .replace(/[._-]+/g, " ")
    .replace(/\d+/g, " ")
    .trim();
  return normalizeName(local.replace(/\b\w/g, (c) => c.toUpperCase())) ?? "Guest";
}

const PUBLIC_MAIL =
  /^(?:gmail|googlemail|yahoo|hotmail|outlook|live|msn|icloud|me|mac|aol|proton|protonmail|pm|gmx|mail|yandex|zoho|comcast|verizon|att|sbcglobal)\./i;

/** One of our contacts (a locksmith, a contractor): by address, or by their company's own domain. */
function contactOf(stakeholders: Stakeholder[], address: string): Stakeholder | undefined {
  const a = address.toLowerCase();
  const exact = stakeholders.find((s) => s.email.toLowerCase() === a);
  if (exact) return exact;
  const domain = a.split("@")[1] ?? "";
  if (!domain || PUBLIC_MAIL.test(domain)) return undefined;
  // The office's own domain is ours, not a contractor's.
  return stakeholders.find((s) => s.role !== "leasing" && s.role !== "accounting" && s.email.toLowerCase().split("@")[1] === domain);
}

/** A ticket reply with the assistant's answer to a tour request made in the same mail. */
function messageText(m: BaseMessage): string {
  return typeof m.content === "string" ? m.content : m.content.map((c) => ("text" in c ? String(c.text) : "")).join("");
}

/**
 * One inbound e-mail, start to finish: parsed, recorded before anything else, tied to its
 * sender and thread, classified, turned into a ticket and/or a booking, stakeholders told,
 * and a threaded reply queued. The outcome commits in one transaction; a message that was
 * already handled is recognised and left alone, so processing is idempotent.
 */
export class EmailPipeline {
  constructor(private readonly d: EmailPipelineDeps) {}

  async process(raw: Buffer, meta: { mailbox?: string; uid?: number; uidValidity?: string } = {}): Promise<EmailOutcome> {
    const now = () => this.d.clock.now().toISOString();
    let mail: InboundEmail;
    try {
      mail = await parseEmail(raw);
      if (!mail.from) throw new Error("the message has no sender address");
    } catch (err) {
      const key = `sha256:${createHash("sha256").update(raw).digest("hex")}`;
      const reason = `unreadable message: ${err instanceof Error ? err.message : String(err)}`;
      const { record, fresh } = this.d.inbound.begin({ key, messageId: null, ...meta }, now());
      if (fresh || record.status === "processing") this.d.inbound.finish(key, { status: "failed", error: reason }, now());
      this.d.log.warn({ key, reason }, "mail: message could not be read");
      return { messageId: null, key, status: "failed", intent: null, priority: null, summary: null, ticketId: null, bookingId: null, reply: null, reason };
    }

    const { record, fresh } = this.d.inbound.begin(
      { key: mail.key, messageId: mail.messageId, ...meta, from: mail.from!.address, subject: mail.subject },
      now(),
    );
    if (!fresh && record.status !== "processing") {
      return {
        messageId: mail.messageId,
        key: mail.key,
        status: "duplicate",
        intent: record.intent,
        priority: record.priority,
        summary: record.summary,
        ticketId: record.ticketId,
        bookingId: record.bookingId,
        reply: null,
      };
    }
    if (record.attempts >= this.d.maxAttempts) return this.giveUp(mail, record.lastError ?? "repeated failures");

    try {
      return await this.handle(mail, record.conversationId);
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err);
      this.d.inbound.recordError(mail.key, reason);
      this.d.log.error({ err, key: mail.key }, "mail: processing failed");
      if (record.attempts + 1 >= this.d.maxAttempts) return this.giveUp(mail, reason);
      throw err;
    }
  }

  /** Marks a message failed after bounded retries and raises a ticket so staff see it. */
  private giveUp(mail: InboundEmail, reason: string): EmailOutcome {
    const sender = mail.from?.address ?? "unknown sender";
    const ticket = this.d.tx.run(() => {
      const t = this.d.tickets.create({
        intent: "general",
        priority: "high",
        summary: `Could not process e-mail from ${sender}: ${mail.subject || "(no subject)"}`.slice(0, 240),
        actionRequired: `Read and answer this e-mail by hand. Processing failed: ${reason}`.slice(0, 500),
        userId: null,
        sender,
        propertyId: null,
        unit: null,
        sourceMessageKey: mail.key,
        conversationId: null,
        stakeholdersNotified: [],
        attachments: mail.attachments,
      });
      this.d.inbound.finish(mail.key, { status: "failed", ticketId: t.id, error: reason, summary: t.summary }, this.d.clock.now().toISOString());
      return t;
    });
    this.d.onTicket?.(ticket);
    return {
      messageId: mail.messageId,
      key: mail.key,
      status: "failed",
      intent: "general",
      priority: "high",
      summary: ticket.summary,
      ticketId: ticket.id,
      bookingId: null,
      reply: null,
      reason,
    };
  }

  private async handle(mail: InboundEmail, earlierConversation: string | null): Promise<EmailOutcome> {
    const d = this.d;
    const from = mail.from!;
    const knownSender = Boolean(d.users.findByEmail(from.address) ?? contactOf(d.tickets.stakeholderList(), from.address));
    const ignore = noReplyReason(mail, [d.from.address], { knownSender });
    if (ignore) {
      d.inbound.finish(mail.key, { status: "ignored", summary: `No reply: ${ignore}` }, d.clock.now().toISOString());
      d.log.info({ key: mail.key, reason: ignore }, "mail: not answered");
      return {
        messageId: mail.messageId,
        key: mail.key,
        status: "ignored",
        intent: null,
        priority: null,
        summary: `No reply: ${ignore}`,
        ticketId: null,
        bookingId: null,
        reply: null,
        reason: ignore,
      };
    }

    // Who wrote, and in which conversation. Identity is the From address, whatever the text claims.
    const known = d.users.findByEmail(from.address);
    const property = known?.propertyId ? d.properties.find(known.propertyId) : undefined;
    const threadIds = [mail.inReplyTo, ...[...mail.references].reverse()].filter((x): x is string => Boolean(x));
    const conversationId = earlierConversation ?? d.threads.conversationFor(threadIds) ?? d.conversations.start("email", mail.subject || null).id;
    if (mail.messageId) d.threads.remember(mail.messageId, conversationId);
    const thread = d.conversations.get(conversationId);
    if (!thread.facts.contact?.email)
      d.conversations.updateFacts(conversationId, { contact: { name: known?.name ?? nameFromAddress(from), email: from.address } });
    if (thread.mode === "human") return this.waitForStaff(mail, conversationId);
    const continuingTour = d.inbound.list().some((r) => r.conversationId === conversationId && r.intent === "tour_request" && r.messageKey !== mail.key);

    // Classify: the model when configured; the offline rules if it fails.
    const input = {
      subject: mail.subject,
      text: mail.text || mail.fullText.slice(0, 4000),
      sender: { name: known?.name ?? from.name ?? "", email: from.address, isTenant: known?.role === "tenant", property: property?.name, unit: known?.unit },
      month: Number(toLocalString(d.clock.now(), property?.timezone ?? "UTC").slice(5, 7)),
    };
    let classification: Classification;
    let modelError: string | undefined;
    try {
      classification = await d.classifier.classify(input);
    } catch (err) {
      modelError = err instanceof Error ? err.message : String(err);
      d.log.warn({ key: mail.key, err: modelError }, "mail: model classification failed; using the offline rules");
      classification = await d.understanding.classify(input);
    }
    // An emergency is one whichever classifier read the mail: the shared triage decides.
    const emergency = await d.understanding.emergencyIn(mail.subject, input.text);
    if (emergency && classification.priority !== "urgent") {
      const intent = classification.intent === "locked_out" ? "locked_out" : "maintenance";
      classification = { ...classification, intent, priority: "urgent", actionRequired: ACTIONS[intent].urgent };
    }
    const followUp = await d.understanding.followUpOf(input.text);
    // Answered in the language the sender wrote in (English or Spanish).
    const language = replyLanguage(detectLanguage(`${mail.subject}\n${input.text}`));
    // The assistant's tools read it too: a tour booked from this mail is confirmed in this language.
    if (d.conversations.get(conversationId).facts.language !== language) d.conversations.updateFacts(conversationId, { language });
    const asides = "asides" in classification ? (classification as MailReading).asides : [];
    // One of our own contacts (a locksmith, a contractor) reporting back: an update for the
    // office on the matter, never a new call-out to themselves.
    const contact = contactOf(d.tickets.stakeholderList(), from.address);
    if (contact) {
      classification = {
        intent: "general",
        priority: "normal",
        summary: `Update from ${contact.name}: ${classification.summary.replace(/^[^:]*:\s*/, "")}`.slice(0, 240),
        actionRequired: "Read the contact's update and close or follow up on the ticket.",
      };
    }
    // In a thread about a tour, a reply about times, the booking or a change of plans goes to the
    // assistant; anything else ("do you allow subletting?") goes to the office like any question.
    if (continuingTour && (classification.intent === "tour_request" || (classification.intent === "general" && followUp === "tour"))) {
      classification = { ...classification, intent: "tour_request", priority: "normal" };
    }

    // Tour requests go through the same agent and tools as the chat, for the sender only.
    let answer: string | undefined;
    let agentError: string | undefined;
    let user = known;
    // A mail mainly about something else that also asks to see a listing: the ticket, and the
    // assistant answers the tour part too.
    let tourAside =
      classification.intent !== "tour_request" && classification.priority !== "urgent" ? await d.understanding.tourRequestPart(input.text) : undefined;
    // A tour request that also raises a repair, a rent question or a lock-out: the ticket for that,
    // and the assistant answers the tour part.
    if (classification.intent === "tour_request" && !continuingTour) {
      const rest = await d.understanding.otherThanTour(input);
      const part = rest ? await d.understanding.tourRequestPart(input.text) : undefined;
      if (rest && part) {
        classification = rest;
        tourAside = part;
      }
    }
    if (classification.intent === "tour_request" || tourAside) {
      if (!user) user = d.users.upsertProspect({ name: nameFromAddress(from), email: from.address });
      const conversation = d.conversations.get(conversationId);
      if (conversation.userId !== user.id) d.conversations.linkUser(conversationId, user.id);
      if (!conversation.facts.contact?.email)
        d.conversations.updateFacts(conversationId, { contact: { name: user.name, email: user.email, ...(user.phone ? { phone: user.phone } : {}) } });
      try {
        answer = await this.runAgent(conversationId, mail, tourAside);
      } catch (err) {
        agentError = err instanceof Error ? err.message : String(err);
        d.log.warn({ key: mail.key, err: agentError }, "mail: assistant failed on a tour request");
      }
    }
    const booking = d.bookings.findBySourceRef(mail.key);

    const persona = d.persona();
    // Our own contacts are greeted plainly, not by the first word of a company name.
    const firstName = contact ? "there" : firstNameOf(user, mail);
    // "Thanks so much!" with nothing asked: a kind word back, no ticket for anyone to close.
    const courtesyOnly = followUp === "gratitude" && !modelError && !input.text.includes("?");
    const needsTicket =
      (classification.intent !== "tour_request" || (agentError !== undefined && !tourAside) || modelError !== undefined) &&
      !(courtesyOnly && !d.tickets.list({ conversationId }).some((t) => t.status !== "closed"));
    // A later message in a thread with an open ticket ("any update?", "now it's pooling under the
    // sink", "the locksmith came") joins that ticket rather than opening another.
    const resolved = followUp === "resolved";
    const joins =
      needsTicket && classification.intent !== "tour_request"
        ? this.openTicketToJoin(conversationId, classification, resolved, contact, followUp === "chaser")
        : undefined;
    const lastWasFix = joins?.lastFollowUp ? (await d.understanding.followUpOf(joins.lastFollowUp)) === "resolved" : false;
    const replyMessageId = newMessageId(d.from.address);
    const subject = replySubject(mail.subject);
    const references = replyReferences(mail.references, mail.messageId);

    const committed = d.tx.run(() => {
      if (joins)
        return this.recordFollowUp({
          mail,
          joins,
          classification,
          resolved,
          conversationId,
          firstName,
          persona,
          property: property?.name ?? null,
          subject,
          references,
          replyMessageId,
          fromContact: contact !== undefined,
          lastWasFix,
          language,
          emergency,
        });
      const stakeholders: Stakeholder[] = needsTicket ? d.tickets.stakeholdersFor(classification.intent, property?.id ?? null) : [];
      const ticket = needsTicket
        ? d.tickets.create({
            intent: classification.intent,
            priority: classification.priority,
            summary: classification.summary,
            actionRequired: [
              classification.actionRequired,
              modelError ? `Classified by the offline rules because the model failed (${modelError.slice(0, 120)}); please check it.` : "",
              agentError ? "The assistant could not answer this tour request; reply by hand." : "",
            ]
              .filter(Boolean)
              .join(" "),
            userId: user?.id ?? null,
            sender: from.address,
            propertyId: property?.id ?? null,
            unit: known?.unit ?? null,
            sourceMessageKey: mail.key,
            conversationId,
            stakeholdersNotified: stakeholders.map((s) => ({ id: s.id, name: s.name, email: s.email, role: s.role })),
            attachments: mail.attachments,
          })
        : null;

      const facts = { firstName, classification, ticket, stakeholders, property: property?.name, unit: known?.unit, persona, language, emergency, asides };
      const text =
        classification.intent === "tour_request" && answer
          ? agentReplyText(firstName, answer, persona, language)
          : classification.intent === "tour_request"
            ? agentReplyText(firstName, courtesyText("tourPassed", language, ticket?.id), persona, language)
            : !ticket && courtesyOnly
              ? agentReplyText(firstName, courtesyText("welcome", language), persona, language)
              : withTourAnswer(ticketReplyText(facts), tourAside ? answer : undefined, language);
      const cc = d.notifyMode === "cc" && stakeholders.length ? stakeholders.map((s) => s.email).join(", ") : null;
      d.outbox.enqueue({
        kind: "email_reply",
        messageId: replyMessageId,
        to: from.address,
        cc,
        subject,
        text,
        html: textToHtml(text),
        inReplyTo: mail.messageId,
        references,
        headers: { "Auto-Submitted": "auto-replied", ...(ticket ? { "X-Ticket-Id": String(ticket.id) } : {}) },
      });
      d.threads.remember(replyMessageId, conversationId);

      if (ticket && stakeholders.length && (d.notifyMode === "notice" || ticket.priority === "urgent")) {
        this.queueNotices(ticket, stakeholders, from, property?.name ?? null, mail.text, { conversationId });
      }

      d.conversations.append(conversationId, "user", mail.text || mail.fullText.slice(0, 4000), {
        subject: mail.subject,
        messageId: mail.messageId,
        from: from.address,
        attachments: mail.attachments,
      });
      d.conversations.append(conversationId, "assistant", text, { subject, messageId: replyMessageId, ticketId: ticket?.id ?? null });
      d.inbound.finish(
        mail.key,
        {
          status: "processed",
          intent: classification.intent,
          priority: classification.priority,
          summary: classification.summary,
          ticketId: ticket?.id ?? null,
          bookingId: booking?.id ?? null,
          conversationId,
          replyMessageId,
        },
        d.clock.now().toISOString(),
      );
      return { ticket, cc };
    });
    if (committed.ticket) d.onTicket?.(committed.ticket);
    d.log.info(
      { key: mail.key, intent: classification.intent, priority: classification.priority, ticketId: committed.ticket?.id, bookingId: booking?.id },
      "mail: processed",
    );
    return {
      messageId: mail.messageId,
      key: mail.key,
      status: "processed",
      intent: joins && committed.ticket && committed.ticket.intent !== "escalation" ? committed.ticket.intent : classification.intent,
      priority: joins && committed.ticket ? committed.ticket.priority : classification.priority,
      summary: classification.summary,
      ticketId: committed.ticket?.id ?? null,
      bookingId: booking?.id ?? null,
      reply: { to: from.address, cc: committed.cc, subject, inReplyTo: mail.messageId },
    };
  }

  /** Queues a notice of the ticket (or of a new message on it) to each of its contacts. */
  private queueNotices(
    ticket: Ticket,
    stakeholders: Stakeholder[],
    from: { name: string; address: string },
    property: string | null,
    text: string,
    o: { followUp?: boolean; conversationId: string },
  ): void {
    const d = this.d;
    for (const s of stakeholders) {
      const notice = stakeholderNotice(ticket, `${from.name ? `${from.name} ` : ""}<${from.address}>`, property, text, o);
      const messageId = newMessageId(d.from.address);
      // A contact's reply to the notice ("done, invoice to follow") then joins the same conversation.
      d.threads.remember(messageId, o.conversationId);
      d.outbox.enqueue({
        kind: "stakeholder_notice",
        messageId,
        to: s.email,
        subject: notice.subject,
        text: notice.text,
        headers: ticket.priority === "urgent" ? { "X-Priority": "1", Importance: "high" } : {},
      });
    }
  }

  /**
   * The open ticket a message in the same thread belongs to: one about the same matter, or, for a
   * plain follow-up ("any update?", "they came, all good"), the thread's latest open ticket.
   */
  private openTicketToJoin(conversationId: string, c: Classification, resolved: boolean, contact?: Stakeholder, chaser = false): Ticket | undefined {
    const open = this.d.tickets.list({ conversationId }).filter((t) => t.status !== "closed" && t.intent !== "escalation" && t.intent !== "tour_request");
    if (open.length === 0) return undefined;
    // A contact reporting back: the ticket they were told about.
    if (contact)
      return open.find((t) => t.stakeholdersNotified.some((n) => n.id === contact.id || n.email.toLowerCase() === contact.email.toLowerCase())) ?? open[0];
    // A pressing new office matter (someone in danger) is a ticket of its own, not a note on an old one.
    const pressingGeneral = c.intent === "general" && !resolved && (c.priority === "urgent" || c.priority === "high");
    if (pressingGeneral) return undefined;
    const same = open.find((t) => t.intent === c.intent && (c.intent !== "general" || chaser || resolved));
    if (same) return same;
    // A plain follow-up ("any update?", "all sorted now") belongs to the thread's latest ticket;
    // a new question of its own does not.
    return c.intent === "general" && (chaser || resolved) ? open[0] : undefined;
  }

  /** Adds a follow-up to its ticket, tells the contacts when it matters, and answers the sender. */
  private recordFollowUp(f: {
    mail: InboundEmail;
    joins: Ticket;
    classification: Classification;
    resolved: boolean;
    conversationId: string;
    firstName: string;
    persona: Persona;
    property: string | null;
    subject: string;
    references: string | null;
    replyMessageId: string;
    /** The sender is one of our own contacts (a locksmith, a contractor). */
    fromContact: boolean;
    /** The ticket's latest follow-up said the problem was over (so this one says it is back). */
    lastWasFix: boolean;
    language: ReplyLanguage;
    emergency: EmergencyKind | null;
  }): { ticket: Ticket; cc: string | null } {
    const d = this.d;
    const from = f.mail.from!;
    const afterFix = !f.resolved && f.lastWasFix;
    const { ticket, raised } = d.tickets.addFollowUp(f.joins.id, {
      priority: f.resolved ? f.joins.priority : f.classification.priority,
      text: f.mail.text || f.mail.fullText.slice(0, 500),
      afterFix,
    });
    const stakeholders = d.tickets.stakeholdersFor(
      ticket.intent === "escalation" || ticket.intent === "tour_request" ? "general" : ticket.intent,
      ticket.propertyId,
    );
    // The people on the job hear about it when it is pressing or when they are told of every ticket;
    // a note that the problem is over is for the office to close, not a call-out.
    const fromContact = f.fromContact;
    const notify = !f.resolved && !fromContact && stakeholders.length > 0 && (raised || ticket.priority === "urgent" || d.notifyMode === "notice");
    const text = followUpReplyText({
      firstName: f.firstName,
      ticket,
      raised,
      resolved: f.resolved,
      stakeholders: notify ? stakeholders : [],
      persona: f.persona,
      fromContact,
      language: f.language,
      emergency: f.emergency,
    });
    d.outbox.enqueue({
      kind: "email_reply",
      messageId: f.replyMessageId,
      to: from.address,
      subject: f.subject,
      text,
      html: textToHtml(text),
      inReplyTo: f.mail.messageId,
      references: f.references,
      headers: { "Auto-Submitted": "auto-replied", "X-Ticket-Id": String(ticket.id) },
    });
    d.threads.remember(f.replyMessageId, f.conversationId);
    if (notify) this.queueNotices(ticket, stakeholders, from, f.property, f.mail.text, { followUp: true, conversationId: f.conversationId });
    d.conversations.append(f.conversationId, "user", f.mail.text || f.mail.fullText.slice(0, 4000), {
      subject: f.mail.subject,
      messageId: f.mail.messageId,
      from: from.address,
      attachments: f.mail.attachments,
    });
    d.conversations.append(f.conversationId, "assistant", text, { subject: f.subject, messageId: f.replyMessageId, ticketId: ticket.id });
    d.inbound.finish(
      f.mail.key,
      {
        status: "processed",
        intent: ticket.intent === "escalation" ? "general" : ticket.intent,
        priority: ticket.priority,
        summary: `Follow-up on ticket #${ticket.id}: ${f.classification.summary}`.slice(0, 300),
        ticketId: ticket.id,
        bookingId: null,
        conversationId: f.conversationId,
        replyMessageId: f.replyMessageId,
      },
      d.clock.now().toISOString(),
    );
    return { ticket, cc: null };
  }

  /** A conversation staff have taken over: the message is stored for them, and the AI stays silent. */
  private waitForStaff(mail: InboundEmail, conversationId: string): EmailOutcome {
    const d = this.d;
    d.tx.run(() => {
      d.conversations.append(conversationId, "user", mail.text || mail.fullText.slice(0, 4000), {
        subject: mail.subject,
        messageId: mail.messageId,
        from: mail.from!.address,
        attachments: mail.attachments,
      });
      d.inbound.finish(
        mail.key,
        { status: "processed", summary: "Waiting for staff (conversation in human mode)", conversationId },
        d.clock.now().toISOString(),
      );
    });
    d.log.info({ key: mail.key, conversationId }, "mail: conversation is with staff; no automatic reply");
    return {
      messageId: mail.messageId,
      key: mail.key,
      status: "processed",
      intent: null,
      priority: null,
      summary: "Waiting for staff",
      ticketId: null,
      bookingId: null,
      reply: null,
    };
  }

  private async runAgent(conversationId: string, mail: InboundEmail, only?: string): Promise<string> {
    const text = only ?? `${mail.subject && !/^re:/i.test(mail.subject) ? `${mail.subject}\n\n` : ""}${mail.text || mail.fullText.slice(0, 4000)}`;
    const state = await withDeadline(this.d.modelTimeoutMs, (signal) =>
      this.d.agent.invoke({ messages: [new HumanMessage(text)] }, {
        configurable: { thread_id: conversationId },
        context: { conversationId, channel: "email", sourceRef: mail.key },
        signal,
        durability: "exit",
      } as never),
    );
    const messages = (state as { messages: BaseMessage[] }).messages;
    const final = [...messages].reverse().find((m) => m.getType() === "ai" && !(m as AIMessage).tool_calls?.length);
    const answer = final ? messageText(final) : "";
    if (!answer.trim()) throw new Error("the assistant gave no answer");
    return answer;
  }
}
