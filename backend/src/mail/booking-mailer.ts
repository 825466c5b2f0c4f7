import { randomUUID } from "node:crypto";
import type { BookingEventContext, BookingNotifier } from "../domain/bookings/booking-service";
import type { SqliteOutboxRepository } from "../db/outbox-repository";
import type { Clock } from "../shared/clock";
import { sortableTime } from "../shared/time-ordered-token";
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

/**
 * A unique Message-ID. It starts with the time, so ids made later sort later and the outbox's
 * unique index on them grows at its end rather than at a random page for every message.
 */
export function newMessageId(fromAddress: string): string {
  return `<${sortableTime(Date.now())}.${randomUUID()}@${mailDomain(fromAddress)}>`;
}

/**
 * Queues the confirmation, change and cancellation e-mails of tours. It runs inside the
 * booking's transaction and only records the facts; the outbox renders the message and its
 * calendar invite when it sends it.
 */
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
      ...(previousStart ? { previousStart: previousStart.toISOString() } : {}),
    };
    this.outbox.enqueue(
      {
        kind: `tour_${event}`,
        messageId: newMessageId(this.options.from.address),
        to: user.email,
        icsMethod: event === "cancelled" ? "CANCEL" : "REQUEST",
        bookingId: booking.id,
        payload,
      },
      this.clock.now(),
    );
    this.onQueued();
  }
}
