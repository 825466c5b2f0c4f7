import { randomUUID } from "node:crypto";
import type { BookingEventContext, BookingNotifier } from "../domain/bookings/booking-service";
import type { SqliteOutboxRepository } from "../db/outbox-repository";
import type { Clock } from "../shared/clock";
import { buildTourIcs } from "./ics";
import { propertyAddress, renderTourMail, type TourMailKind } from "./tour-mail-template";

export interface BookingMailerOptions {
  publicUrl: string;
  from: { name: string; address: string };
}

export function manageUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/tours/${token}`;
}

export function mailDomain(address: string): string {
  return address.split("@")[1] ?? "localhost";
}

export function newMessageId(fromAddress: string): string {
  return `<${randomUUID()}@${mailDomain(fromAddress)}>`;
}

/** Writes the confirmation, change and cancellation e-mails (with invites) into the outbox. */
export class BookingMailer implements BookingNotifier {
  constructor(
    private readonly outbox: SqliteOutboxRepository,
    private readonly clock: Clock,
    private readonly options: BookingMailerOptions,
    /** Called after each message is queued; must not send synchronously. */
    private readonly onQueued: () => void = () => {},
  ) {}

  bookingConfirmed(ctx: BookingEventContext): void {
    this.enqueue("confirmed", ctx);
  }

  bookingRescheduled(ctx: BookingEventContext, previous: { start: Date; end: Date }): void {
    this.enqueue("rescheduled", ctx, previous.start);
  }

  bookingCancelled(ctx: BookingEventContext): void {
    this.enqueue("cancelled", ctx);
  }

  private enqueue(kind: TourMailKind, ctx: BookingEventContext, previousStart?: Date): void {
    const { booking, property, user } = ctx;
    const now = this.clock.now();
    const url = manageUrl(this.options.publicUrl, booking.manageToken);
    const rendered = renderTourMail({ kind, booking, property, user, manageUrl: url, previousStart, senderName: this.options.from.name });
    const method = kind === "cancelled" ? "CANCEL" : "REQUEST";
    const ics = buildTourIcs({
      uid: `tour-${booking.id}@${mailDomain(this.options.from.address)}`,
      sequence: booking.sequence,
      method,
      start: booking.start,
      end: booking.end,
      stamp: now,
      summary: `Tour: ${property.name}`,
      description: `Tour of ${property.name}. Manage it here: ${url}`,
      location: `${property.name}, ${propertyAddress(property)}`,
      url,
      organizer: { name: this.options.from.name, email: this.options.from.address },
      attendee: { name: user.name, email: user.email },
    });
    this.outbox.enqueue(
      {
        kind: `tour_${kind}`,
        messageId: newMessageId(this.options.from.address),
        to: user.email,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        ics,
        icsMethod: method,
        bookingId: booking.id,
      },
      now,
    );
    this.onQueued();
  }
}
