import { tool } from "langchain";
import { z } from "zod";
import type { Slot } from "../../domain/availability/availability";
import { parseStartInput } from "../../domain/availability/start-input";
import { isAppError } from "../../shared/app-error";
import { conversationIdOf, sourceRefOf } from "../agent-context";
import { errorText, slotOption, slotWhen } from "./format";
import type { ToolDeps, ToolOutput } from "./tool-deps";

const schema = z.object({
  propertyId: z.number().int().positive().describe("Listing id"),
  start: z.string().max(40).describe("Tour start: the exact start from check_availability (UTC ISO), or local 'YYYY-MM-DDTHH:MM'"),
});

export function createBookTourTool(d: ToolDeps) {
  return tool(
    async (args, runtime): Promise<ToolOutput> => {
      const conversationId = conversationIdOf(runtime);
      const conversation = d.conversations.get(conversationId);
      if (!conversation.userId) {
        return [
          "Cannot book yet: the prospect's name and e-mail have not been saved. Ask for them and call save_prospect_info first.",
          { ok: false, needsContact: true },
        ];
      }
      try {
        const p = d.properties.get(args.propertyId);
        const start = parseStartInput(args.start, p.timezone);
        if (!start) return [`"${args.start}" is not a valid start time.`, { ok: false, code: "validation" }];
        const sourceRef = sourceRefOf(runtime);
        const booking = d.bookings.book({
          propertyId: p.id,
          userId: conversation.userId,
          start,
          source: conversation.channel === "email" ? "email" : "chat",
          sourceRef,
          language: conversation.facts.language,
        });
        d.conversations.grantBooking(conversationId, booking.id, "booked");
        d.conversations.updateFacts(conversationId, { offered: undefined, focusPropertyId: p.id });
        const user = d.users.get(conversation.userId);
        return [
          `Booked tour ${booking.id}: ${p.name}, ${slotWhen(booking.start, p.timezone)} (${p.address}, ${p.city}). ` +
            `A confirmation with a calendar invite and a link to manage the tour is being e-mailed to ${user.email}.`,
          { ok: true, bookingId: booking.id, propertyId: p.id, start: booking.start.toISOString() },
        ];
      } catch (err) {
        const alternatives = isAppError(err) ? (err.details?.alternatives as Array<{ start: string; end: string; local: string }> | undefined) : undefined;
        if (alternatives?.length) {
          const p = d.properties.get(args.propertyId);
          const slots: Slot[] = alternatives.map((a) => ({ start: new Date(a.start), end: new Date(a.end), local: a.local }));
          d.conversations.updateFacts(conversationId, { offered: slots.map((s) => ({ propertyId: p.id, start: s.start.toISOString(), local: s.local })) });
          const lines = slots.map((s, i) => `${i + 1}. ${slotWhen(s.start, p.timezone)} (start ${s.start.toISOString()})`);
          return [
            `Not booked: ${errorText(err)} Nearest open times at ${p.name}:\n${lines.join("\n")}`,
            { ok: false, code: isAppError(err) ? err.code : "internal", options: slots.map((s) => slotOption(p, s, conversation.facts.language)) },
          ];
        }
        return [`Not booked: ${errorText(err)}`, { ok: false, code: isAppError(err) ? err.code : "internal" }];
      }
    },
    {
      name: "book_tour",
      description:
        "Book a property tour for the prospect saved in this conversation, after they confirmed the property and time. " +
        "Sends a confirmation e-mail with a calendar invite. " +
        "If the time was just taken or is not a tour time, the nearest open times are returned.",
      schema,
      responseFormat: "content_and_artifact",
    },
  );
}
