import { AppError, isAppError } from "../../shared/app-error";
import type { Clock } from "../../shared/clock";
import type { Interval, Slot } from "../availability/availability";
import type { AvailabilityService } from "../availability/availability-service";
import type { Property } from "../properties/property";
import type { User } from "../users/user";
import type { Booking, BookingLanguage, BookingSource, BookingStatus, BookingWithContact } from "./booking";

export interface NewBooking {
  propertyId: number;
  userId: number;
  start: Date;
  end: Date;
  manageToken: string;
  source: BookingSource;
  /** What this booking was made for (an inbound e-mail): at most one booking per reference. */
  sourceRef?: string | null;
  /** The language of the guest's e-mails; English when not given. */
  language?: BookingLanguage;
}

export interface BookingRepository {
  /** Inserts a confirmed booking; throws AppError `slot_unavailable` when the slot is taken. */
  insertConfirmed(b: NewBooking, now: Date): Booking;
  findById(id: number): Booking | undefined;
  findByToken(token: string): Booking | undefined;
  findBySourceRef(ref: string): Booking | undefined;
  /** Confirmed bookings of a property overlapping [start, end), optionally excluding one booking. */
  confirmedOverlapping(propertyId: number, window: Interval, excludeId?: number): Booking[];
  /** Confirmed bookings of a user overlapping [start, end), optionally excluding one booking. */
  userConfirmedOverlapping(userId: number, window: Interval, excludeId?: number): Booking[];
  /** Moves a booking and bumps its sequence; throws `slot_unavailable` when the slot is taken. */
  updateTime(id: number, start: Date, end: Date, now: Date): Booking;
  /** Marks a booking cancelled and bumps its sequence. */
  markCancelled(id: number, now: Date): Booking;
  upcomingForUser(userId: number, now: Date): Booking[];
  listWithContacts(filter: { email?: string; status?: BookingStatus; propertyId?: number }): BookingWithContact[];
}

export interface PropertyLookup {
  findById(id: number): Property | undefined;
}
export interface UserLookup {
  findById(id: number): User | undefined;
}

/** Runs `fn` in one synchronous, immediate database transaction. */
export interface TransactionRunner {
  run<T>(fn: () => T): T;
}

export interface BookingEventContext {
  booking: Booking;
  property: Property;
  user: User;
}

/**
 * Told about each booking change inside the same transaction, so what it records
 * (for example queued e-mail) commits or rolls back together with the booking.
 */
export interface BookingNotifier {
  bookingConfirmed(ctx: BookingEventContext): void;
  bookingRescheduled(ctx: BookingEventContext, previous: { start: Date; end: Date }): void;
  bookingCancelled(ctx: BookingEventContext): void;
}

export interface BookingServiceDeps {
  bookings: BookingRepository;
  properties: PropertyLookup;
  users: UserLookup;
  availability: AvailabilityService;
  tx: TransactionRunner;
  notifier: BookingNotifier;
  clock: Clock;
  newToken: () => string;
}

export class BookingService {
  constructor(private readonly d: BookingServiceDeps) {}

  book(input: { propertyId: number; userId: number; start: Date; source?: BookingSource; sourceRef?: string | null; language?: BookingLanguage }): Booking {
    return this.bookFor(input, () => {
      const user = this.d.users.findById(input.userId);
      if (!user) throw new AppError("user_not_found", `No user with id ${input.userId}.`);
      return user;
    });
  }

  /**
   * Books for a person resolved inside the same transaction (for example "create or update
   * the prospect with this e-mail"), so the contact and the tour commit together. If the
   * booking fails, the person is still saved on their own: a lead is never lost.
   */
  bookForContact(
    input: { propertyId: number; start: Date; source?: BookingSource; sourceRef?: string | null; language?: BookingLanguage },
    resolveUser: () => User,
  ): Booking {
    try {
      return this.bookFor(input, resolveUser);
    } catch (err) {
      try {
        resolveUser();
      } catch {
        /* the original error says more */
      }
      throw err;
    }
  }

  private bookFor(
    input: { propertyId: number; start: Date; source?: BookingSource; sourceRef?: string | null; language?: BookingLanguage },
    resolveUser: () => User,
  ): Booking {
    return this.withAlternatives(input.propertyId, input.start, () =>
      this.d.tx.run(() => {
        // Retrying the same request (a re-processed e-mail) returns the booking it already made.
        if (input.sourceRef) {
          const earlier = this.d.bookings.findBySourceRef(input.sourceRef);
          if (earlier) return earlier;
        }
        const property = this.requireBookableProperty(input.propertyId);
        const user = resolveUser();
        const slot = this.d.availability.requireTourSlot(property, input.start);
        this.assertFree(property, user, slot);
        const now = this.d.clock.now();
        const booking = this.d.bookings.insertConfirmed(
          {
            propertyId: property.id,
            userId: user.id,
            start: slot.start,
            end: slot.end,
            manageToken: this.d.newToken(),
            source: input.source ?? "web",
            sourceRef: input.sourceRef ?? null,
            language: input.language,
          },
          now,
        );
        this.d.notifier.bookingConfirmed({ booking, property, user });
        return booking;
      }),
    );
  }

  /** Moves a tour to a new slot in one transaction: the new slot is taken and the old one freed. */
  reschedule(bookingId: number, newStart: Date): Booking {
    const current = this.get(bookingId);
    return this.withAlternatives(current.propertyId, newStart, () =>
      this.d.tx.run(() => {
        const booking = this.get(bookingId);
        this.assertChangeable(booking);
        const property = this.requireBookableProperty(booking.propertyId);
        const user = this.d.users.findById(booking.userId);
        if (!user) throw new AppError("user_not_found", `No user with id ${booking.userId}.`);
        const slot = this.d.availability.requireTourSlot(property, newStart);
        if (slot.start.getTime() === booking.start.getTime()) return booking;
        this.assertFree(property, user, slot, booking.id);
        const moved = this.d.bookings.updateTime(booking.id, slot.start, slot.end, this.d.clock.now());
        this.d.notifier.bookingRescheduled({ booking: moved, property, user }, { start: booking.start, end: booking.end });
        return moved;
      }),
    );
  }

  /**
   * Moves a tour to another listing in one transaction: the new tour is booked and the old one
   * cancelled together, so the person is never left with both or neither. Returns the new tour.
   */
  moveToProperty(bookingId: number, propertyId: number, newStart: Date): Booking {
    const current = this.get(bookingId);
    if (current.propertyId === propertyId) return this.reschedule(bookingId, newStart);
    return this.withAlternatives(propertyId, newStart, () =>
      this.d.tx.run(() => {
        const booking = this.get(bookingId);
        this.assertChangeable(booking);
        const from = this.d.properties.findById(booking.propertyId);
        const property = this.requireBookableProperty(propertyId);
        const user = this.d.users.findById(booking.userId);
        if (!from || !user) throw new AppError("booking_not_found", `Booking ${bookingId} is incomplete.`);
        const slot = this.d.availability.requireTourSlot(property, newStart);
        // The tour being given up does not count against the person's own time.
        this.assertFree(property, user, slot, booking.id);
        const now = this.d.clock.now();
        const cancelled = this.d.bookings.markCancelled(booking.id, now);
        const moved = this.d.bookings.insertConfirmed(
          {
            propertyId: property.id,
            userId: user.id,
            start: slot.start,
            end: slot.end,
            manageToken: this.d.newToken(),
            source: booking.source,
            sourceRef: null,
            language: booking.language,
          },
          now,
        );
        this.d.notifier.bookingCancelled({ booking: cancelled, property: from, user });
        this.d.notifier.bookingConfirmed({ booking: moved, property, user });
        return moved;
      }),
    );
  }

  /** Cancels a tour and frees its slot. Cancelling twice is harmless and sends nothing new. */
  cancel(bookingId: number): Booking {
    return this.d.tx.run(() => {
      const booking = this.get(bookingId);
      if (booking.status === "cancelled") return booking;
      this.assertChangeable(booking);
      const property = this.d.properties.findById(booking.propertyId);
      const user = this.d.users.findById(booking.userId);
      if (!property || !user) throw new AppError("booking_not_found", `Booking ${bookingId} is incomplete.`);
      const cancelled = this.d.bookings.markCancelled(booking.id, this.d.clock.now());
      this.d.notifier.bookingCancelled({ booking: cancelled, property, user });
      return cancelled;
    });
  }

  /** Sends the confirmation of an upcoming tour again (for example to a corrected address). */
  resendConfirmation(bookingId: number): Booking {
    return this.d.tx.run(() => {
      const booking = this.get(bookingId);
      this.assertChangeable(booking);
      const property = this.d.properties.findById(booking.propertyId);
      const user = this.d.users.findById(booking.userId);
      if (!property || !user) throw new AppError("booking_not_found", `Booking ${bookingId} is incomplete.`);
      this.d.notifier.bookingConfirmed({ booking, property, user });
      return booking;
    });
  }

  get(id: number): Booking {
    const b = this.d.bookings.findById(id);
    if (!b) throw new AppError("booking_not_found", `No tour with id ${id}.`);
    return b;
  }

  /** The booking made for a given source (an inbound e-mail), if any. */
  findBySourceRef(ref: string): Booking | undefined {
    return this.d.bookings.findBySourceRef(ref);
  }

  getByToken(token: string): Booking {
    const b = /^[A-Za-z0-9_-]{16,128}$/.test(token) ? this.d.bookings.findByToken(token) : undefined;
    if (!b) throw new AppError("booking_not_found", "No tour matches this link.");
    return b;
  }

  upcomingForUser(userId: number): Booking[] {
    return this.d.bookings.upcomingForUser(userId, this.d.clock.now());
  }

  list(filter: { email?: string; status?: BookingStatus; propertyId?: number }): BookingWithContact[] {
    return this.d.bookings.listWithContacts(filter);
  }

  private requireBookableProperty(propertyId: number): Property {
    const property = this.d.properties.findById(propertyId);
    if (!property) throw new AppError("property_not_found", `No property with id ${propertyId}.`);
    if (!property.active) throw new AppError("property_inactive", `${property.name} is not taking tours right now.`);
    return property;
  }

  private assertChangeable(booking: Booking): void {
    if (booking.status === "cancelled") throw new AppError("booking_cancelled", "This tour was cancelled.");
    if (booking.start.getTime() <= this.d.clock.now().getTime()) {
      throw new AppError("slot_in_past", "This tour has already taken place.");
    }
  }

  private assertFree(property: Property, user: User, slot: Slot, excludeId?: number): void {
    const pad = this.d.availability.policy.bufferMinutes * 60_000;
    const padded = { start: new Date(slot.start.getTime() - pad), end: new Date(slot.end.getTime() + pad) };
    if (this.d.bookings.confirmedOverlapping(property.id, padded, excludeId).length > 0) {
      throw new AppError("slot_unavailable", "That tour time was just taken.");
    }
    if (this.d.bookings.userConfirmedOverlapping(user.id, slot, excludeId).length > 0) {
      throw new AppError("user_busy", "You already have a tour booked at that time.");
    }
  }

  /** Adds the nearest open times to a `slot_unavailable` or `outside_tour_hours` error. */
  private withAlternatives<T>(propertyId: number, wanted: Date, fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      if (isAppError(err) && ["slot_unavailable", "outside_tour_hours", "insufficient_notice"].includes(err.code)) {
        const property = this.d.properties.findById(propertyId);
        if (property && !Number.isNaN(wanted.getTime())) {
          const alternatives = this.d.availability.nearestOpenSlots(property, wanted, 3);
          throw new AppError(err.code, err.message, {
            cause: err.cause,
            details: {
              ...err.details,
              timezone: property.timezone,
              alternatives: alternatives.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), local: s.local })),
            },
          });
        }
      }
      throw err;
    }
  }
}
