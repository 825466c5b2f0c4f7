import type { Persona } from "../../agent/persona";
import type { Intent, Stakeholder, Ticket } from "../../domain/tickets/ticket";
import guidance from "../../domain/triage/guidance.json";
import type { EmergencyKind } from "../../domain/triage/triage";
import { emailLayout, escapeHtml } from "../../mail/html";
import type { Classification } from "./classifier";
import texts from "./reply-texts.json";

export type ReplyLanguage = "en" | "es";

export interface ReplyFacts {
  firstName: string;
  classification: Classification;
  ticket: Ticket | null;
  stakeholders: Stakeholder[];
  property?: string | null;
  unit?: string | null;
  persona: Persona;
  language?: ReplyLanguage;
  /** The emergency the mail reports, for its safety guidance. */
  emergency?: EmergencyKind | null;
  /** Other matters the mail raised, acknowledged in the reply. */
  asides?: Intent[];
}

type Texts = (typeof texts)["en"];

/** A reply text with its {placeholders} filled in. */
function say(language: ReplyLanguage, key: Exclude<keyof Texts, "priority" | "matters">, values: Record<string, string | number> = {}): string {
  return texts[language][key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ""));
}

function contactsOf(stakeholders: Stakeholder[], language: ReplyLanguage): string {
  return stakeholders.map((s) => `${s.name}${s.phone ? ` (${s.phone})` : ""}`).join(texts[language].and);
}

export function signature(p: Persona, language: ReplyLanguage = "en"): string {
  return say(language, "signature", { assistant: p.name, company: p.companyName });
}

/** The reply text for a ticket (lock-outs, repairs, rent, general), from the facts, never invented. */
export function ticketReplyText(f: ReplyFacts): string {
  const lang = f.language ?? "en";
  const c = f.classification;
  const where = f.property ? say(lang, f.unit ? "whereUnit" : "where", { property: f.property, unit: f.unit ?? "" }) : "";
  const ref = f.ticket ? say(lang, "ticket", { id: f.ticket.id }) : say(lang, "aTicket");
  const contacts = contactsOf(f.stakeholders, lang);
  const passedTo = contacts ? say(lang, "passedTo", { contacts }) : "";
  const lines: string[] = [say(lang, "greeting", { name: f.firstName }), ""];
  switch (c.intent) {
    case "locked_out": {
      const alerted = contacts ? say(lang, "lockedOutAlerted", { contacts }) : say(lang, "teamAlerted");
      lines.push(say(lang, "lockedOut", { where, ref, alerted }), "", say(lang, "staySafe"));
      break;
    }
    case "maintenance":
      if (c.priority === "urgent") {
        lines.push(say(lang, "emergency", { where, ref, alerted: contacts ? say(lang, "alerted", { contacts }) : "" }));
        if (f.emergency) lines.push("", guidance[lang][f.emergency]);
      } else {
        lines.push(say(lang, "repair", { where, ref, priority: texts[lang].priority[c.priority], passedTo }));
      }
      break;
    case "rent":
      lines.push(say(lang, "rent", { where, ref, passedTo }));
      break;
    default:
      lines.push(say(lang, "general", { ref, for: contacts ? say(lang, "forContacts", { contacts }) : say(lang, "forOffice") }));
  }
  const asides = (f.asides ?? []).filter((a) => a !== c.intent && a !== "tour_request");
  if (asides.length) lines.push("", say(lang, "asides", { matters: asides.map((a) => texts[lang].matters[a]).join(texts[lang].and) }));
  lines.push("", say(lang, "addDetails"), "", signature(f.persona, lang));
  return lines.join("\n");
}

/** A ticket reply with the assistant's answer about seeing a listing before its closing lines. */
export function withTourAnswer(ticketText: string, answer: string | undefined, language: ReplyLanguage = "en"): string {
  if (!answer?.trim()) return ticketText;
  const marker = `\n\n${say(language, "addDetails")}`;
  const at = ticketText.indexOf(marker);
  const part = `\n\n${say(language, "tourAnswer", { answer: answer.trim() })}`;
  return at >= 0 ? `${ticketText.slice(0, at)}${part}${ticketText.slice(at)}` : `${ticketText}${part}`;
}

/** The answer to a later message that joined an open ticket. */
export function followUpReplyText(f: {
  firstName: string;
  ticket: Ticket;
  raised: boolean;
  resolved: boolean;
  stakeholders: Stakeholder[];
  persona: Persona;
  fromContact?: boolean;
  language?: ReplyLanguage;
  emergency?: EmergencyKind | null;
}): string {
  const lang = f.language ?? "en";
  const t = f.ticket;
  const contacts = contactsOf(f.stakeholders, lang);
  // One of our own contacts reporting back: a note for the office, not a tenant's reply.
  if (f.fromContact) return [say(lang, "hello"), "", say(lang, "contactThanks", { id: t.id }), "", signature(f.persona, lang)].join("\n");
  const lines: string[] = [say(lang, "greeting", { name: f.firstName }), ""];
  if (f.resolved) {
    lines.push(say(lang, "resolved", { id: t.id }));
  } else if (t.intent === "locked_out") {
    const alerted = contacts ? say(lang, "alertedAgain", { contacts }) : say(lang, "teamAlertedAgain");
    lines.push(say(lang, "stillLockedOut", { id: t.id, alerted }), "", say(lang, "staySafe"));
  } else {
    const raised = !f.raised ? "" : t.priority === "urgent" ? say(lang, "raisedUrgent") : say(lang, "raisedTo", { priority: texts[lang].priority[t.priority] });
    const letKnow = contacts ? say(lang, "letKnow", { contacts }) : "";
    const next = say(lang, t.status === "in_progress" ? "working" : "willReply");
    lines.push(say(lang, "followUp", { id: t.id, raised, letKnow, next }));
    if (t.intent === "maintenance" && t.priority === "urgent" && f.emergency) lines.push("", guidance[lang][f.emergency]);
  }
  lines.push("", say(lang, "addDetails"), "", signature(f.persona, lang));
  return lines.join("\n");
}

/** A reply written around the assistant's answer (tour requests). */
export function agentReplyText(firstName: string, answer: string, persona: Persona, language: ReplyLanguage = "en"): string {
  return [say(language, "greeting", { name: firstName }), "", answer.trim(), "", signature(persona, language)].join("\n");
}

/** Replies that need no ticket: passing a tour request on, and a kind word back. */
export function courtesyText(key: "welcome" | "tourPassed", language: ReplyLanguage, ticketId?: number): string {
  return say(language, key, { ticketRef: ticketId ? say(language, "ticketRef", { id: ticketId }) : "" });
}

export function textToHtml(text: string): string {
  const body = text
    .split(/\n{2,}/)
    .map((para) => `<p>${escapeHtml(para).replace(/\n/g, "<br>")}</p>`)
    .join("\n");
  return emailLayout("", body);
}

/** "Re: <subject>" without stacking Re:, RE:, Aw: or Re[2]:. */
export function replySubject(subject: string): string {
  const base = subject.replace(/^(?:\s*(?:re|aw|sv|antw)(?:\[\d+\])?\s*:\s*)+/i, "").trim();
  return `Re: ${base || "your message"}`;
}

/** The References header of a reply: the parent's references plus its Message-ID (bounded). */
export function replyReferences(parentRefs: readonly string[], parentId: string | null): string | null {
  const all = [...parentRefs, ...(parentId ? [parentId] : [])];
  const unique = [...new Set(all)];
  return unique.length ? unique.slice(-12).join(" ") : null;
}

/** The notice a stakeholder gets about a ticket. */
export function stakeholderNotice(
  t: Ticket,
  sender: string,
  property: string | null,
  excerpt: string,
  o: { followUp?: boolean } = {},
): { subject: string; text: string } {
  const tag = t.priority === "urgent" ? "[URGENT] " : "";
  const again = o.followUp ? "Follow-up on " : "";
  const heading = o.followUp ? `New message on ticket #${t.id}` : `Ticket #${t.id}`;
  const followUpNote = o.followUp ? `, follow-up ${t.followUps}` : "";
  return {
    subject: `${tag}${again}Ticket #${t.id}: ${t.summary}`.slice(0, 200),
    text: [
      `${heading} (${t.intent}, ${t.priority} priority${followUpNote})`,
      `From: ${sender}${property ? `, ${property}${t.unit ? ` unit ${t.unit}` : ""}` : ""}`,
      `Action required: ${t.actionRequired}`,
      t.attachments.length ? `Attachments: ${t.attachments.map((a) => a.filename).join(", ")}` : "",
      "",
      "Message:",
      excerpt.slice(0, 2000),
    ]
      .filter((l, i, all) => l !== "" || all[i - 1] !== "")
      .join("\n"),
  };
}
