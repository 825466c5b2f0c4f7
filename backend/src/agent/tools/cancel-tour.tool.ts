import { tool } from "langchain";
import { z } from "zod";
import { isAppError } from "../../shared/app-error";
import { conversationIdOf } from "../agent-context";
import { errorText, slotWhen } from "./format";
import { resolveSessionTour } from "./session-tours";
import type { ToolDeps, ToolOutput } from "./tool-deps";

export function createCancelTourTool(d: ToolDeps) {
  return tool(
    async (args, runtime): Promise<ToolOutput> => {
      const conversationId = conversationIdOf(runtime);
      const target = resolveSessionTour(d, conversationId, args.bookingId);
      if (typeof target === "string") return [`Not cancelled: ${target}`, { ok: false, code: "booking_not_found" }];
      try {
        const cancelled = d.bookings.cancel(target.id);
        const p = d.properties.get(cancelled.propertyId);
        return [
          `Cancelled tour ${cancelled.id}: ${p.name}, ${slotWhen(cancelled.start, p.timezone)}. A cancellation e-mail is on its way.`,
          {
            ok: true,
            bookingId: cancelled.id,
            propertyId: p.id,
            label: slotWhen(cancelled.start, p.timezone, d.conversations.get(conversationId).facts.language),
          },
        ];
      } catch (err) {
        return [`Not cancelled: ${errorText(err)}`, { ok: false, code: isAppError(err) ? err.code : "internal" }];
      }
    },
    {
      name: "cancel_tour",
      description: "Cancel one of this conversation's upcoming tours and free the time. Only tours booked in this conversation can be cancelled.",
      schema: z.object({ bookingId: z.number().int().positive().nullish().describe("Tour id from list_my_tours; may be omitted when there is only one") }),
      responseFormat: "content_and_artifact",
    },
  );
}
