import { randomBytes } from "node:crypto";
import type { BookingEventContext, BookingNotifier } from "../domain/bookings/booking-service";
import type { MailOutbox } from "./outgoing-mail";
import type { TourMailKind, TourMailPayload } from "./tour-mail-template";

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

/** A unique Message-ID: 128 random bits at the sender's domain. */
export function newMessageId(fromAddress: string): string {
  return `<${randomBytes(16).toString("hex")}@${mailDomain(fromAddress)}>`;
}

/**
 * Queues the confirmation, change and cancellation e-mails of tours. It runs inside the
 * booking's transaction and only records the facts; the outbox renders the message and its
 * calendar invite when it sends it.
 */
export class BookingMailer implements BookingNotifier {
  constructor(
    private readonly outbox: MailOutbox,
    private readonly options: BookingMailerOptions,
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

  private enqueue(event: TourMailKind, ctx: BookingEventContext, previousStart?: Date): void {
    const { booking, property, user } = ctx;
    const payload: TourMailPayload = {
      event,
      booking: { id: booking.id, start: booking.start.toISOString(), end: booking.end.toISOString(), sequence: booking.sequence },
      property: {
        name: property.name,
        address: property.address,
        city: property.city,
        state: property.state,
        postalCode: property.postalCode,
        timezone: property.timezone,
      },
      guest: { name: user.name, email: user.email },
      manageUrl: manageUrl(this.options.publicUrl, booking.manageToken),
      language: booking.language,
      ...(previousStart ? { previousStart: previousStart.toISOString() } : {}),
    };
    this.outbox.enqueue({
      kind: `tour_${event}`,
      messageId: newMessageId(this.options.from.address),
      to: user.email,
      icsMethod: event === "cancelled" ? "CANCEL" : "REQUEST",
      bookingId: booking.id,
      payload,
    });
  }
}
