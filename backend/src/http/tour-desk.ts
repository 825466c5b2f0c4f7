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

/** Runs the changes in this thread. */
export function inProcessTourDesk(bookings: BookingService, users: UserService): TourDesk {
  return {
    book: async (r) =>
      bookings.bookForContact({ propertyId: r.propertyId, start: r.start, source: "web" }, () => users.upsertProspect(r.contact)),
    reschedule: async (bookingId, start) => bookings.reschedule(bookingId, start),
    cancel: async (bookingId) => bookings.cancel(bookingId),
    close: async () => {},
  };
}
