export type BookingStatus = "confirmed" | "cancelled";
export type BookingSource = "web" | "chat" | "email" | "staff";
export type BookingLanguage = "en" | "es";

export interface Booking {
  id: number;
  propertyId: number;
  userId: number;
  start: Date;
  end: Date;
  status: BookingStatus;
  manageToken: string;
  /** iCalendar SEQUENCE: bumped on each reschedule and on cancel. */
  sequence: number;
  source: BookingSource;
  /** The language the guest wrote in, for the tour's e-mails. */
  language: BookingLanguage;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt: Date | null;
}

export interface BookingWithContact extends Booking {
  user: { name: string; email: string; phone: string | null };
}
