/** Where the offline model left the dialogue; carried on its own AI messages. */
export interface OfflineState {
  /** A tour time put to the person and waiting for a yes or their details. */
  proposal?: { kind: "book"; propertyId: number; start: string; label: string } | { kind: "reschedule"; bookingId: number; propertyId: number; start: string; label: string };
  awaiting?: "contact" | "confirm" | "slot" | "property" | "which_cancel" | "which_reschedule" | "reschedule_time" | "location";
  lastOffer?: "slots" | "properties" | "tours";
  rescheduleBookingId?: number;
  /** Consecutive turns in which nothing moved forward. */
  stalled?: number;
}

export const STATE_KEY = "offline_state";
