import type { Booking } from "../domain/bookings/booking";
import type { BookingService } from "../domain/bookings/booking-service";
import type { ContactInput } from "../domain/users/contact-validation";
import type { UserService } from "../domain/users/user-service";

/** A tour booked from the public form: who, where and when. */
export interface TourRequest {
  propertyId: number;
  start: Date;
  contact: ContactInput;
}

/** One change the public API makes to tours. */
export type TourChange =
  | { type: "book"; request: TourRequest }
  | { type: "reschedule"; bookingId: number; start: Date }
  | { type: "cancel"; bookingId: number };

/**
 * The tour changes the public API makes: book from the form, and move or cancel by the manage
 * link. In-process, or on a thread of its own (TourDeskThread) so that SQLite transactions never
 * hold up the thread that serves HTTP.
 */
export interface TourDesk {
  book(request: TourRequest): Promise<Booking>;
  reschedule(bookingId: number, start: Date): Promise<Booking>;
  cancel(bookingId: number): Promise<Booking>;
  close(): Promise<void>;
}

/** Makes one change, synchronously, in the booking service's transaction (a savepoint inside one already open). */
export function applyTourChange(bookings: BookingService, users: UserService, c: TourChange): Booking {
  switch (c.type) {
    case "book":
      return bookings.bookForContact({ propertyId: c.request.propertyId, start: c.request.start, source: "web" }, () => users.upsertProspect(c.request.contact));
    case "reschedule":
      return bookings.reschedule(c.bookingId, c.start);
    case "cancel":
      return bookings.cancel(c.bookingId);
  }
}

/** Runs the changes in this thread. */
export function inProcessTourDesk(bookings: BookingService, users: UserService): TourDesk {
  return {
    book: async (request) => applyTourChange(bookings, users, { type: "book", request }),
    reschedule: async (bookingId, start) => applyTourChange(bookings, users, { type: "reschedule", bookingId, start }),
    cancel: async (bookingId) => applyTourChange(bookings, users, { type: "cancel", bookingId }),
    close: async () => {},
  };
}
