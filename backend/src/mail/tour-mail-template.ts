import { formatLocalDateTime } from "../domain/shared/time-format";
import { emailLayout, escapeHtml } from "./html";

export type TourMailKind = "confirmed" | "rescheduled" | "cancelled";

/** The facts a tour e-mail is rendered from, captured when the booking changed. */
export interface TourMailPayload {
  event: TourMailKind;
  booking: { id: number; start: string; end: string; sequence: number };
  property: { name: string; address: string; city: string; state: string; postalCode: string | null; timezone: string };
  guest: { name: string; email: string };
  manageUrl: string;
  previousStart?: string;
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

/** Plain-text and HTML versions of a tour confirmation, change or cancellation. */
export function renderTourMail(m: TourMailPayload, senderName: string): RenderedTourText {
  const { property, guest, manageUrl, event } = m;
  const when = formatLocalDateTime(new Date(m.booking.start), property.timezone);
  const address = propertyAddress(property);
  const firstName = guest.name.split(" ")[0];
  const subject =
    event === "confirmed"
      ? `Tour confirmed: ${property.name}, ${when}`
      : event === "rescheduled"
        ? `Tour moved: ${property.name}, now ${when}`
        : `Tour cancelled: ${property.name}, ${when}`;
  const lead =
    event === "confirmed"
      ? `Your tour of ${property.name} is booked.`
      : event === "rescheduled"
        ? `Your tour of ${property.name} has moved${m.previousStart ? ` from ${formatLocalDateTime(new Date(m.previousStart), property.timezone)}` : ""}.`
        : `Your tour of ${property.name} has been cancelled.`;
  const manageLine = event === "cancelled" ? `Want another time? Book again here: ${manageUrl}` : `Need to change or cancel? Manage your tour: ${manageUrl}`;

  const lines = [`Hi ${firstName},`, "", lead, "", `When:  ${when}`, `Where: ${property.name}, ${address}`, "", manageLine, ""];
  if (event !== "cancelled") lines.push("A calendar invite is attached.", "");
  lines.push(`— ${senderName}`);
  const text = lines.join("\n");

  const buttonLabel = event === "cancelled" ? "Book another time" : "Reschedule or cancel";
  const html = emailLayout(
    escapeHtml(subject),
    `<p>Hi ${escapeHtml(firstName)},</p>
<p>${escapeHtml(lead)}</p>
<table role="presentation" style="margin:16px 0;border-collapse:collapse">
<tr><td style="padding:4px 12px 4px 0;color:#52606d">When</td><td style="padding:4px 0"><strong>${escapeHtml(when)}</strong></td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">Where</td><td style="padding:4px 0">${escapeHtml(property.name)}<br>${escapeHtml(address)}</td></tr>
</table>
<p><a href="${escapeHtml(manageUrl)}" style="${BUTTON_STYLE}">${buttonLabel}</a></p>
${event === "cancelled" ? "" : '<p style="color:#52606d;font-size:13px">A calendar invite is attached.</p>'}
<p>— ${escapeHtml(senderName)}</p>`,
  );
  return { subject, text, html };
}
