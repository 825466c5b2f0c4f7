/** Where the offline model left the dialogue; carried on its own AI messages. */
export interface OfflineState {
  /** A tour time put to the person and waiting for a yes or their details. */
  proposal?:
    | { kind: "book"; propertyId: number; start: string; label: string; local?: string }
    | { kind: "reschedule"; bookingId: number; propertyId: number; start: string; label: string; local?: string };
  awaiting?: "contact" | "confirm" | "slot" | "property" | "which_cancel" | "which_reschedule" | "reschedule_time" | "location" | "anything_else" | "queued";
  lastOffer?: "slots" | "properties" | "tours";
  rescheduleBookingId?: number;
  /** After a cancellation: the listing to offer new times for if the person says yes. */
  rebookPropertyId?: number;
  /** The tour booked by the last reply, so "wait, don't book it" can undo it. */
  lastBookedId?: number;
  /** A day or time asked for before the listing was known. */
  pendingWhen?: import("./nlu/when").WhenFinding;
  /** The two listings just compared, for "the cheaper one". */
  compared?: number[];
  /** A second request made in the same message ("…and also The Pecan Monday at 2"), for after the first. */
  queued?: string;
  /** Consecutive turns in which nothing moved forward. */
  stalled?: number;
}

export const STATE_KEY = "offline_state";
