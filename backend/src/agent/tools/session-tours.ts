import type { Booking } from "../../domain/bookings/booking";
import type { ToolDeps } from "./tool-deps";

/** Upcoming confirmed tours this conversation may see: those it booked or reached by link. */
export function sessionUpcomingTours(d: ToolDeps, conversationId: string): Booking[] {
  const now = d.clock.now().getTime();
  return d.conversations
    .bookingIds(conversationId)
    .map((id) => d.bookings.get(id))
    .filter((b) => b.status === "confirmed" && b.start.getTime() > now)
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * The tour a reschedule or cancel refers to: the given id if this conversation may touch it,
 * or the only upcoming one. Returns a sentence for the model when it cannot decide.
 */
export function resolveSessionTour(d: ToolDeps, conversationId: string, bookingId: number | null | undefined): Booking | string {
  const mine = sessionUpcomingTours(d, conversationId);
  if (bookingId != null) {
    const found = mine.find((b) => b.id === bookingId);
    if (found) return found;
    // Same answer whether the tour does not exist or belongs to someone else.
    const upcoming = mine.length ? mine.map((b) => b.id).join(", ") : "none";
    return `Tour ${bookingId} is not one of the tours booked in this conversation. Upcoming tours here: ${upcoming}.`;
  }
  if (mine.length === 1) return mine[0];
  if (mine.length === 0) return "There are no upcoming tours booked in this conversation.";
  return `Several upcoming tours were booked in this conversation (ids ${mine.map((b) => b.id).join(", ")}); ask which one.`;
}
