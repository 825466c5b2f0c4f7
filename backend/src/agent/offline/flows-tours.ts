import type { ChoiceOption } from "../../domain/conversations/conversation";
import { chosenSlot, pickTour } from "./choices";
import { availabilityArgs, slotList, toolReason } from "./flows-booking";
import type { CatalogEntry } from "./nlu/catalog";
import { shiftedLocal } from "./nlu/when";
import { call, type Decision, did, type PolicyContext, type Tour } from "./policy-types";

function tourOptions(ctx: PolicyContext, tours: Tour[]): ChoiceOption[] {
  const { w } = ctx;
  return tours.map((t) => ({
    type: "reply",
    label: w.say("tour_option", { name: t.property, when: t.label }),
    value: w.say("tour_option_value", { name: t.property, when: t.label }),
  }));
}

function upcoming(ctx: PolicyContext, tours: Tour[]): string {
  return ctx.w.say(tours.length === 1 ? "your_tour_is" : "your_tours_are", { tours: tours.map((t) => `${t.property}, ${t.label}`).join("; ") });
}

/** "Your tour of X is cancelled" after cancel_tour, from what the tool returned. */
export function cancelledText(ctx: PolicyContext): string {
  const done = did(ctx, "cancel_tour");
  const name = ctx.catalog.entries.find((e) => e.id === done?.artifact?.propertyId)?.name ?? "";
  return ctx.w.say("cancelled", { tour: `${name}, ${String(done?.artifact?.label ?? "")}` });
}

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
      reply: ok === 1 ? w.say("cancelled_all_one") : ok === 2 ? w.say("cancelled_all_two") : w.say("cancelled_all", { n: ok }),
      state: { awaiting: "anything_else" },
    };
  }
  const done = did(ctx, "cancel_tour");
  if (done) {
    if (done.artifact?.ok) {
      const propertyId = Number(done.artifact.propertyId);
      return {
        reply: `${cancelledText(ctx)} ${w.say("pick_another_time")}`,
        state: { awaiting: "anything_else", ...(propertyId ? { rebookPropertyId: propertyId } : {}) },
      };
    }
    return { reply: w.say("not_cancelled", { reason: toolReason(ctx, done, "Not cancelled: ") }), state: {} };
  }
  const tours = facts.tours;
  if (tours.length === 0) {
    // "Never mind, I signed a lease elsewhere" with nothing booked: a goodbye, not a lookup.
    if (
      /\b(found|signed|went with|go(?:ing)? with|decided|no longer (?:looking|need|interested)|not (?:looking|interested) anymore)\b/.test(ctx.interp.folded)
    ) {
      return { reply: w.say("found_elsewhere"), state: {} };
    }
    return { reply: w.say("no_tours"), state: {} };
  }
  const target = pickTour(ctx, tours, true);
  if (target) return call("cancel_tour", { bookingId: target.id });
  // "Cancel the Harborview one" with no tour there: say so, and change nothing.
  if (ctx.interp.property && !tours.some((t) => t.propertyId === ctx.interp.property!.id)) {
    return {
      reply: `${w.say("no_tour_at", { name: ctx.interp.property.name })} ${upcoming(ctx, tours)} ${w.say(tours.length === 1 ? "cancel_that_one" : "cancel_one_of")}`,
      state: { awaiting: "which_cancel", lastOffer: "tours" },
      options: tourOptions(ctx, tours),
    };
  }
  // "Cancel my Portland tour" with no tour there: say so, and change nothing.
  if (ctx.interp.criteria.location && !ctx.interp.property && !ctx.interp.intents.search) {
    return {
      reply: `${w.say("no_tour_in", { place: ctx.interp.criteria.location })} ${upcoming(ctx, tours)} ${w.say("cancel_which_if_any")}`,
      state: { awaiting: "which_cancel", lastOffer: "tours" },
      options: tourOptions(ctx, tours),
    };
  }
  return {
    reply: w.say("which_cancel", { n: tours.length, tours: tours.map((t, i) => `${i + 1}. ${t.property}, ${t.label}`).join("; ") }),
    state: { awaiting: "which_cancel", lastOffer: "tours" },
    options: tourOptions(ctx, tours),
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
      reply: w.say("switch_failed", { to: to.name, reason: toolReason(ctx, failed, "Not rescheduled: ").split("\n")[0], from: from.property }),
      state: {},
      options: failed.artifact?.options ?? [],
    };
  const checked = did(ctx, "check_availability");
  if (!checked) return call("check_availability", { propertyId: to.id, date, time });
  if (checked.artifact?.requestedOpen) return call("reschedule_tour", { bookingId: from.id, newStart: checked.artifact.requestedOpen, propertyId: to.id });
  const options = checked.artifact?.options ?? [];
  return {
    reply: w.say("switch_closed", {
      to: to.name,
      from: from.property,
      nearest: options.length ? w.say("switch_nearest", { slots: slotList(options) }) : "",
    }),
    state: { lastOffer: "slots", awaiting: "slot", rescheduleBookingId: from.id },
    options,
  };
}

export function listFlow(ctx: PolicyContext): Decision {
  // The facts snapshot is read fresh for every model call and already lists the tours.
  const tours = ctx.facts.tours;
  if (tours.length === 0) return { reply: ctx.w.say("no_tours"), state: {} };
  const lines = tours.map((t) => `• ${t.property} — ${t.label}`);
  return {
    reply: ctx.w.say(tours.length === 1 ? "tours_one" : "tours_many", { lines: lines.join("\n") }),
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
        const was = ctx.catalog.entries.find((e) => e.id === art.fromPropertyId)?.name;
        return {
          reply: w.say("moved_listing", {
            tour: t ? w.say("place_on", { name: t.property, when: t.label }) : w.say("the_new_listing"),
            was: was ? w.say("moved_listing_was", { name: was }) : "",
          }),
          state: { lastBookedId: Number(art.bookingId), awaiting: "anything_else" },
        };
      }
      return {
        reply: w.say("moved", { name: t?.property ?? "", when: t?.label ?? "" }),
        state: { awaiting: "anything_else" },
      };
    }
    if (art.options?.length) {
      return {
        reply: w.say("move_unavailable", { slots: slotList(art.options) }),
        state: { rescheduleBookingId: Number(moved.args.bookingId), awaiting: "slot", lastOffer: "slots" },
        options: art.options,
      };
    }
    return { reply: w.say("not_moved", { reason: toolReason(ctx, moved, "Not rescheduled: ") }), state: {} };
  }
  const tours = facts.tours;
  if (tours.length === 0) return { reply: w.say("no_tours"), state: {} };
  const target =
    (prev.rescheduleBookingId !== undefined ? tours.find((t) => t.id === prev.rescheduleBookingId) : undefined) ??
    pickTour(ctx, tours, prev.awaiting === "which_reschedule");
  if (!target) {
    return {
      reply: w.say("which_move", { tours: tours.map((t, i) => `${i + 1}. ${t.property}, ${t.label}`).join("; ") }),
      state: { awaiting: "which_reschedule", lastOffer: "tours" },
      options: tourOptions(ctx, tours),
    };
  }
  const checked = did(ctx, "check_availability");
  if (checked) {
    const art = checked.artifact ?? {};
    if (art.requestedOpen) return call("reschedule_tour", { bookingId: target.id, newStart: art.requestedOpen });
    const options = art.options ?? [];
    if (options.length === 0) return { reply: w.say("no_times", { name: target.property }), state: {} };
    return {
      reply: w.say("move_times", { name: target.property, slots: slotList(options) }),
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
  if (!property) return { reply: w.say("no_tours"), state: {} };
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
