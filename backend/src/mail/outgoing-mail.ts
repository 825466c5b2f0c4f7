/** A message waiting in the outbox: stored rendered, or as a payload rendered when sent. */
export interface OutgoingMail {
  kind: string;
  messageId: string; // with angle brackets
  to: string;
  cc?: string | null;
  subject?: string | null;
  text?: string | null;
  html?: string | null;
  /** iCalendar text, sent as a text/calendar alternative. */
  ics?: string | null;
  icsMethod?: "REQUEST" | "CANCEL" | null;
  inReplyTo?: string | null;
  references?: string | null;
  headers?: Record<string, string>;
  bookingId?: number | null;
  /** JSON-serialisable facts for this kind's renderer. */
  payload?: unknown;
}

export interface QueuedMail extends OutgoingMail {
  id: number;
  attempts: number;
  status: "pending" | "sending" | "sent" | "failed";
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** What a transport sends: every part is final. */
export interface RenderedMail extends OutgoingMail {
  subject: string;
  text: string;
}

/** Where channels and services queue mail: inside the transaction of the change it reports. */
export interface MailOutbox {
  enqueue(mail: OutgoingMail): number;
}
