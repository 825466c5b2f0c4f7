import type { ChoiceOption } from "../../domain/conversations/conversation";
import { chosenSlot, pickTour } from "./choices";
import { availabilityArgs } from "./flows-booking";
import type { CatalogEntry } from "./nlu/catalog";
import { shiftedLocal } from "./nlu/when";
import { call, type Decision, did, type PolicyContext, type Tour } from "./policy-types";

function tourOptions(tours: Tour[]): ChoiceOption[] {
  return tours.map((t) => ({ type: "reply", label: `${t.property}, ${t.label}`, value: `The ${t.property} tour on ${t.label}` }));
}

const NO_TOURS =
  "I don't see any upcoming tours booked in this chat. If you booked somewhere else, paste the link from your confirmation e-mail and I can help with it.";

export function cancelFlow(ctx: PolicyContext): Decision {
  const { facts, w } = ctx;
  // "Cancel both", "cancel all my tours": each one in turn, then one answer.
  if (
    /\b(?:both|all (?:of )?(?:them|my (?:tours|appointments|bookings|visits))|every (?:tour|one))\b/.test(ctx.interp.folded) &&
    (facts.tours.length > 1 || ctx.done.some((d) => d.name === "cancel_tour"))
  ) {
    const cancelled = ctx.done.filter((d) => d.name === "cancel_tour").map((d) => Number(d.args.bookingId));
    const next = facts.tours.find((t) => !cancelled.includes(t.id));
    if (next) return call("cancel_tour", { bookingId: next.id });
    const ok = ctx.done.filter((d) => d.name === "cancel_tour" && d.artifact?.ok).length;
    return {
      reply: `Done — I've cancelled ${ok === 1 ? "your tour" : ok === 2 ? "both of your tours" : `all ${ok} of your tours`}, and a cancellation e-mail is on its way for each. Would you like to look at other times or places?`,
      state: { awaiting: "anything_else" },
    };
  }
  const done = did(ctx, "cancel_tour");
  if (done) {
    if (done.artifact?.ok) {
      const text = done.content.replace(/^Cancelled tour \d+: /, "").replace(/\. A cancellation e-mail is on its way\.$/, "");
      const propertyId = ctx.catalog.entries.find((e) => text.startsWith(e.name))?.id;
      return {
        reply: `Done — your tour of ${text} is cancelled, and a cancellation e-mail is on its way. Would you like to pick another time?`,
        state: { awaiting: "anything_else", ...(propertyId ? { rebookPropertyId: propertyId } : {}) },
      };
    }
    return { reply: `${w.sorry()} I couldn't cancel it: ${done.content.replace(/^Not cancelled: /, "")}`, state: {} };
  }
  const tours = facts.tours;
  if (tours.length === 0) {
    // "Never mind, I signed a lease elsewhere" with nothing booked: a goodbye, not a lookup.
    if (
      /\b(found|signed|went with|go(?:ing)? with|decided|no longer (?:looking|need|interested)|not (?:looking|interested) anymore)\b/.test(ctx.interp.folded)
    ) {
      return { reply: "Thanks for letting me know, and congratulations on finding a place! If anything changes, I'm here to help.", state: {} };
    }
    return { reply: NO_TOURS, state: {} };
  }
  const target = pickTour(ctx, tours, true);
  if (target) return call("cancel_tour", { bookingId: target.id });
  // "Cancel the Harborview one" with no tour there: say so, and change nothing.
  if (ctx.interp.property && !tours.some((t) => t.propertyId === ctx.interp.property!.id)) {
    return {
      reply: `I don't see a tour at ${ctx.interp.property.name}. Your upcoming ${tours.length === 1 ? "tour is" : "tours are"}: ${tours.map((t) => `${t.property}, ${t.label}`).join("; ")}. Should I cancel ${tours.length === 1 ? "that one" : "one of these"}?`,
      state: { awaiting: "which_cancel", lastOffer: "tours" },
      options: tourOptions(tours),
    };
  }
  // "Cancel my Portland tour" with no tour there: say so, and change nothing.
  if (ctx.interp.criteria.location && !ctx.interp.property && !ctx.interp.intents.search) {
    return {
      reply: `I don't see a tour in ${ctx.interp.criteria.location}. Your upcoming ${tours.length === 1 ? "tour is" : "tours are"}: ${tours.map((t) => `${t.property}, ${t.label}`).join("; ")}. Which one should I cancel, if any?`,
      state: { awaiting: "which_cancel", lastOffer: "tours" },
      options: tourOptions(tours),
    };
  }
  return {
    reply: `You have ${tours.length} upcoming tours: ${tours.map((t, i) => `${i + 1}. ${t.property}, ${t.label}`).join("; ")}. Which one should I cancel?`,
    state: { awaiting: "which_cancel", lastOffer: "tours" },
    options: tourOptions(tours),
  };
}

/**
 * "Switch my tour to the Fernwood instead, same time": the tour moved to the other listing (same
 * day and time unless said otherwise). Once the move is done, rescheduleFlow answers, since the
 * tour is then at the new listing; this flow only answers a move that failed.
 */
export function switchListingFlow(ctx: PolicyContext, from: Tour, to: CatalogEntry): Decision {
  const { interp, w } = ctx;
  const date = interp.when.date ?? from.startLocal;
  const time = interp.when.time ?? from.localTime;
  const failed = did(ctx, "reschedule_tour");
  if (failed)
    return {
      reply: `${w.sorry()} I couldn't move it to ${to.name}: ${failed.content.replace(/^Not rescheduled: /, "").split("\n")[0]} Your ${from.property} tour stays as it is.`,
      state: {},
      options: failed.artifact?.options ?? [],
    };
  const checked = did(ctx, "check_availability");
  if (!checked) return call("check_availability", { propertyId: to.id, date, time });
  if (checked.artifact?.requestedOpen) return call("reschedule_tour", { bookingId: from.id, newStart: checked.artifact.requestedOpen, propertyId: to.id });
  const options = checked.artifact?.options ?? [];
  return {
    reply: `${w.sorry()} ${to.name} isn't open at that time. ${options.length ? `The nearest times there are: ${options.map((o) => o.label).join("; ")}.` : ""} Your ${from.property} tour stays booked — tell me which time works here and I'll move it.`,
    state: { lastOffer: "slots", awaiting: "slot", rescheduleBookingId: from.id },
    options,
  };
}

export function listFlow(ctx: PolicyContext): Decision {
  // The facts snapshot is read fresh for every model call and already lists the tours.
  const tours = ctx.facts.tours;
  if (tours.length === 0) return { reply: NO_TOURS, state: {} };
  const lines = tours.map((t) => `• ${t.property} — ${t.label}`);
  return {
    reply: `Your upcoming ${tours.length === 1 ? "tour" : "tours"}:\n${lines.join("\n")}\nWould you like to reschedule or cancel ${tours.length === 1 ? "it" : "one of them"}?`,
    state: { lastOffer: "tours" },
  };
}

export function rescheduleFlow(ctx: PolicyContext): Decision {
  const { facts, interp, prev, w } = ctx;
  const moved = did(ctx, "reschedule_tour");
  if (moved) {
    const art = moved.artifact ?? {};
    if (art.ok) {
      const t = facts.tours.find((x) => x.id === art.bookingId);
      if (art.movedFrom !== undefined) {
        const was = /; the earlier tour of (.+?) on /.exec(moved.content)?.[1];
        return {
          reply: `Done — you're now booked at ${t ? `${t.property} on ${t.label}` : "the new listing"}${was ? `, and your tour of ${was} is cancelled` : ""}. A confirmation and a cancellation e-mail are on their way. Anything else I can help with?`,
          state: { lastBookedId: Number(art.bookingId), awaiting: "anything_else" },
        };
      }
      return {
        reply: `Done — your tour${t ? ` of ${t.property}` : ""} is now ${t ? t.label : "moved"}. An updated calendar invite is on its way. Anything else I can help with?`,
        state: { awaiting: "anything_else" },
      };
    }
    if (art.options?.length) {
      return {
        reply: `${w.sorry()} that time isn't available. The nearest open times are: ${art.options.map((o) => o.label).join("; ")}. Which works instead?`,
        state: { rescheduleBookingId: Number(moved.args.bookingId), awaiting: "slot", lastOffer: "slots" },
        options: art.options,
      };
    }
    return { reply: `${w.sorry()} I couldn't move it: ${moved.content.replace(/^Not rescheduled: /, "")}`, state: {} };
  }
  const tours = facts.tours;
  if (tours.length === 0) return { reply: NO_TOURS, state: {} };
  const target =
    (prev.rescheduleBookingId !== undefined ? tours.find((t) => t.id === prev.rescheduleBookingId) : undefined) ??
    pickTour(ctx, tours, prev.awaiting === "which_reschedule");
  if (!target) {
    return {
      reply: `Which tour would you like to move? ${tours.map((t, i) => `${i + 1}. ${t.property}, ${t.label}`).join("; ")}.`,
      state: { awaiting: "which_reschedule", lastOffer: "tours" },
      options: tourOptions(tours),
    };
  }
  const checked = did(ctx, "check_availability");
  if (checked) {
    const art = checked.artifact ?? {};
    if (art.requestedOpen) return call("reschedule_tour", { bookingId: target.id, newStart: art.requestedOpen });
    const options = art.options ?? [];
    if (options.length === 0) return { reply: checked.content, state: {} };
    return {
      reply: `Here are open times at ${target.property}: ${options.map((o) => o.label).join("; ")}. Which one should I move your tour to?`,
      state: { rescheduleBookingId: target.id, awaiting: "slot", lastOffer: "slots" },
      options,
    };
  }
  const slot = chosenSlot(ctx);
  if (slot && slot.propertyId === target.propertyId) return call("reschedule_tour", { bookingId: target.id, newStart: slot.start });
  // A time picked at another listing, offered for moving this tour there.
  if (slot && prev.rescheduleBookingId === target.id)
    return call("reschedule_tour", { bookingId: target.id, newStart: slot.start, propertyId: slot.propertyId });
  const property = ctx.catalog.entries.find((e) => e.id === target.propertyId);
  if (!property) return { reply: NO_TOURS, state: {} };
  // "Postpone it by a week": the tour's own time, days later.
  if (interp.when.shiftDays !== undefined && !interp.when.date) {
    const day = new Date(Date.parse(`${target.startLocal}T00:00:00Z`) + interp.when.shiftDays * 86_400_000).toISOString().slice(0, 10);
    return call("reschedule_tour", { bookingId: target.id, newStart: `${day}T${interp.when.time ?? target.localTime}` });
  }
  // "Push it back an hour": the tour's own time, moved.
  if (interp.when.shiftMinutes !== undefined && !interp.when.time) {
    const moved = shiftedLocal(interp.when.date ?? target.startLocal, target.localTime, interp.when.shiftMinutes);
    if (moved) return call("reschedule_tour", { bookingId: target.id, newStart: `${moved.date}T${moved.time}` });
  }
  // "Same day at 4", "Wednesday, same time": keep that part of the current tour.
  const when = { ...interp.when };
  // "The following Monday": the one after the tour's own day.
  if (when.date && /\b(?:following|after that|the week after)\b/.test(interp.folded)) {
    while (when.date <= target.startLocal) when.date = new Date(Date.parse(`${when.date}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  }
  if (when.sameDay && !when.date) when.date = target.startLocal;
  if (when.sameTime && !when.time) when.time = target.localTime;
  if (when.date && when.time) {
    return call("reschedule_tour", { bookingId: target.id, newStart: `${when.date}T${when.time}` });
  }
  if (when.date || when.range || when.time || when.partOfDay || when.after || when.before) {
    // A bare time refers to the day of the times just offered, else to the tour's own day.
    const offeredDay = prev.lastOffer === "slots" ? facts.offered.find((o) => o.propertyId === property.id)?.local.slice(0, 10) : undefined;
    return call("check_availability", availabilityArgs(property, when, offeredDay ?? target.startLocal));
  }
  return call("check_availability", { propertyId: property.id });
}
