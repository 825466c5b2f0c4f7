import { AppError } from "../shared/app-error";
import { mailDomain } from "./booking-mailer";
import { buildTourIcs } from "./ics";
import type { QueuedMail, RenderedMail } from "./outgoing-mail";
import { propertyAddress, renderTourMail, type TourMailPayload, tourText } from "./tour-mail-template";
import texts from "./tour-mail-texts.json";

export interface RenderContext {
  from: { name: string; address: string };
}

function renderTour(mail: QueuedMail, p: TourMailPayload, ctx: RenderContext): RenderedMail {
  const { subject, text, html } = renderTourMail(p, ctx.from.name);
  const method = p.event === "cancelled" ? "CANCEL" : "REQUEST";
  const ics = buildTourIcs({
    uid: `tour-${p.booking.id}@${mailDomain(ctx.from.address)}`,
    sequence: p.booking.sequence,
    method,
    start: new Date(p.booking.start),
    end: new Date(p.booking.end),
    // The stamp is when the change was queued, so a retried send is byte-for-byte the same invite.
    stamp: new Date(mail.createdAt),
    summary: tourText(texts[p.language ?? "en"].icsSummary, { property: p.property.name }),
    description: tourText(texts[p.language ?? "en"].icsDescription, { property: p.property.name, url: p.manageUrl }),
    location: `${p.property.name}, ${propertyAddress(p.property)}`,
    url: p.manageUrl,
    organizer: { name: ctx.from.name, email: ctx.from.address },
    attendee: { name: p.guest.name, email: p.guest.email },
  });
  return { ...mail, subject, text, html, ics, icsMethod: method };
}

/** Turns a queued row into the final message: stored text as is, payloads through their renderer. */
export function renderQueuedMail(mail: QueuedMail, ctx: RenderContext): RenderedMail {
  if (mail.payload === undefined || mail.payload === null) {
    if (!mail.subject || mail.text === undefined || mail.text === null) {
      throw new AppError("validation", `Outbox message ${mail.id} has neither text nor payload.`);
    }
    return { ...mail, subject: mail.subject, text: mail.text };
  }
  if (mail.kind.startsWith("tour_")) return renderTour(mail, mail.payload as TourMailPayload, ctx);
  throw new AppError("validation", `No renderer for outbox messages of kind "${mail.kind}".`);
}
