import { parsePhoneNumberFromString } from "libphonenumber-js";
import type { ChoiceOption } from "../../domain/conversations/conversation";
import type { ListingDetails } from "../tools/get-property-details.tool";
import { chosenSlot, mergedCriteria, newContactArgs, sameTimeOnSeveralDays, targetProperty } from "./choices";
import { availabilityArgs, availabilityReply, bookedReply, proposeOrBook } from "./flows-booking";
import { askWhichProperty, compareReply, describeCriteria, detailsReply, searchArgs, searchReply } from "./flows-search";
import { cancelFlow, cancelledText, listFlow, rescheduleFlow, switchListingFlow } from "./flows-tours";
import type { CatalogEntry } from "./nlu/catalog";
import { shiftedLocal, type WhenFinding } from "./nlu/when";
import { call, type Decision, did, type PolicyContext, type Tour } from "./policy-types";
import { understand } from "./understand";
import { money, type PhraseKey } from "./wording";

function hasWhen(w: WhenFinding): boolean {
  return Boolean(w.date || w.range || w.time || w.partOfDay || w.after || w.before || w.earliest || w.shiftMinutes || w.shiftDays || w.past);
}

/**
 * The offline model's next move for one model call. It reads the latest message, the facts
 * snapshot and what the tools returned so far in this turn, and either asks for one more
 * tool call or writes the reply. Being deterministic, it reaches the same decision when it
 * is called again after each tool result, which is how multi-step turns progress.
 */
export function decide(input: PolicyContext): Decision {
  const ctx = withTourDay(input);
  const { facts, interp, prev, w } = ctx;
  const i = interp.intents;

  // Other people's tours are out of reach whatever the message claims.
  if (i.thirdParty && ctx.done.length === 0) {
    return {
      reply: `${w.say("privacy")} ${w.say(facts.tours.length ? "privacy_own_tour" : "privacy_help")}`,
      state: prev,
    };
  }

  // Applications are with the leasing team; this chat cannot see them.
  if (i.applicationStatus && ctx.done.length === 0) {
    return {
      reply: w.say("application_status"),
      state: prev,
    };
  }

  // "What name do you have for me?": what they gave in this conversation, and nothing else.
  if (
    ctx.done.length === 0 &&
    /\bwhat (?:name|e-?mail(?: address)?|email(?: address)?|phone(?: number)?|number|details|info(?:rmation)?|contact (?:details|info)) (?:do you have|did you (?:save|get|put down)|have you got|is on file)\b/.test(
      interp.folded,
    )
  ) {
    const p = facts.prospect;
    const have = [
      p.name && w.say("on_file_name", { value: p.name }),
      p.email && w.say("on_file_email", { value: p.email }),
      p.phone && w.say("on_file_phone", { value: p.phone }),
    ].filter(Boolean) as string[];
    return {
      reply: have.length ? w.say("on_file", { details: w.list(have) }) : w.say("on_file_none"),
      state: prev,
    };
  }
  // Current residents: repairs, lock-outs, rent and lease questions are not for this chat.
  if (i.resident && ctx.done.length === 0) return residentReply(ctx, i.resident);
  if (i.negotiate && ctx.done.length === 0) {
    return {
      reply: w.say("negotiate"),
      state: prev,
      keepProposal: true,
    };
  }

  // "Yes" to the second request of an earlier message: handle it as if it were said now.
  if (prev.awaiting === "queued" && prev.queued) {
    const queued = understand(prev.queued, facts, ctx.catalog);
    const namesQueued = interp.property !== undefined && queued.property !== undefined && interp.property.id === queued.property.id;
    if ((i.yes || i.bookNow || namesQueued) && !hasWhen(interp.when) && (!interp.property || namesQueued)) {
      return decide({ ...ctx, interp: queued, prev: {} });
    }
    if (i.no && !hasWhen(interp.when)) return { reply: w.say("queued_declined"), state: { awaiting: "anything_else" } };
  }

  // A manage link pasted in the chat opens that tour here.
  if (interp.tourLink && !did(ctx, "open_tour_link")) return call("open_tour_link", { link: interp.tourLink });

  // Contact details first: later steps (booking) depend on them.
  const contactArgs = newContactArgs(ctx);
  if (contactArgs && !did(ctx, "save_prospect_info")) return call("save_prospect_info", contactArgs);
  const saved = did(ctx, "save_prospect_info");
  const rejected = (saved?.artifact?.rejected as Array<{ field: string; value: string }> | undefined) ?? [];
  if (rejected.length) {
    const problems = rejected.map((r) => w.say(`invalid_${r.field}` as PhraseKey, { value: r.value }));
    return { reply: w.say("check_contact", { problems: problems.join("; ") }), state: { ...prev, awaiting: prev.awaiting ?? "contact" } };
  }
  const opened = did(ctx, "open_tour_link");
  if (opened && !i.cancel && !i.reschedule) {
    const tour = facts.tours.find((t) => t.id === opened.artifact?.bookingId);
    return {
      reply:
        opened.artifact?.ok && tour ? w.say("link_opened", { tour: w.say("place_on", { name: tour.property, when: tour.label }) }) : w.say("link_not_found"),
      state: { lastOffer: "tours" },
    };
  }

  // "Switch my tour to the Fernwood instead": book there, then cancel the old one.
  const switching = switchTarget(ctx);
  if (switching) return switchListingFlow(ctx, switching.from, switching.to);

  // Finish what a tool already did this turn.
  // "Cancel it and show me studios in Boston": the cancellation, then the search.
  if (did(ctx, "cancel_tour") && did(ctx, "cancel_tour")!.artifact?.ok && i.search && !i.thirdParty) {
    if (!did(ctx, "search_properties")) return call("search_properties", searchArgs(mergedCriteria(ctx).criteria));
    const found = searchReply(ctx, mergedCriteria(ctx).criteria);
    return { ...found, reply: `${cancelledText(ctx)} ${found.reply ?? ""}` };
  }
  if (did(ctx, "cancel_tour")) return cancelFlow(ctx);
  if (did(ctx, "reschedule_tour")) return rescheduleFlow(ctx);
  if (did(ctx, "list_my_tours")) return listFlow(ctx);
  if (did(ctx, "book_tour")) return bookedReply(ctx);

  // "Wait, don't book it" right after a booking undoes it. A plain "no" answers the booked
  // reply's "Anything else?" and keeps the tour.
  const justBooked = prev.lastBookedId !== undefined ? facts.tours.find((t) => t.id === prev.lastBookedId) : undefined;
  if (justBooked && (i.undo || (i.retract && !hasWhen(interp.when) && !i.search))) {
    return call("cancel_tour", { bookingId: justBooked.id });
  }

  // "Yes, book it" once more right after the booking: it is booked already.
  if (
    justBooked &&
    (i.bookNow || i.yes) &&
    !hasWhen(interp.when) &&
    !interp.property &&
    !i.search &&
    interp.ordinal === undefined &&
    i.topics.length === 0 &&
    !interp.text.includes("?")
  ) {
    return {
      reply: w.say("already_booked", { tour: w.say("place_on", { name: justBooked.property, when: justBooked.label }) }),
      state: { lastBookedId: justBooked.id, awaiting: "anything_else" },
    };
  }

  const proposal = prev.proposal;
  // "Let me think about it": keep the proposed time waiting, without pressing.
  if (proposal && i.later && !hasWhen(interp.when) && !i.cancel) {
    const where = ctx.catalog.entries.find((e) => e.id === proposal.propertyId)?.name;
    return {
      reply: w.say("take_your_time_proposal", { slot: where ? w.say("place_on", { name: where, when: proposal.label }) : proposal.label }),
      state: prev,
    };
  }
  if (!proposal && i.later && !hasWhen(interp.when) && !interp.property && !i.cancel && !i.search) {
    return { reply: w.say("take_your_time"), state: {} };
  }
  // No e-mail: a booking needs one for the confirmation and invite.
  if (i.noEmail && !interp.contact.email) {
    const raw = interp.contact.phone ?? facts.prospect.phone;
    const phone = raw ? (parsePhoneNumberFromString(raw)?.formatNational() ?? raw) : undefined;
    return {
      reply: w.say("needs_email", { phone_part: phone ? w.say("needs_email_phone", { phone }) : w.say("needs_email_no_phone") }),
      state: prev,
    };
  }
  // Dropping a time that was only proposed.
  const asksSomething = i.topics.length > 0 || i.details;
  if (
    proposal &&
    !hasWhen(interp.when) &&
    interp.ordinal === undefined &&
    !(asksSomething && i.no && !i.dropIt) &&
    (i.dropIt || i.undo || (i.cancel && facts.tours.length === 0) || (i.no && !i.other))
  ) {
    return {
      reply: w.say(i.dropIt || i.cancel || i.undo ? "wont_book" : "another_time"),
      state: i.dropIt || i.cancel || i.undo ? {} : { lastOffer: "slots", awaiting: "slot" },
      options: i.dropIt || i.cancel || i.undo ? [] : offeredOptions(ctx, proposal.start),
    };
  }

  // Tours already booked: cancel, list, reschedule.
  if (i.cancel && !(proposal && facts.tours.length === 0)) return cancelFlow(ctx);
  // An answer to "which one should I cancel?", not a new request that happens to name a listing.
  const newRequest = i.availability || i.tour || i.reschedule || i.search || i.bookNow || i.topics.length > 0 || interp.when.time !== undefined;
  if (prev.awaiting === "which_cancel" && !newRequest && (interp.ordinal !== undefined || interp.property || interp.when.date)) return cancelFlow(ctx);
  if (i.listTours && !i.reschedule) return listFlow(ctx);
  // "OK, see you Thursday!": a goodbye that names the day of a booked tour.
  const seeYou = /\b(?:see you|c u|cya|see ya)\b/.test(interp.folded) && interp.when.date ? facts.tours.filter((t) => t.startLocal === interp.when.date) : [];
  if (seeYou.length && !i.reschedule && !i.cancel) {
    return { reply: w.say("see_you", { tours: w.list(seeYou.map((t) => w.say("place_on", { name: t.property, when: t.label }))) }), state: {} };
  }
  // "Can we do 4 instead?", "actually Thursday would be better": a new time said "instead", or
  // any new time right after a booking, moves the booked tour rather than booking another.
  const namesOtherListing = interp.property !== undefined && !facts.tours.some((t) => t.propertyId === interp.property!.id);
  const movesTour =
    facts.tours.length > 0 &&
    !proposal &&
    hasWhen(interp.when) &&
    !i.search &&
    !namesOtherListing &&
    (/\b(?:instead|rather)\b/.test(interp.folded) ||
      (justBooked !== undefined && !/\b(?:also|another|too|as well|second|additional|other)\b/.test(interp.folded)));
  if (movesTour && justBooked && prev.rescheduleBookingId === undefined) {
    return rescheduleFlow({ ...ctx, prev: { ...prev, rescheduleBookingId: justBooked.id } });
  }
  // "Can I also see Mount Tabor the same day at 1?": another tour, not a change.
  const addsAnother = !i.reschedule && (namesOtherListing || /\b(?:also|another|too|as well|second|additional)\b/.test(interp.folded));
  const changeBooked =
    facts.tours.length > 0 &&
    !addsAnother &&
    (i.reschedule ||
      movesTour ||
      ((interp.when.shiftMinutes !== undefined || interp.when.shiftDays !== undefined) && !proposal) ||
      ((interp.when.sameDay || interp.when.sameTime) && !proposal));
  const rescheduling =
    (changeBooked && !(proposal?.kind === "book" && !interp.when.sameDay && !interp.when.sameTime)) ||
    prev.awaiting === "which_reschedule" ||
    (prev.rescheduleBookingId !== undefined && (chosenSlot(ctx) !== undefined || hasWhen(interp.when) || i.other));
  if (rescheduling) return rescheduleFlow(ctx);
  if (i.reschedule && facts.tours.length === 0 && !proposal && !facts.focus) return rescheduleFlow(ctx);

  // Answer to a proposed time.
  if (proposal?.kind === "book") {
    const changed = hasWhen(interp.when) || interp.ordinal !== undefined || (interp.property && interp.property.id !== proposal.propertyId) || i.other;
    if (!changed && (i.yes || saved || i.bookNow)) {
      if (facts.prospect.saved && facts.prospect.name) return call("book_tour", { propertyId: proposal.propertyId, start: proposal.start });
      const missing = [!facts.prospect.name && w.say("your_name"), !facts.prospect.email && w.say("your_email")].filter(Boolean) as string[];
      return {
        reply: `${saved ? `${w.thanks(facts.prospect.name)} ` : ""}${w.say("to_book_need", { slot: proposal.label, missing: w.list(missing) })}`,
        state: { ...prev, awaiting: "contact" },
      };
    }
    // "Oops, I meant 12", "make that Friday", "Larimer instead, same time": change one part of the proposal.
    const day = proposal.local?.slice(0, 10) ?? facts.offered.find((o) => o.start === proposal.start)?.local.slice(0, 10);
    const time = proposal.local?.slice(11, 16) ?? facts.offered.find((o) => o.start === proposal.start)?.local.slice(11, 16);
    const entry = ctx.catalog.entries.find((e) => e.id === (interp.property?.id ?? proposal.propertyId));
    const w2 = interp.when;
    // "Can we do an hour later?": the proposed time, moved.
    const moved = day && time && w2.shiftMinutes !== undefined && !w2.time ? shiftedLocal(day, time, w2.shiftMinutes) : undefined;
    if (entry && moved && !did(ctx, "check_availability")) return call("check_availability", availabilityArgs(entry, moved, day));
    const onlyTime = w2.time && !w2.date && !w2.range && !chosenSlot(ctx);
    const onlyDay = w2.date && !w2.time && !w2.partOfDay && !w2.range;
    const otherListing = interp.property && interp.property.id !== proposal.propertyId && !hasWhen(w2);
    const direction = /\bearlier\b/.test(interp.folded) ? "before" : /\blater\b/.test(interp.folded) ? "after" : undefined;
    if (entry && day && time && direction && w2.sameDay && !w2.time && !did(ctx, "check_availability")) {
      return call("check_availability", { propertyId: entry.id, date: day, [direction]: time });
    }
    // "What else is open that day?": the day's times, not the proposed one again.
    if (entry && day && w2.sameDay && !w2.time && (i.availability || i.other) && !direction) {
      if (did(ctx, "check_availability")) return availabilityReply(ctx);
      return call("check_availability", { propertyId: entry.id, date: day });
    }
    if (entry && day && time && (onlyTime || onlyDay || w2.sameTime || w2.sameDay || otherListing)) {
      // The changed time was looked up this turn: answer with it ("The Pecan instead, same time").
      if (did(ctx, "check_availability")) return availabilityReply(ctx);
      const merged = { date: w2.date ?? day, time: w2.time ?? time };
      return call("check_availability", availabilityArgs(entry, merged, day));
    }
    if (moved && did(ctx, "check_availability")) return availabilityReply(ctx);
  }

  // "The 1:30 one" offered on several days: which day?
  const severalDays = !did(ctx, "check_availability") ? sameTimeOnSeveralDays(ctx) : undefined;
  if (severalDays) {
    const options = severalDays.map((o) => ({
      type: "slot" as const,
      label: o.label,
      value: o.label,
      propertyId: o.propertyId,
      start: o.start,
      local: o.local,
    }));
    return {
      reply: w.say("same_time_several_days", { days: severalDays.map((o) => o.label).join("; ") }),
      state: { ...prev, lastOffer: "slots", awaiting: "slot" },
      options,
    };
  }

  // A time picked from those offered.
  if (!did(ctx, "check_availability")) {
    const slot = chosenSlot(ctx);
    if (slot) return proposeOrBook(ctx, slot);
  }

  // Searches that already ran this turn.
  const { criteria, changed } = mergedCriteria(ctx);
  const searched = did(ctx, "search_properties");
  if (searched) {
    const single = Number(searched.artifact?.count ?? 0) === 1 ? facts.shown[0] : undefined;
    const wantsTimes = hasWhen(interp.when) || i.tour || i.availability;
    if (single && wantsTimes && !did(ctx, "check_availability")) {
      const entry = ctx.catalog.entries.find((e) => e.id === single.id);
      if (entry) return call("check_availability", availabilityArgs(entry, interp.when));
    }
    if (did(ctx, "check_availability")) {
      const times = availabilityReply(ctx);
      return single ? { ...times, reply: `${w.say("single_match", { ...single })} ${times.reply}` } : times;
    }
    return searchReply(ctx, criteria);
  }

  // A listing that is not on the market.
  const named = interp.property;
  if (named && !named.active) {
    return {
      reply: w.say("off_market", { name: named.name, city: named.city }),
      state: { awaiting: "location" },
      options: [
        {
          type: "reply",
          label: w.say("similar_in", { city: named.city }),
          value: w.say("similar_in_value", { city: named.city, what: named.beds === 0 ? w.say("studios") : w.say("bedrooms_places", { n: named.beds }) }),
        },
      ],
    };
  }

  if (
    interp.criteria.unknownPlace &&
    !interp.criteria.location &&
    !interp.property &&
    !hasWhen(interp.when) &&
    (i.search || changed || !facts.criteria?.location || /\b(in|near)\b/.test(interp.folded))
  ) {
    return {
      reply: w.say("no_listings_in", { place: interp.criteria.unknownPlace, cities: w.list(ctx.catalog.cities) }),
      state: { awaiting: "location" },
    };
  }

  const picked = pickedByComparison(ctx);
  const property = picked ?? targetProperty(ctx);
  const namedProperty = interp.property !== undefined || (interp.ordinal !== undefined && prev.lastOffer === "properties") || picked !== undefined;
  // "What about dogs?", "I have a cat", "do they have parking?" with a listing in focus: a
  // question about that listing, not a new search.
  const f = interp.criteria;
  const onlyPetsOrFeatures =
    Boolean(f.pets || f.features?.length) &&
    !f.location &&
    f.beds === undefined &&
    f.minBeds === undefined &&
    f.maxBeds === undefined &&
    f.maxRent === undefined &&
    !interp.moveIn &&
    !i.search &&
    !i.lowerRent;
  const aboutFocus = facts.focus !== undefined && onlyPetsOrFeatures && !namedProperty;
  // "The cheapest one there" is a search, even with a listing in view.
  const aboutProperty =
    property && (namedProperty || (!interp.criteria.cheapest && (interp.refersBack || aboutFocus || (facts.focus !== undefined && !changed))));
  // "Which one is the cheapest?" among the listings just shown: name it.
  if (
    picked &&
    /^(?:so |and |ok,? )?(?:which|what)(?: one)?(?:'s| is| would be| has)\b|\bwhich (?:one|of (?:them|those|these))\b/.test(interp.folded) &&
    !i.tour &&
    !hasWhen(interp.when) &&
    !i.bookNow
  ) {
    const by = w.say(`picked_${i.pickBy ?? "smallest"}` as PhraseKey);
    return {
      reply: w.say("picked", {
        name: picked.name,
        by,
        beds: w.beds(picked.beds),
        rent: money(picked.rent),
        neighborhood: picked.neighborhood,
        city: picked.city,
      }),
      state: { lastOffer: "properties" },
      options: [{ type: "reply", label: w.say("see_tour_times"), value: w.say("see_tour_times_value", { name: picked.name }) }],
    };
  }
  const asked = i.topics.filter((t) => t !== "other").length ? i.topics.filter((t) => t !== "other") : i.topics;
  const question: typeof asked =
    aboutFocus && !asked.some((t) => t !== "other")
      ? [f.pets ? "pets" : f.features?.some((x) => x === "parking" || x === "garage") ? "parking" : "amenities"]
      : asked;

  // "Book me for the open house at 11:30": the open house's day, read from the listing's hours.
  if (
    property &&
    /\bopen house\b/.test(interp.folded) &&
    (i.bookNow || interp.when.time || /\b(?:book|reserve|sign (?:me|us) up|put (?:me|us) down|attend|come to|rsvp)\b/.test(interp.folded)) &&
    !interp.when.date
  ) {
    const details = ctx.done.find((d) => d.name === "get_property_details" && Number(d.args.propertyId) === property.id);
    if (!details) return call("get_property_details", { propertyId: property.id });
    const day = (details.artifact?.details as ListingDetails | undefined)?.openHours.find((o) => o.date >= facts.today)?.date;
    if (day && !did(ctx, "check_availability")) return call("check_availability", availabilityArgs(property, { ...interp.when, date: day }, day));
    if (day) return availabilityReply(ctx);
  }

  // Comparing two listings.
  if (interp.properties.length >= 2 && (i.compare || i.topics.length || i.details)) {
    const pair = interp.properties.slice(0, 3);
    const detailed = ctx.done.filter((d) => d.name === "get_property_details").map((d) => Number(d.args.propertyId));
    const next = pair.find((p) => !detailed.includes(p.id));
    if (next) return call("get_property_details", { propertyId: next.id });
    return compareReply(ctx, pair);
  }

  // A question about a specific listing comes before any search.
  const when = interp.when;
  const mentionsTime = hasWhen(when);
  const wantsTimes =
    mentionsTime || i.tour || i.availability || i.bookNow || (i.other && prev.lastOffer === "slots") || (i.reschedule && facts.tours.length === 0);
  const realQuestion = question.length > 0 && !(question[0] === "other" && wantsTimes);
  if (did(ctx, "get_property_details") && property) {
    const answer = detailsReply(ctx, property, realQuestion ? question : [], i.details);
    // "Can I bring my dog to the tour on Friday at 10?": answer, then look at the time too.
    if (mentionsTime && !proposal) {
      if (!did(ctx, "check_availability")) return call("check_availability", availabilityArgs(property, when, facts.today));
      return availabilityReply(ctx, detailsReply(ctx, property, realQuestion ? question : [], i.details, false).reply ?? "");
    }
    return answer;
  }
  if (property && aboutProperty && (realQuestion || i.details) && !(wantsTimes && !realQuestion)) {
    return call("get_property_details", { propertyId: property.id });
  }

  // "Anything cheaper?": the same search, below the lowest rent shown.
  if (i.lowerRent && facts.shown.length && !interp.property && !did(ctx, "search_properties")) {
    const lowest = Math.min(...facts.shown.map((p) => p.rent));
    return call("search_properties", searchArgs({ ...criteria, maxRent: lowest - 1 }));
  }

  // Search: new criteria or a request to look.
  const onlyPlace =
    interp.criteria.location !== undefined &&
    interp.criteria.beds === undefined &&
    interp.criteria.minBeds === undefined &&
    interp.criteria.maxBeds === undefined &&
    interp.criteria.maxRent === undefined &&
    !interp.criteria.pets &&
    !interp.moveIn &&
    !interp.criteria.features;
  // "Is Denver nice?" is not a search; "what about Denver?", "and in Austin?" are.
  const asksToLook = /^(?:(?:and |ok |okay |hmm,? )?(?:what|how) about|and (?:in|for|near)?|anything (?:in|near)|any (?:in|near)|(?:and )?in)\b/.test(
    interp.folded,
  );
  const offTopicQuestion = i.question === "other" && onlyPlace && !i.search && !i.availability && !i.tour && !asksToLook;
  const searching =
    (changed && !offTopicQuestion && !aboutFocus) ||
    (i.search && !namedProperty) ||
    (i.other && prev.lastOffer === "properties") ||
    (interp.criteria.cheapest && !namedProperty);
  if (searching && !namedProperty) {
    // A wish that narrows the catalogue on its own ("anything with EV charging", "the cheapest
    // place") is searched everywhere; otherwise ask where first.
    const narrowEnough = Boolean(criteria.features?.length || interp.criteria.cheapest);
    if (
      !narrowEnough &&
      !criteria.location &&
      !facts.criteria?.location &&
      criteria.beds === undefined &&
      criteria.minBeds === undefined &&
      criteria.maxBeds === undefined &&
      !criteria.maxRent
    ) {
      return {
        reply: w.say("ask_area", { cities: w.list(ctx.catalog.cities) }),
        state: { awaiting: "location", ...(mentionsTime ? { pendingWhen: when } : {}) },
      };
    }
    // "The cheapest one there": lowest rent first, whatever budget was said before.
    const cheapest = interp.criteria.cheapest ? { ...criteria, ...(interp.criteria.maxRent === undefined ? { maxRent: undefined } : {}) } : criteria;
    return call("search_properties", { ...searchArgs(cheapest), ...(interp.criteria.cheapest ? { sort: "rent" } : {}) });
  }

  // Tour times for a listing.
  if (did(ctx, "check_availability")) return availabilityReply(ctx, when.past && !when.date ? w.say("day_passed") : "");
  // The same place named again: show its listings again.
  if (interp.criteria.location && !changed && !namedProperty && !mentionsTime && !realQuestion && interp.folded.split(" ").length <= 4 && criteria.location) {
    return call("search_properties", searchArgs(criteria));
  }
  const pending = !mentionsTime && prev.pendingWhen && hasWhen(prev.pendingWhen) ? prev.pendingWhen : undefined;
  if ((wantsTimes || (pending && namedProperty)) && property && !realQuestion) {
    if (i.other && !mentionsTime && facts.offered.length) {
      const last = facts.offered[facts.offered.length - 1].local.slice(0, 10);
      return call("check_availability", { propertyId: property.id, date: nextDay(last), endDate: nextDay(nextDay(nextDay(last))) });
    }
    const fallbackDate = facts.offered.find((o) => o.propertyId === property.id)?.local.slice(0, 10) ?? facts.today;
    // "Between 2 and 4?" or "anything in the afternoon?" right after one day's times: that day.
    const offeredDays = new Set(facts.offered.filter((o) => o.propertyId === property.id).map((o) => o.local.slice(0, 10)));
    const window = pending ?? when;
    const sameDay =
      prev.lastOffer === "slots" &&
      offeredDays.size === 1 &&
      !window.date &&
      !window.range &&
      !window.time &&
      (window.after || window.before || window.partOfDay || (!hasWhen(window) && i.availability && !i.other));
    return call("check_availability", availabilityArgs(property, sameDay ? { ...window, date: fallbackDate } : window, fallbackDate));
  }

  // Questions about a listing.
  if ((realQuestion || i.details || (namedProperty && !wantsTimes)) && property) return call("get_property_details", { propertyId: property.id });
  if (question[0] === "pets" && !property) return call("search_properties", searchArgs({ ...criteria, pets: criteria.pets ?? "any" }));
  if (realQuestion && question[0] !== "other" && !property && !i.automated && !i.human) return askWhichProperty(ctx);
  if (wantsTimes && !property) {
    const ask = askWhichProperty(ctx);
    return { ...ask, state: { ...ask.state, ...(mentionsTime ? { pendingWhen: when } : {}) } };
  }

  // Their name again, already known.
  if (interp.contact.name && interp.contact.name === facts.prospect.name && !saved) {
    return {
      reply: `${w.say("name_known", { thanks: w.thanks(interp.contact.name) })} ${w.say(facts.tours.length ? "anything_else" : "what_next")}`,
      state: prev,
      keepProposal: true,
    };
  }

  // Details saved without anything else asked.
  if (saved?.artifact?.emailCorrected) {
    return {
      reply: w.say("email_corrected", { thanks: w.thanks(facts.prospect.name), email: facts.prospect.email ?? "" }),
      state: { awaiting: "anything_else" },
    };
  }
  if (saved) {
    const p = facts.prospect;
    const next = proposal
      ? ""
      : prev.lastBookedId !== undefined || (facts.tours.length && prev.awaiting === "anything_else")
        ? ` ${w.say("anything_else")}`
        : facts.offered.length
          ? ` ${w.say("saved_next_times")}`
          : ` ${w.say("saved_next_start")}`;
    return {
      reply: `${w.say("saved", { thanks: w.thanks(p.name), details: w.list([p.name, p.email, p.phone].filter(Boolean) as string[]) })}${next}`,
      state: { ...prev, awaiting: proposal ? prev.awaiting : undefined },
    };
  }

  if (i.automated) return { reply: w.say("automated"), state: prev };
  if (i.human) {
    return {
      reply: w.say("human_noted"),
      state: prev,
    };
  }
  if (i.thanks || i.bye) return { reply: w.say("welcome"), state: {} };
  if (prev.awaiting === "anything_else" && i.yes && prev.rebookPropertyId !== undefined && !did(ctx, "check_availability")) {
    return call("check_availability", { propertyId: prev.rebookPropertyId });
  }
  if (prev.awaiting === "anything_else" && (i.yes || i.no)) {
    return i.yes ? { reply: w.say("sure_what_else"), state: {} } : { reply: w.say("enjoy_tour"), state: {} };
  }
  if (i.greeting) return { reply: w.greeting(), state: {} };
  if (i.no) return { reply: w.say("no_problem_else"), state: {} };
  if (i.yes && facts.offered.length && prev.lastOffer === "slots") {
    return { reply: w.say("which_time"), state: { lastOffer: "slots", awaiting: "slot" }, options: offeredOptions(ctx) };
  }
  if (realQuestion && question[0] === "other") return unknownQuestion(ctx);
  return fallback(ctx);
}

/** A booked tour to move to another listing, when the message asks for that. */
function switchTarget(ctx: PolicyContext): { from: Tour; to: CatalogEntry } | undefined {
  const { interp, facts, prev } = ctx;
  const to = interp.property;
  if (!to || facts.tours.length === 0 || facts.tours.some((t) => t.propertyId === to.id)) return undefined;
  if (!/\b(?:switch|move|change|swap)\b[^.?!]{0,30}\b(?:to|for|with)\b|\binstead\b/.test(interp.folded)) return undefined;
  if (
    /\b(?:also|another|too|as well|second|additional|and)\b/.test(interp.folded.replace(/\binstead\b.*$/, "")) &&
    !/\b(?:switch|move|change|swap)\b/.test(interp.folded)
  )
    return undefined;
  if (prev.proposal) return undefined;
  const from =
    (prev.lastBookedId !== undefined ? facts.tours.find((t) => t.id === prev.lastBookedId) : undefined) ??
    (facts.tours.length === 1 ? facts.tours[0] : undefined);
  return from ? { from, to } : undefined;
}

/** "Also see Mount Tabor the same day at 1": "the same day" is the day of the tour last booked. */
function withTourDay(ctx: PolicyContext): PolicyContext {
  const { interp, facts } = ctx;
  const w = interp.when;
  if (!w.sameDay || w.date || facts.tours.length === 0 || ctx.prev.proposal) return ctx;
  if (
    !/\b(?:also|another|too|as well|second|additional)\b/.test(interp.folded) &&
    !(interp.property && !facts.tours.some((t) => t.propertyId === interp.property!.id))
  )
    return ctx;
  const last = facts.tours.find((t) => t.id === ctx.prev.lastBookedId) ?? facts.tours[facts.tours.length - 1];
  return { ...ctx, interp: { ...interp, when: { ...w, date: last.startLocal, sameDay: undefined } } };
}

/** "The cheaper one" among the listings shown. */
function pickedByComparison(ctx: PolicyContext) {
  const by = ctx.interp.intents.pickBy;
  // The pair just compared, else the listings shown.
  const compared = (ctx.prev.compared ?? [])
    .map((id) => ctx.catalog.entries.find((e) => e.id === id))
    .filter((e): e is NonNullable<typeof e> => e !== undefined);
  // The pair just compared, else the listings just shown (not an older list after a new search).
  const pool =
    compared.length >= 2 ? compared.map((e) => ({ id: e.id, rent: e.rent, beds: e.beds })) : ctx.prev.lastOffer === "properties" ? ctx.facts.shown : [];
  if (!by || pool.length < 2 || ctx.interp.property || ctx.interp.intents.lowerRent) return undefined;
  const shown = [...pool];
  const sorted =
    by === "cheapest"
      ? shown.sort((a, b) => a.rent - b.rent)
      : by === "priciest"
        ? shown.sort((a, b) => b.rent - a.rent)
        : by === "biggest"
          ? shown.sort((a, b) => b.beds - a.beds || b.rent - a.rent)
          : shown.sort((a, b) => a.beds - b.beds || a.rent - b.rent);
  return ctx.catalog.entries.find((e) => e.id === sorted[0].id);
}

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

function offeredOptions(ctx: PolicyContext, except?: string): ChoiceOption[] {
  return ctx.facts.offered
    .filter((o) => o.start !== except)
    .map((o) => ({ type: "slot" as const, label: o.label, value: o.label, propertyId: o.propertyId, start: o.start, local: o.local }));
}

/** A resident's matter: safety first, then where it goes. Tours and listings are not offered. */
function residentReply(ctx: PolicyContext, matter: NonNullable<PolicyContext["interp"]["intents"]["resident"]>): Decision {
  const { w } = ctx;
  const where = w.say(
    matter === "rent" ? "resident_rent" : matter === "lease" ? "resident_lease" : matter === "lockout" ? "resident_lockout" : "resident_repairs",
  );
  const safety = matter === "rent" || matter === "lease" ? "" : `${w.say(`resident_${matter}_safety` as PhraseKey)} `;
  const urgent = matter === "emergency" || matter === "lockout" ? w.say("resident_urgent") : "";
  return { reply: w.say("resident", { safety, where, urgent }), state: ctx.prev };
}

function unknownQuestion(ctx: PolicyContext): Decision {
  return {
    reply: ctx.w.say("unknown_question"),
    state: { ...ctx.prev, stalled: (ctx.prev.stalled ?? 0) + 1 },
    keepProposal: true,
    progress: false,
  };
}

function fallback(ctx: PolicyContext): Decision {
  const { prev, w, facts } = ctx;
  const stalled = (prev.stalled ?? 0) + 1;
  let hint: string;
  if (prev.awaiting === "contact") hint = w.say("hint_contact");
  else if (prev.awaiting === "slot" || prev.lastOffer === "slots") hint = w.say("hint_slot");
  else if (facts.criteria && Object.keys(facts.criteria).length) hint = w.say("hint_criteria", { criteria: describeCriteria(w, facts.criteria) });
  else hint = w.say("hint_start");
  return {
    reply: w.say("not_understood", { hint }),
    state: { ...prev, stalled },
    progress: false,
  };
}
