import type { ChoiceOption } from "../../domain/conversations/conversation";
import type { CatalogEntry } from "./nlu/catalog";
import type { WhenFinding } from "./nlu/when";
import { call, type Decision, did, type Offered, type PolicyContext } from "./policy-types";

const YES_NO: ChoiceOption[] = [
  { type: "reply", label: "Yes, book it", value: "Yes, please book it" },
  { type: "reply", label: "Other times", value: "Can I see other times?" },
];

function propertyName(ctx: PolicyContext, id: number): string {
  return ctx.catalog.entries.find((e) => e.id === id)?.name ?? "the property";
}

function missingContact(ctx: PolicyContext): string {
  const p = ctx.facts.prospect;
  const missing = [!p.name && "your name", !p.email && "your e-mail"].filter(Boolean) as string[];
  return missing.length ? missing.join(" and ") : "your name and e-mail";
}

/** A time was picked: book it when the person said so and is known; otherwise confirm or ask for details. */
export function proposeOrBook(ctx: PolicyContext, slot: Offered): Decision {
  const { facts, interp, w } = ctx;
  const name = propertyName(ctx, slot.propertyId);
  const proposal = { kind: "book" as const, propertyId: slot.propertyId, start: slot.start, label: slot.label, local: slot.local };
  // "1pm Eastern": say what that is where the listing is.
  const given = interp.when.givenIn;
  const zoneNote = given ? `${clock12(given.time)} ${given.label} is ${clock12(slot.local.slice(11, 16))} local time there. ` : "";
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
      reply: `${zoneNote}${w.ack()} ${name} on ${slot.label}. Shall I book it for you?`,
      state: { proposal, awaiting: "confirm", lastOffer: "slots" },
      options: YES_NO,
    };
  }
  return {
    reply: `${zoneNote}${w.ack()} ${name} on ${slot.label} is open. To book it, I just need ${missingContact(ctx)}${ctx.facts.prospect.phone ? "" : " (a phone number is optional)"}.`,
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
    const where = tour ? `${tour.property} on ${tour.label}` : "your tour";
    const email = facts.prospect.email ? ` to ${facts.prospect.email}` : "";
    const thanks = did(ctx, "save_prospect_info") ? `${w.thanks(facts.prospect.name)} ` : "";
    const confirmed = `${thanks}You're booked: ${where}. A confirmation with a calendar invite and a link to reschedule or cancel is on its way${email}.`;
    const queued = ctx.interp.queued ?? ctx.prev.queued;
    if (queued) {
      return {
        reply: `${confirmed} You also asked ${queued.startsWith("book ") ? "to book" : "to see"} ${queued.replace(/^(?:book|i'd like to see) /i, "")} — shall I do that one now?`,
        state: { lastBookedId: Number(art.bookingId), awaiting: "queued", queued },
        options: [{ type: "reply", label: "Yes, that one too", value: "Yes please" }],
      };
    }
    return {
      reply: `${confirmed} Anything else I can help with?`,
      state: { lastBookedId: Number(art.bookingId), awaiting: "anything_else" },
    };
  }
  if (art.needsContact) {
    return { reply: `To book, I just need ${missingContact(ctx)}.`, state: { ...ctx.prev, awaiting: "contact" } };
  }
  if (art.options?.length) {
    const reason = /just taken/.test(b.content)
      ? "That time was just taken"
      : /outside/.test(b.content)
        ? "That time is outside tour hours"
        : "I couldn't book that time";
    return {
      reply: `${w.sorry()} ${reason.charAt(0).toLowerCase()}${reason.slice(1)}. The nearest open times at ${propertyName(ctx, Number(b.args.propertyId))} are: ${art.options.map((o) => o.label).join("; ")}. Which works for you?`,
      state: { lastOffer: "slots", awaiting: "slot" },
      options: art.options,
    };
  }
  return { reply: `${w.sorry()} I couldn't book that: ${b.content.replace(/^Not booked: /, "")}`, state: {} };
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
  if (!art.ok) return { reply: `${w.sorry()} ${a.content.replace(/^Cannot check availability: /, "")}`, state: {} };
  const options = art.options ?? [];
  if (art.requestedOpen) {
    const slot = facts.offered.find((o) => o.start === art.requestedOpen);
    if (slot) return proposeOrBook(ctx, slot);
  }
  if (ctx.interp.when.earliest && facts.offered.length) return proposeOrBook(ctx, facts.offered[0]);
  if (options.length === 0) return { reply: `${a.content}`, state: {} };
  const name = propertyName(ctx, Number(a.args.propertyId));
  const lead = /is not available/.test(a.content)
    ? `${w.sorry()} that time isn't available at ${name}. The closest open times are`
    : /No \w+ times are open then/.test(a.content)
      ? `There are no ${String(a.args.partOfDay)} times open then at ${name}. Other open times are`
      : /has no open tour times between/.test(a.content)
        ? `${name} has no open tours on those days. The next open times are`
        : /takes tour bookings up to/.test(a.content)
          ? `${a.content.split("\n")[0].replace(/ The latest open times are:$/, "")} The latest open times are`
          : /No times are open (?:after|before)/.test(a.content)
            ? `There are no open times in that window at ${name}. Other open times are`
            : `Here are open tour times at ${name}`;
  return {
    reply: `${lead}: ${options.map((o) => o.label).join("; ")}. Which one works for you?`,
    state: { lastOffer: "slots", awaiting: "slot" },
    options,
  };
}
