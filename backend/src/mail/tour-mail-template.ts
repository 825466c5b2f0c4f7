import type { Booking } from "../domain/bookings/booking";
import type { Property } from "../domain/properties/property";
import type { User } from "../domain/users/user";
import { formatLocalDateTime } from "../domain/shared/time-format";
import { emailLayout, escapeHtml } from "./html";

export type TourMailKind = "confirmed" | "rescheduled" | "cancelled";

export interface TourMailInput {
  kind: TourMailKind;
  booking: Booking;
  property: Property;
  user: User;
  manageUrl: string;
  previousStart?: Date;
  senderName: string;
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function propertyAddress(p: Property): string {
  return `${p.address}, ${p.city}, ${p.state}${p.postalCode ? ` ${p.postalCode}` : ""}`;
}

/** Plain-text and HTML versions of a tour confirmation, change or cancellation. */
export function renderTourMail(input: TourMailInput): RenderedMail {
  const { booking, property, user, manageUrl, kind } = input;
  const when = formatLocalDateTime(booking.start, property.timezone);
  const address = propertyAddress(property);
  const firstName = user.name.split(" ")[0];
  const subject =
    kind === "confirmed"
      ? `Tour confirmed: ${property.name}, ${when}`
      : kind === "rescheduled"
        ? `Tour moved: ${property.name}, now ${when}`
        : `Tour cancelled: ${property.name}, ${when}`;
  const lead =
    kind === "confirmed"
      ? `Your tour of ${property.name} is booked.`
      : kind === "rescheduled"
        ? `Your tour of ${property.name} has moved${input.previousStart ? ` from ${formatLocalDateTime(input.previousStart, property.timezone)}` : ""}.`
        : `Your tour of ${property.name} has been cancelled.`;
  const manageLine =
    kind === "cancelled"
      ? `Want another time? Book again here: ${manageUrl}`
      : `Need to change or cancel? Manage your tour: ${manageUrl}`;

  const text = [
    `Hi ${firstName},`,
    "",
    lead,
    "",
    `When:  ${when}`,
    `Where: ${property.name}, ${address}`,
    "",
    manageLine,
    "",
    kind === "cancelled" ? "" : "A calendar invite is attached.",
    "",
    `— ${input.senderName}`,
  ]
    .filter((line, i, all) => !(line === "" && all[i - 1] === ""))
    .join("\n");

  const html = emailLayout(
    escapeHtml(subject),
    `<p>Hi ${escapeHtml(firstName)},</p>
<p>${escapeHtml(lead)}</p>
<table role="presentation" style="margin:16px 0;border-collapse:collapse">
<tr><td style="padding:4px 12px 4px 0;color:#52606d">When</td><td style="padding:4px 0"><strong>${escapeHtml(when)}</strong></td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#52606d">Where</td><td style="padding:4px 0">${escapeHtml(property.name)}<br>${escapeHtml(address)}</td></tr>
</table>
<p><a href="${escapeHtml(manageUrl)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none">${kind === "cancelled" ? "Book another time" : "Reschedule or cancel"}</a></p>
${kind === "cancelled" ? "" : "<p style=\"color:#52606d;font-size:13px\">A calendar invite is attached.</p>"}
<p>— ${escapeHtml(input.senderName)}</p>`,
  );
  return { subject, text, html };
}
