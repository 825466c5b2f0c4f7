import type { ChoiceOption } from "../../domain/conversations/conversation";
import { chosenSlot, mergedCriteria, newContactArgs, targetProperty } from "./choices";
import { availabilityArgs, availabilityReply, bookedReply, proposeOrBook } from "./flows-booking";
import { askWhichProperty, describeCriteria, detailsReply, searchArgs, searchReply } from "./flows-search";
import { cancelFlow, listFlow, rescheduleFlow } from "./flows-tours";
import { call, did, type Decision, type PolicyContext } from "./policy-types";
import { list } from "./wording";

/**
 * The offline model's next move for one model call. It reads the latest message, the facts
 * snapshot and what the tools returned so far in this turn, and either asks for one more
 * tool call or writes the reply. Being deterministic, it reaches the same decision when it
 * is called again after each tool result, which is how multi-step turns progress.
 */
export function decide(ctx: PolicyContext): Decision {
  const { facts, interp, prev, w } = ctx;
  const i = interp.intents;

  // Other people's tours are out of reach whatever the message claims.
  if (i.thirdParty && ctx.done.length === 0) {
    return {
      reply: `I can only see and change tours booked in this chat (or opened from your own confirmation link), so I can't look up or change anyone else's bookings. ${facts.tours.length ? "Would you like to do something with your own tour?" : "Can I help you find a place or book a tour?"}`,
      state: prev,
    };
  }

  // A manage link pasted in the chat opens that tour here.
  if (interp.tourLink && !did(ctx, "open_tour_link")) return call("open_tour_link", { link: interp.tourLink });

  // Contact details first: later steps (booking) depend on them.
  const contactArgs = newContactArgs(ctx);
  if (contactArgs && !did(ctx, "save_prospect_info")) return call("save_prospect_info", contactArgs);
  const saved = did(ctx, "save_prospect_info");
  const invalid = (saved?.artifact?.invalid as string[] | undefined) ?? [];

  if (invalid.length) {
    return {
      reply: `${w.sorry()} ${invalid.join("; ")}. Could you double-check it?`,
      state: { ...prev, awaiting: prev.awaiting ?? "contact" },
    };
  }

  const opened = did(ctx, "open_tour_link");
  if (opened && !i.cancel && !i.reschedule) {
    return { reply: opened.artifact?.ok ? `${opened.content} Would you like to reschedule or cancel it?` : opened.content, state: { lastOffer: "tours" } };
  }

  // Finish what a tool already did this turn.
  if (did(ctx, "cancel_tour")) return cancelFlow(ctx);
  if (did(ctx, "reschedule_tour")) return rescheduleFlow(ctx);
  if (did(ctx, "list_my_tours")) return listFlow(ctx);

  // Tours already booked: cancel, list, reschedule.
  const proposalPending = prev.proposal !== undefined;
  if (i.cancel && !(proposalPending && facts.tours.length === 0)) return cancelFlow(ctx);
  if (prev.awaiting === "which_cancel" && (interp.ordinal !== undefined || interp.property || interp.when.date)) return cancelFlow(ctx);
  if (i.listTours && !i.reschedule) return listFlow(ctx);
  const rescheduling =
    (i.reschedule && facts.tours.length > 0 && !(proposalPending && prev.proposal?.kind === "book" && i.other)) ||
    prev.awaiting === "which_reschedule" ||
    (prev.rescheduleBookingId !== undefined && (chosenSlot(ctx) || interp.when.date || interp.when.time || interp.when.range || i.other));
  if (rescheduling) return rescheduleFlow(ctx);
  if (i.reschedule && facts.tours.length === 0 && !proposalPending && !facts.focus) return rescheduleFlow(ctx);

  if (did(ctx, "book_tour")) return bookedReply(ctx);

  // Answer to a proposed time.
  if (prev.proposal?.kind === "book") {
    const p = prev.proposal;
    const changed = interp.when.date || interp.when.time || interp.when.range || interp.ordinal !== undefined || (interp.property && interp.property.id !== p.propertyId) || i.other;
    if (!changed) {
      if (i.no && !saved) {
        return {
          reply: "No problem. Would another time work? I can show more times or a different day.",
          state: { lastOffer: "slots", awaiting: "slot" },
          options: offeredOptions(ctx, p.start),
        };
      }
      if (i.yes || saved || i.bookNow) {
        if (facts.prospect.saved) return call("book_tour", { propertyId: p.propertyId, start: p.start });
        const missing = [!facts.prospect.name && "your name", !facts.prospect.email && "your e-mail"].filter(Boolean) as string[];
        return { reply: `${saved ? w.thanks(facts.prospect.name) + " " : ""}To book ${p.label}, I just need ${list(missing)}.`, state: { ...prev, awaiting: "contact" } };
      }
    }
  }

  // A time picked from those offered.
  if (!did(ctx, "check_availability")) {
    const slot = chosenSlot(ctx);
    if (slot) return proposeOrBook(ctx, slot);
  }

  // Search: new criteria or a request to look.
  const { criteria, changed } = mergedCriteria(ctx);
  if (did(ctx, "search_properties")) {
    const searched = did(ctx, "search_properties")!;
    const single = Number(searched.artifact?.count ?? 0) === 1 ? facts.shown[0] : undefined;
    const wantsTimes = interp.when.date || interp.when.range || interp.when.time || i.tour || i.availability;
    if (single && wantsTimes && !did(ctx, "check_availability")) {
      const entry = ctx.catalog.entries.find((e) => e.id === single.id);
      if (entry) return call("check_availability", availabilityArgs(entry, interp.when));
    }
    if (!did(ctx, "check_availability")) return searchReply(ctx, criteria);
  }
  if (interp.criteria.unknownPlace && !interp.criteria.location && (i.search || changed || !facts.criteria?.location)) {
    return {
      reply: `We don't have listings in ${interp.criteria.unknownPlace} right now. We have homes in ${list(ctx.catalog.cities)} — would any of those work?`,
      state: { awaiting: "location" },
    };
  }
  const property = targetProperty(ctx);
  const namedProperty = interp.property !== undefined || (interp.ordinal !== undefined && prev.lastOffer === "properties");
  // A question that only mentions a city ("what's the weather in Austin?") is not a search.
  const onlyPlace = interp.criteria.location !== undefined && interp.criteria.beds === undefined && interp.criteria.minBeds === undefined && interp.criteria.maxRent === undefined && !interp.criteria.pets && !interp.moveIn;
  const offTopicQuestion = i.question === "other" && onlyPlace && !i.search && !i.availability && !i.tour;
  const searching = (changed && !offTopicQuestion) || (i.search && !namedProperty) || (i.other && prev.lastOffer === "properties");
  if (searching && !namedProperty) {
    if (!criteria.location && !facts.criteria?.location && criteria.beds === undefined && criteria.minBeds === undefined && !criteria.maxRent) {
      return {
        reply: `${w.ack()} Which area are you interested in? We have listings in ${list(ctx.catalog.cities)}. Tell me the bedrooms and budget too and I'll find the best matches.`,
        state: { awaiting: "location" },
      };
    }
    return call("search_properties", searchArgs(criteria));
  }

  // Tour times for a listing.
  if (did(ctx, "check_availability")) return availabilityReply(ctx);
  const when = interp.when;
  const mentionsTime = Boolean(when.date || when.range || when.time || when.partOfDay || when.after || when.before);
  const wantsTimes = mentionsTime || i.tour || i.availability || i.bookNow || (i.other && prev.lastOffer === "slots") || (i.reschedule && facts.tours.length === 0);
  // "Can I see it tomorrow?" is a tour request, not a question about the listing.
  const question = i.question === "other" && wantsTimes ? undefined : i.question;
  if (wantsTimes && property && !question) {
    if (i.other && !mentionsTime && facts.offered.length) {
      const last = facts.offered[facts.offered.length - 1].local.slice(0, 10);
      return call("check_availability", { propertyId: property.id, date: nextDay(last), endDate: nextDay(nextDay(nextDay(last))) });
    }
    const fallbackDate = facts.offered.find((o) => o.propertyId === property.id)?.local.slice(0, 10) ?? facts.today;
    return call("check_availability", availabilityArgs(property, when, fallbackDate));
  }

  // Questions about a listing.
  if (did(ctx, "get_property_details") && property) return detailsReply(ctx, property, question);
  if ((question || (namedProperty && !wantsTimes)) && property) return call("get_property_details", { propertyId: property.id });
  if (question === "pets" && !property) {
    return call("search_properties", searchArgs({ ...criteria, pets: criteria.pets ?? "any" }));
  }
  if (question && !property && !i.automated && !i.human) return askWhichProperty(ctx);
  if (wantsTimes && !property) return askWhichProperty(ctx);

  // Details saved without anything else asked.
  if (saved) {
    const p = facts.prospect;
    const next = prev.proposal ? "" : facts.offered.length ? " Which time works for you?" : " What would you like to do next — search listings or book a tour?";
    return { reply: `${w.thanks(p.name)} I've saved ${list([p.name, p.email, p.phone].filter(Boolean) as string[])}.${next}`, state: { ...prev, awaiting: prev.proposal ? prev.awaiting : undefined } };
  }

  if (i.automated) return { reply: `I'm an automated assistant (an AI), not a person. ${w.capabilities()}`, state: prev };
  if (i.human) {
    return {
      reply: "I'm an automated assistant. I've noted that you'd like to talk with a person, and the leasing team will follow up. Meanwhile I can help with listings and tour times.",
      state: prev,
    };
  }
  if (i.thanks || i.bye) return { reply: "You're welcome! If anything else comes up, I'm here.", state: {} };
  if (i.greeting) return { reply: w.greeting(), state: {} };
  if (i.no) return { reply: "No problem. Is there anything else I can help you with?", state: {} };
  if (i.yes && facts.offered.length && prev.lastOffer === "slots") {
    return { reply: "Which time works for you?", state: { lastOffer: "slots", awaiting: "slot" }, options: offeredOptions(ctx) };
  }

  return fallback(ctx);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function offeredOptions(ctx: PolicyContext, except?: string): ChoiceOption[] {
  return ctx.facts.offered
    .filter((o) => o.start !== except)
    .map((o) => ({ type: "slot" as const, label: o.label, value: o.label, propertyId: o.propertyId, start: o.start, local: o.local }));
}

function fallback(ctx: PolicyContext): Decision {
  const { prev, w, facts } = ctx;
  const stalled = (prev.stalled ?? 0) + 1;
  let hint: string;
  if (prev.awaiting === "contact") hint = "To book the tour I just need your name and e-mail address.";
  else if (prev.awaiting === "slot" || prev.lastOffer === "slots") hint = "Which of the times works for you? You can also name another day.";
  else if (facts.criteria && Object.keys(facts.criteria).length) hint = `I can keep looking for ${describeCriteria(facts.criteria)}, show details, or check tour times.`;
  else hint = "What are you looking for — area, number of bedrooms and budget?";
  return {
    reply: `${w.sorry()} I'm not sure I understood that, and I don't want to guess. ${w.capabilities()} ${hint}`,
    state: { ...prev, stalled },
  };
}
