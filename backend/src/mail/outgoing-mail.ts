/** A fully rendered e-mail waiting in the outbox. */
export interface OutgoingMail {
  kind: string;
  messageId: string; // with angle brackets
  to: string;
  cc?: string | null;
  subject: string;
  text: string;
  html?: string | null;
  /** iCalendar text, sent as a text/calendar alternative. */
  ics?: string | null;
  icsMethod?: "REQUEST" | "CANCEL" | null;
  inReplyTo?: string | null;
  references?: string | null;
  headers?: Record<string, string>;
  bookingId?: number | null;
}

export interface QueuedMail extends OutgoingMail {
  id: number;
  attempts: number;
  status: "pending" | "sending" | "sent" | "failed";
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}
