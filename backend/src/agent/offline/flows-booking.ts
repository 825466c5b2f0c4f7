import type { ChoiceOption } from "../../domain/conversations/conversation";
import type { CatalogEntry } from "./nlu/catalog";
import type { WhenFinding } from "./nlu/when";
import { call, type Decision, type DoneCall, did, type Offered, type PolicyContext } from "./policy-types";
import type { PhraseKey } from "./wording";

function yesNo(ctx: PolicyContext): ChoiceOption[] {
  const { w } = ctx;
  return [
    { type: "reply", label: w.say("yes_book_it"), value: w.say("yes_book_it_value") },
    { type: "reply", label: w.say("other_times"), value: w.say("other_times_value") },
  ];
}

function propertyName(ctx: PolicyContext, id: number): string {
  return ctx.catalog.entries.find((e) => e.id === id)?.name ?? "";
}

function missingContact(ctx: PolicyContext): string {
  const { w } = ctx;
  const p = ctx.facts.prospect;
  const missing = [!p.name && w.say("your_name"), !p.email && w.say("your_email")].filter(Boolean) as string[];
  return w.list(missing.length ? missing : [w.say("your_name"), w.say("your_email")]);
}

/** Tour times as the person reads them: in their language, from the times the tool found. */
export function slotList(options: ChoiceOption[]): string {
  return options.map((o) => o.label).join("; ");
}

/** A time was picked: book it when the person said so and is known; otherwise confirm or ask for details. */
export function proposeOrBook(ctx: PolicyContext, slot: Offered): Decision {
  const { facts, interp, w } = ctx;
  const name = propertyName(ctx, slot.propertyId);
  const proposal = { kind: "book" as const, propertyId: slot.propertyId, start: slot.start, label: slot.label, local: slot.local };
  // "1pm Eastern": say what that is where the listing is.
  const given = interp.when.givenIn;
  const zoneNote = given ? `${w.say("zone_note", { given: clock12(given.time), zone: given.label, local: clock12(slot.local.slice(11, 16)) })} ` : "";
  // By e-mail, a clear request for an open time is the confirmation: the reply reports the booking.
  const byEmail = facts.channel === "email";
  // Booking needs the person's own name and e-mail in this conversation.
  const ready = facts.prospect.saved && Boolean(facts.prospect.name);
  // A time with its day, or one picked from the times offered; never a bare time read as today.
  const clearByEmail = byEmail && ((interp.when.time && interp.when.date) || ctx.interp.ordinal !== undefined || ctx.prev.lastOffer === "slots");
  if (ready && (interp.intents.bookNow || interp.intents.yes || clearByEmail)) {
    return call("book_tour", { propertyId: slot.propertyId, start: slot.start });
  }
  if (ready) {
    return {
      reply: `${zoneNote}${w.say("confirm_slot", { name, slot: slot.label })}`,
      state: { proposal, awaiting: "confirm", lastOffer: "slots" },
      options: yesNo(ctx),
    };
  }
  return {
    reply: `${zoneNote}${w.say("slot_open_need", { name, slot: slot.label, missing: missingContact(ctx), phone_optional: ctx.facts.prospect.phone ? "" : w.say("phone_optional") })}`,
    state: { proposal, awaiting: "contact", lastOffer: "slots" },
  };
}

function clock12(hm: string): string {
  const [h, m] = hm.split(":").map(Number);
  return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
}

/** What to say after book_tour ran. */
export function bookedReply(ctx: PolicyContext): Decision {
  const { w, facts } = ctx;
  const b = did(ctx, "book_tour")!;
  const art = b.artifact ?? {};
  if (art.ok) {
    const tour = facts.tours.find((t) => t.id === art.bookingId);
    const where = tour ? w.say("place_on", { name: tour.property, when: tour.label }) : w.say("your_tour");
    const to = facts.prospect.email ? w.say("booked_to", { email: facts.prospect.email }) : "";
    const thanks = did(ctx, "save_prospect_info") ? `${w.thanks(facts.prospect.name)} ` : "";
    const confirmed = w.say("booked", { thanks, tour: where, to });
    const queued = ctx.interp.queued ?? ctx.prev.queued;
    if (queued) {
      return {
        reply: `${confirmed} ${w.say(queued.startsWith("book ") ? "also_asked_book" : "also_asked_see", { request: queued.replace(/^(?:book|i'd like to see) /i, "") })}`,
        state: { lastBookedId: Number(art.bookingId), awaiting: "queued", queued },
        options: [{ type: "reply", label: w.say("that_one_too"), value: w.say("that_one_too_value") }],
      };
    }
    return {
      reply: `${confirmed} ${w.say("anything_else")}`,
      state: { lastBookedId: Number(art.bookingId), awaiting: "anything_else" },
    };
  }
  if (art.needsContact) {
    return { reply: w.say("need_contact", { missing: missingContact(ctx) }), state: { ...ctx.prev, awaiting: "contact" } };
  }
  if (art.options?.length) {
    const key = art.code === "slot_unavailable" ? "slot_taken" : art.code === "outside_tour_hours" ? "slot_outside_hours" : "slot_not_booked";
    return {
      reply: w.say(key, { name: propertyName(ctx, Number(b.args.propertyId)), slots: slotList(art.options) }),
      state: { lastOffer: "slots", awaiting: "slot" },
      options: art.options,
    };
  }
  return { reply: w.say("not_booked", { reason: toolReason(ctx, b, "Not booked: ") }), state: {} };
}

/** Arguments for check_availability from what the person said. */
export function availabilityArgs(property: CatalogEntry, when: WhenFinding, fallbackDate?: string): Record<string, unknown> {
  const args: Record<string, unknown> = { propertyId: property.id };
  if (when.earliest && !when.date && !when.range) return args;
  if (when.latest) args.latest = true;
  if (when.after && !when.time) args.after = when.after;
  if (when.before && !when.time) args.before = when.before;
  if (when.date) args.date = when.date;
  else if (when.range) {
    args.date = when.range.from;
    args.endDate = when.range.to;
  } else if (when.time && fallbackDate) args.date = fallbackDate;
  if (when.time && args.date) args.time = when.time;
  const part = when.partOfDay;
  if (part && !args.time) args.partOfDay = part;
  return args;
}

/** What to say after check_availability ran (for a booking). `lead` answers a question asked alongside. */
export function availabilityReply(ctx: PolicyContext, lead = ""): Decision {
  const d = availabilityDecision(ctx);
  return lead && d.reply ? { ...d, reply: `${lead} ${d.reply}` } : d;
}

function availabilityDecision(ctx: PolicyContext): Decision {
  const { facts, w } = ctx;
  const a = did(ctx, "check_availability")!;
  const art = a.artifact ?? {};
  if (!art.ok) return { reply: w.say("availability_failed", { reason: toolReason(ctx, a, "Cannot check availability: ") }), state: {} };
  const options = art.options ?? [];
  if (art.requestedOpen) {
    const slot = facts.offered.find((o) => o.start === art.requestedOpen);
    if (slot) return proposeOrBook(ctx, slot);
  }
  if (ctx.interp.when.earliest && facts.offered.length) return proposeOrBook(ctx, facts.offered[0]);
  const name = propertyName(ctx, Number(a.args.propertyId));
  const window = { last: String(art.lastDay ?? ""), asked: String(art.askedDay ?? ""), days: Number(art.horizonDays ?? 0) };
  if (options.length === 0) return { reply: w.say(art.situation === "beyond_window" ? "no_times_window" : "no_times", { name, ...window }), state: {} };
  const key = {
    unavailable: "times_unavailable",
    part_empty: "times_part_empty",
    days_empty: "times_days_empty",
    beyond_window: "times_window_limit",
    window_empty: "times_window_empty",
  }[String(art.situation)] as PhraseKey | undefined;
  const part = a.args.partOfDay ? w.say(`part_${String(a.args.partOfDay)}` as PhraseKey) : "";
  return {
    reply: w.say(key ?? "times", { name, part, ...window, slots: slotList(options) }),
    state: { lastOffer: "slots", awaiting: "slot" },
    options,
  };
}

/**
 * Why a tool could not do something: in English, the tool's own words; in another language, the
 * phrase for its error code.
 */
export function toolReason(ctx: PolicyContext, done: DoneCall, prefix: string): string {
  const { w } = ctx;
  if (w.language === "en") return done.content.replace(prefix, "");
  return w.sayIfKnown(`reason_${String(done.artifact?.code ?? "unknown")}`) ?? w.say("reason_unknown" as PhraseKey);
}
