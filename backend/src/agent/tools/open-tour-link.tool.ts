import { tool } from "langchain";
import { z } from "zod";
import { conversationIdOf } from "../agent-context";
import { bookingLine, errorText } from "./format";
import type { ToolDeps, ToolOutput } from "./tool-deps";

/** A manage link (/tours/<token>) pasted in chat gives this conversation access to that tour. */
export function createOpenTourLinkTool(d: ToolDeps) {
  return tool(
    async ({ link }, runtime): Promise<ToolOutput> => {
      const conversationId = conversationIdOf(runtime);
      const token = /(?:\/tours\/)?([A-Za-z0-9_-]{16,128})\/?$/.exec(link.trim())?.[1];
      if (!token) return ["That does not look like a tour link.", { ok: false }];
      try {
        const b = d.bookings.getByToken(token);
        d.conversations.grantBooking(conversationId, b.id, "link");
        return [`Found ${bookingLine(b, d.properties.get(b.propertyId))}. It can now be rescheduled or cancelled here.`, { ok: true, bookingId: b.id }];
      } catch (err) {
        return [`No tour found for that link: ${errorText(err)}`, { ok: false }];
      }
    },
    {
      name: "open_tour_link",
      description:
        "Open a tour from the manage link in its confirmation e-mail (…/tours/<token>) so it can be viewed, rescheduled or cancelled in this conversation.",
      schema: z.object({ link: z.string().max(300).describe("The manage link or its token") }),
      responseFormat: "content_and_artifact",
    },
  );
}
