import { formatLocalDateTime } from "../domain/shared/time-format";
import { emailLayout, escapeHtml } from "./html";
import texts from "./tour-mail-texts.json";

export type TourMailKind = "confirmed" | "rescheduled" | "cancelled";

/** The facts a tour e-mail is rendered from, captured when the booking changed. */
export interface TourMailPayload {
  event: TourMailKind;
  booking: { id: number; start: string; end: string; sequence: number };
  property: { name: string; address: string; city: string; state: string; postalCode: string | null; timezone: string };
  guest: { name: string; email: string };
  manageUrl: string;
  previousStart?: string;
  /** The guest's language; English when absent (mail queued before languages were kept). */
  language?: TourMailLanguage;
}

export type TourMailLanguage = keyof typeof texts;

/** A text of the tour e-mails in a language, with its {placeholders} filled in. */
export function tourText(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? "");
}

export interface RenderedTourText {
  subject: string;
  text: string;
  html: string;
}

export function propertyAddress(p: TourMailPayload["property"]): string {
  return `${p.address}, ${p.city}, ${p.state}${p.postalCode ? ` ${p.postalCode}` : ""}`;
}

/** Inline style of the manage-your-tour button in the HTML e-mail. */
const BUTTON_STYLE = "display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none";

/** Plain-text and HTML versions of a tour confirmation, change or cancellation, in the guest's language. */
export function renderTourMail(m: TourMailPayload, senderName: string): RenderedTourText {
  const { property, guest, manageUrl, event } = m;
  const lang = m.language ?? "en";
  const t = texts[lang];
  const when = formatLocalDateTime(new Date(m.booking.start), property.timezone, true, lang);
  const address = propertyAddress(property);
  const firstName = guest.name.split(" ")[0];
  const previous = m.previousStart ? formatLocalDateTime(new Date(m.previousStart), property.timezone, true, lang) : "";
  const subject = tourText(t.subject[event], { property: property.name, when });
  const lead = tourText(t.lead[event], { property: property.name, from: previous ? tourText(t.from, { previous }) : "" });
  const manageLine = tourText(event === "cancelled" ? t.bookAgain : t.manage, { url: manageUrl });
  const greeting = tourText(t.greeting, { name: firstName });

  const lines = [greeting, "", lead, "", `${t.when}:  ${when}`, `${t.where}: ${property.name}, ${address}`, "", manageLine, ""];
  if (event !== "cancelled") lines.push(t.invite, "");
  lines.push(`— ${senderName}`);
  const text = lines.join("\n");

  const buttonLabel = event === "cancelled" ? t.buttonBook : t.buttonManage;
  const html = emailLayout(
    escapeHtml(subject),
    `<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(lead)}</p>
<table role="presentation" style="margin:16px 0;border-collapse:collapse">
<tr><td style="padding:4px 12px 4px 0;color:#52606d">${t.when}</td><td style="padding:4px 0"><strong>${escapeHtml(when)}</strong></td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">${t.where}</td><td style="padding:4px 0">${escapeHtml(property.name)}<br>${escapeHtml(address)}</td></tr>
</table>
<p><a href="${escapeHtml(manageUrl)}" style="${BUTTON_STYLE}">${buttonLabel}</a></p>
${event === "cancelled" ? "" : `<p style="color:#52606d;font-size:13px">${t.invite}</p>`}
<p>— ${escapeHtml(senderName)}</p>`,
  );
  return { subject, text, html };
}
