import type { Persona } from "../../agent/persona";
import type { Stakeholder, Ticket } from "../../domain/tickets/ticket";
import { emailLayout, escapeHtml } from "../../mail/html";
import type { Classification } from "./classifier";

export interface ReplyFacts {
  firstName: string;
  classification: Classification;
  ticket: Ticket | null;
  stakeholders: Stakeholder[];
  property?: string | null;
  unit?: string | null;
  persona: Persona;
}

const SAFETY: Array<[RegExp, string]> = [
  [/gas/i, "If you smell gas: leave the home now, don't use light switches, flames or phones inside, and call 911 and the gas company from outside."],
  [/fire|electrical|spark/i, "If there is fire, smoke or sparking: get everyone out and call 911. If it's safe, switch off the breaker for that circuit."],
  [/carbon monoxide/i, "If a carbon monoxide alarm is sounding: get everyone outside into fresh air and call 911."],
  [
    /flood|leak/i,
    "To limit the damage: if you can do so safely, turn off the water at the fixture's shut-off valve or the main, " +
      "keep away from wet outlets and appliances, and move valuables out of the way.",
  ],
  [/security/i, "If you feel unsafe or someone may be inside, leave and call 911 first."],
  [/no heat/i, "Until it's fixed: keep doors and windows closed, dress warmly, and never use an oven or grill for heat."],
];

export function signature(p: Persona): string {
  return `— ${p.name}, automated leasing assistant, ${p.companyName}`;
}

/** The reply text for a ticket (lock-outs, repairs, rent, general), from the facts, never invented. */
export function ticketReplyText(f: ReplyFacts): string {
  const c = f.classification;
  const where = f.property ? ` at ${f.property}${f.unit ? `, unit ${f.unit}` : ""}` : "";
  const ref = f.ticket ? `ticket #${f.ticket.id}` : "a ticket";
  const contacts = f.stakeholders.map((s) => `${s.name}${s.phone ? ` (${s.phone})` : ""}`).join(" and ");
  const passedTo = contacts ? ` and passed it to ${contacts}` : "";
  const lines: string[] = [`Hi ${f.firstName},`, ""];
  switch (c.intent) {
    case "locked_out": {
      const alerted = contacts ? ` and alerted ${contacts}, who handles lock-outs for us` : " and alerted the property team";
      lines.push(
        `Sorry you're locked out${where}. I've opened ${ref} as urgent${alerted}. Someone will contact you shortly to let you in.`,
        "",
        "Please stay somewhere safe and warm while you wait. If you are in danger, call 911.",
      );
      break;
    }
    case "maintenance": {
      const safety = c.priority === "urgent" ? SAFETY.find(([re]) => re.test(c.summary))?.[1] : undefined;
      lines.push(
        c.priority === "urgent"
          ? `Thank you for reporting this${where}. I've opened ${ref} as an emergency${contacts ? ` and alerted ${contacts}` : ""} right away.`
          : `Thank you for letting us know${where}. I've opened ${ref} (${c.priority} priority)${passedTo}, who will contact you to arrange the repair.`,
      );
      if (safety) lines.push("", safety);
      break;
    }
    case "rent":
      lines.push(
        `Thanks for your message about rent${where}. I've opened ${ref}${passedTo}. ` +
          "They will check your account and reply; I can't see or change balances myself.",
      );
      break;
    default:
      if (/\(personal safety\)/.test(c.summary)) {
        lines.push("If you or anyone else is in danger right now, call 911 first.", "");
      }
      lines.push(
        `Thanks for your message. I've opened ${ref}${contacts ? ` for ${contacts}` : " for the leasing office"}, and a member of the team will reply.`,
      );
  }
  lines.push("", "You can reply to this e-mail to add details or photos.", "", signature(f.persona));
  return lines.join("\n");
}

/** The answer to a later message that joined an open ticket. */
export function followUpReplyText(f: {
  firstName: string;
  ticket: Ticket;
  raised: boolean;
  resolved: boolean;
  stakeholders: Stakeholder[];
  persona: Persona;
  about: string;
  fromContact?: boolean;
}): string {
  const t = f.ticket;
  const contacts = f.stakeholders.map((s) => `${s.name}${s.phone ? ` (${s.phone})` : ""}`).join(" and ");
  // One of our own contacts reporting back: a note for the office, not a tenant's reply.
  if (f.fromContact)
    return ["Hello,", "", `Thanks for the update — I've added it to ticket #${t.id} for the property team.`, "", signature(f.persona)].join("\n");
  const lines: string[] = [`Hi ${f.firstName},`, ""];
  if (f.resolved) {
    lines.push(`Thanks for letting us know — glad it's sorted. I've added your note to ticket #${t.id} so the team can close it.`);
  } else if (t.intent === "locked_out") {
    const alerted = contacts ? ` and alerted ${contacts} again` : " and alerted the property team again";
    lines.push(
      `I'm sorry you're still waiting. I've added your message to ticket #${t.id} (urgent)${alerted}.`,
      "",
      "Please stay somewhere safe and warm while you wait. If you are in danger, call 911.",
    );
  } else {
    const level = f.raised ? ` and raised it to ${t.priority === "urgent" ? "urgent" : `${t.priority} priority`}` : "";
    const letKnow = contacts ? `, and let ${contacts} know` : "";
    const next = t.status === "in_progress" ? "The team is already working on it." : "A member of the team will get back to you.";
    lines.push(`Thanks for the update. I've added it to ticket #${t.id}${level}${letKnow}. ${next}`);
    const safety = t.intent === "maintenance" && t.priority === "urgent" ? SAFETY.find(([re]) => re.test(`${f.about} ${t.summary}`))?.[1] : undefined;
    if (safety) lines.push("", safety);
  }
  lines.push("", "You can reply to this e-mail to add details or photos.", "", signature(f.persona));
  return lines.join("\n");
}

/** A reply written around the assistant's answer (tour requests). */
export function agentReplyText(firstName: string, answer: string, persona: Persona): string {
  return [`Hi ${firstName},`, "", answer.trim(), "", signature(persona)].join("\n");
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
