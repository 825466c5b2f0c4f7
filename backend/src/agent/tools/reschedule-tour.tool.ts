import { tool } from "langchain";
import { z } from "zod";
import type { Slot } from "../../domain/availability/availability";
import { parseStartInput } from "../../domain/availability/start-input";
import { isAppError } from "../../shared/app-error";
import { conversationIdOf } from "../agent-context";
import { errorText, slotOption, slotWhen } from "./format";
import { resolveSessionTour } from "./session-tours";
import type { ToolDeps, ToolOutput } from "./tool-deps";

const schema = z.object({
  bookingId: z.number().int().positive().nullish().describe("Tour id from list_my_tours; may be omitted when there is only one"),
  newStart: z.string().max(40).describe("New start: exact start from check_availability (UTC ISO), or local 'YYYY-MM-DDTHH:MM'"),
  propertyId: z
    .number()
    .int()
    .positive()
    .nullish()
    .describe("Only to move the tour to another listing: that listing's id (the old tour is cancelled when the new one is booked)"),
});

export function createRescheduleTourTool(d: ToolDeps) {
  return tool(
    async (args, runtime): Promise<ToolOutput> => {
      const conversationId = conversationIdOf(runtime);
      const target = resolveSessionTour(d, conversationId, args.bookingId);
      if (typeof target === "string") return [`Not rescheduled: ${target}`, { ok: false, code: "booking_not_found" }];
      const from = d.properties.get(target.propertyId);
      const p = args.propertyId && args.propertyId !== target.propertyId ? d.properties.get(args.propertyId) : from;
      const start = parseStartInput(args.newStart, p.timezone);
      if (!start) return [`"${args.newStart}" is not a valid start time.`, { ok: false, code: "validation" }];
      try {
        if (p.id !== from.id) {
          const moved = d.bookings.moveToProperty(target.id, p.id, start);
          d.conversations.grantBooking(conversationId, moved.id, "booked");
          d.conversations.updateFacts(conversationId, { offered: undefined, focusPropertyId: p.id });
          return [
            `Moved the tour to ${p.name} on ${slotWhen(moved.start, p.timezone)} (new tour ${moved.id}); ` +
              `the earlier tour of ${from.name} on ${slotWhen(target.start, from.timezone)} is cancelled. ` +
              "A confirmation and a cancellation are being e-mailed.",
            { ok: true, bookingId: moved.id, start: moved.start.toISOString(), movedFrom: target.id, fromPropertyId: from.id },
          ];
        }
        const moved = d.bookings.reschedule(target.id, start);
        d.conversations.updateFacts(conversationId, { offered: undefined });
        return [
          `Rescheduled tour ${moved.id}: ${p.name}, from ${slotWhen(target.start, p.timezone)} to ${slotWhen(moved.start, p.timezone)}. ` +
            "An updated calendar invite is being e-mailed.",
          { ok: true, bookingId: moved.id, start: moved.start.toISOString() },
        ];
      } catch (err) {
        const alternatives = isAppError(err) ? (err.details?.alternatives as Array<{ start: string; end: string; local: string }> | undefined) : undefined;
        if (alternatives?.length) {
          const slots: Slot[] = alternatives.map((a) => ({ start: new Date(a.start), end: new Date(a.end), local: a.local }));
          d.conversations.updateFacts(conversationId, {
            offered: slots.map((s) => ({ propertyId: p.id, start: s.start.toISOString(), local: s.local })),
            focusPropertyId: p.id,
          });
          const lines = slots.map((s, i) => `${i + 1}. ${slotWhen(s.start, p.timezone)} (start ${s.start.toISOString()})`);
          return [
            `Not rescheduled: ${errorText(err)} Nearest open times at ${p.name}:\n${lines.join("\n")}`,
            {
              ok: false,
              code: isAppError(err) ? err.code : "internal",
              options: slots.map((s) => slotOption(p, s, d.conversations.get(conversationId).facts.language)),
            },
          ];
        }
        return [`Not rescheduled: ${errorText(err)}`, { ok: false, code: isAppError(err) ? err.code : "internal" }];
      }
    },
    {
      name: "reschedule_tour",
      description:
        "Move one of this conversation's upcoming tours to a new open time, at the same property or (with propertyId) at another listing. " +
        "Sends an updated calendar invite, or a confirmation and a cancellation when the listing changes. " +
        "Only tours booked in this conversation can be moved.",
      schema,
      responseFormat: "content_and_artifact",
    },
  );
}
