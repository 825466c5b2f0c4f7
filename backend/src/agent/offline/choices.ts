import type { SearchCriteria } from "../../domain/conversations/conversation";
import type { CatalogEntry } from "./nlu/catalog";
import { bareName } from "./nlu/contact";
import { fold, typoDistance } from "./nlu/text";
import type { Offered, PolicyContext, Tour } from "./policy-types";

/** The offered tour time the person picked: "the second one", "3:30 works", "Tuesday's". */
export function chosenSlot(ctx: PolicyContext): Offered | undefined {
  const { facts, interp, prev } = ctx;
  const offered = facts.offered;
  if (offered.length === 0) return undefined;
  const slotsInView = prev.lastOffer === "slots" || prev.awaiting === "slot" || prev.proposal !== undefined;
  if (interp.ordinal !== undefined && slotsInView) {
    return interp.ordinal === -1 ? offered[offered.length - 1] : offered[interp.ordinal - 1];
  }
  const { time, date } = interp.when;
  // "The earliest one", "the latest you have" among the times on screen.
  if ((interp.when.earliest || interp.when.latest) && slotsInView && !time && !interp.when.partOfDay) {
    const pool = [...(date ? offered.filter((o) => o.local.startsWith(date)) : offered)].sort((a, b) => a.start.localeCompare(b.start));
    if (pool.length) return interp.when.earliest ? pool[0] : pool[pool.length - 1];
  }
  if (time) {
    const matches = offered.filter((o) => o.local.slice(11, 16) === time && (!date || o.local.startsWith(date)));
    if (matches.length >= 1 && (date || slotsInView) && sameDay(matches)) return matches[0];
    return undefined;
  }
  if (date && slotsInView && !interp.when.partOfDay) {
    const onDay = offered.filter((o) => o.local.startsWith(date));
    if (onDay.length === 1) return onDay[0];
  }
  return undefined;
}

function sameDay(slots: Offered[]): boolean {
  return new Set(slots.map((o) => o.local.slice(0, 10))).size === 1;
}

/** "The 1:30 one" when 1:30 was offered on several days: those slots, to ask which day. */
export function sameTimeOnSeveralDays(ctx: PolicyContext): Offered[] | undefined {
  const { time, date } = ctx.interp.when;
  if (!time || date || ctx.interp.ordinal !== undefined) return undefined;
  const slotsInView = ctx.prev.lastOffer === "slots" || ctx.prev.awaiting === "slot";
  const matches = ctx.facts.offered.filter((o) => o.local.slice(11, 16) === time);
  return slotsInView && matches.length > 1 && !sameDay(matches) ? matches : undefined;
}

/** The listing the message is about, if it can be told. */
export function targetProperty(ctx: PolicyContext): CatalogEntry | undefined {
  const { facts, interp, prev, catalog } = ctx;
  const byId = (id: number | undefined) => (id === undefined ? undefined : catalog.entries.find((e) => e.id === id));
  if (interp.property) return interp.property;
  if (interp.ordinal !== undefined && (prev.lastOffer === "properties" || prev.awaiting === "property") && facts.shown.length) {
    const s = interp.ordinal === -1 ? facts.shown[facts.shown.length - 1] : facts.shown[interp.ordinal - 1];
    return byId(s?.id);
  }
  if (facts.focus) return byId(facts.focus.id);
  if (facts.shown.length === 1) return byId(facts.shown[0].id);
  return undefined;
}

/** Which of the conversation's tours a cancel or reschedule means. */
export function pickTour(ctx: PolicyContext, tours: Tour[], useDate: boolean): Tour | undefined {
  const { interp, prev } = ctx;
  if (tours.length === 0) return undefined;
  if (interp.ordinal !== undefined && prev.lastOffer === "tours") {
    return interp.ordinal === -1 ? tours[tours.length - 1] : tours[interp.ordinal - 1];
  }
  let pool = tours;
  if (interp.property) pool = pool.filter((t) => t.propertyId === interp.property!.id);
  // "Cancel my Portland tour", "the Denver one": the tours in that city or neighbourhood.
  const place = interp.criteria.location ? fold(interp.criteria.location) : "";
  const placeWords = place.split(" or ")[0];
  const namesTourPlace =
    placeWords !== "" &&
    (new RegExp(`\\b(?:my|the|our) ${placeWords} (?:tour|one|appointment|visit|showing|booking|viewing)`).test(interp.folded) ||
      new RegExp(`\\b(?:tour|one|appointment|visit|showing|booking|viewing) (?:in|at) ${placeWords}\\b`).test(interp.folded));
  if (!interp.property && namesTourPlace) {
    pool = pool.filter((t) => {
      const e = ctx.catalog.entries.find((x) => x.id === t.propertyId);
      return e !== undefined && place.split(" or ").some((p) => p === fold(e.city) || p === fold(e.neighborhood) || p.includes(fold(e.city)));
    });
  }
  if (useDate && interp.when.date) {
    const onDay = pool.filter((t) => t.startLocal === interp.when.date);
    if (onDay.length) pool = onDay;
  }
  // "Cancel the 1pm one".
  if (useDate && interp.when.time && pool.length > 1) {
    const atTime = pool.filter((t) => t.localTime === interp.when.time);
    if (atTime.length) pool = atTime;
  }
  return pool.length === 1 ? pool[0] : undefined;
}

/** Contact details in the message that differ from what is already saved. */
export function newContactArgs(ctx: PolicyContext): Record<string, string> | undefined {
  const { interp, facts, prev } = ctx;
  const c = interp.contact;
  const known = facts.prospect;
  const args: Record<string, string> = {};
  if (c.email && c.email.toLowerCase() !== known.email?.toLowerCase()) args.email = c.email;
  // "Oops, example.com not exmaple", "it's gmail not gmial": the domain of the saved address, corrected.
  if (
    !c.email &&
    !c.invalidEmail &&
    known.email &&
    /\b(?:oops|typo|not|meant|should be|sorry|actually|wrong|correct(?:ion)?|misspelled)\b/.test(interp.folded)
  ) {
    const fixed = correctedDomain(known.email, interp.folded);
    if (fixed) args.email = fixed;
  }
  if (c.invalidEmail) args.email = c.invalidEmail;
  if (c.phone && c.phone !== known.phone) args.phone = c.phone;
  if (c.invalidPhone && !c.phone) args.phone = c.invalidPhone;
  let name = c.name;
  // "My last name is spelled Ortego", "first name is Jon", "it's Jon, not John": one part of the saved name.
  const part = /\b(?:my )?(last|sur|family|first|given) ?name (?:is |'s )?(?:actually |spelled |spelt )*([\p{L}][\p{L}'-]+)/iu.exec(interp.text);
  const swap = /\b(?:it'?s|its) ([\p{Lu}][\p{L}'-]+),? not ([\p{Lu}][\p{L}'-]+)\b/u.exec(interp.text);
  if (known.name && (part || swap)) {
    const words = known.name.split(" ");
    if (part) {
      const value = part[2].charAt(0).toUpperCase() + part[2].slice(1);
      if (/^(last|sur|family)$/i.test(part[1])) words[words.length > 1 ? words.length - 1 : 1] = value;
      else words[0] = value;
    } else if (swap && words.some((w) => w.toLowerCase() === swap[2].toLowerCase())) {
      words[words.findIndex((w) => w.toLowerCase() === swap[2].toLowerCase())] = swap[1];
    }
    name = words.join(" ");
  }
  if (!name && !known.name) {
    // A bare name is only read as one next to other details, or as the answer to a request for it.
    const gaveDetails = Boolean(c.email || c.phone || c.invalidEmail);
    const quiet = !interp.when.date && !interp.when.time && !interp.when.range && !interp.property && !Object.values(interp.intents).some((v) => v === true);
    if (gaveDetails || (prev.awaiting === "contact" && quiet)) name = bareName(c.rest);
  }
  if (name && name !== known.name) args.name = name;
  return Object.keys(args).length ? args : undefined;
}

/** A saved address with its domain corrected from what the message says, if it says so. */
function correctedDomain(email: string, folded: string): string | undefined {
  const [local, domain] = email.toLowerCase().split("@");
  if (!local || !domain) return undefined;
  const full = [...folded.matchAll(/\b([a-z0-9-]+(?:\.[a-z0-9-]+)+)\b/g)].map((m) => m[1]).find((d) => d !== domain && typoDistance(d, domain) <= 3);
  if (full) return `${local}@${full}`;
  const [name, ...rest] = domain.split(".");
  const word = folded.split(/[^a-z0-9-]+/).find((w) => w.length >= 4 && w !== name && typoDistance(w, name) <= 2 && !folded.includes(`${w}.`));
  return word && folded.includes(name) ? `${local}@${[word, ...rest].join(".")}` : undefined;
}

/** The search criteria after applying what the message adds or changes. */
export function mergedCriteria(ctx: PolicyContext): { criteria: SearchCriteria; changed: boolean } {
  const { interp, facts } = ctx;
  const before = (facts.criteria ?? {}) as SearchCriteria;
  const next: SearchCriteria = { ...before };
  const f = interp.criteria;
  if (f.location) next.location = f.location;
  if (f.beds !== undefined) {
    next.beds = f.beds;
    delete next.minBeds;
    delete next.maxBeds;
  }
  if (f.minBeds !== undefined || f.maxBeds !== undefined) {
    delete next.beds;
    delete next.minBeds;
    delete next.maxBeds;
    if (f.minBeds !== undefined) next.minBeds = f.minBeds;
    if (f.maxBeds !== undefined) next.maxBeds = f.maxBeds;
  }
  if (f.maxRent !== undefined) next.maxRent = f.maxRent;
  if (f.minBaths !== undefined) next.minBaths = f.minBaths;
  if (f.features?.length) next.features = [...new Set([...(next.features ?? []), ...f.features])];
  if (f.pets) next.pets = f.pets;
  if (f.petWeightLbs !== undefined) next.petWeightLbs = f.petWeightLbs;
  if (f.noPets) {
    delete next.pets;
    delete next.petWeightLbs;
  }
  if (interp.moveIn) next.moveIn = interp.moveIn;
  const changed = JSON.stringify(sorted(next)) !== JSON.stringify(sorted(before));
  return { criteria: next, changed };
}

function sorted(o: object): Array<[string, unknown]> {
  return Object.entries(o).sort(([a], [b]) => a.localeCompare(b));
}
