import type { FactsSnapshot } from "../conversation-facts";
import type { Catalog, CatalogEntry } from "./nlu/catalog";
import { type ContactFinding, findContact } from "./nlu/contact";
import { type CriteriaFinding, findCriteria } from "./nlu/criteria";
import { findIntents, type Intents } from "./nlu/intents";
import { findOrdinal, findProperties, refersBack } from "./nlu/references";
import { fold } from "./nlu/text";
import { findWhen, inReadingZone, moveInDate, type WhenFinding } from "./nlu/when";

/** Everything the offline model reads out of one message. */
export interface Interpretation {
  text: string;
  folded: string;
  contact: ContactFinding;
  criteria: CriteriaFinding;
  moveIn?: string;
  when: WhenFinding;
  intents: Intents;
  /** A listing named in the message. */
  property?: CatalogEntry;
  /** Every listing named (for comparisons). */
  properties: CatalogEntry[];
  /** "the second one": 1-based, -1 for last. */
  ordinal?: number;
  refersBack: boolean;
  tourLink?: string;
  /** The zone dates and times were read in. */
  timezone: string;
  /** Another listing asked for with its own day or time, to handle after this one. */
  queued?: string;
}

/** The zone to read dates in: the listing being discussed, else the area being searched. */
export function readingZone(facts: FactsSnapshot, catalog: Catalog, property?: CatalogEntry): string {
  if (property) return property.timezone;
  if (facts.focus) return facts.focus.timezone;
  const shown = facts.shown[0] && catalog.entries.find((e) => e.id === facts.shown[0].id);
  if (shown) return shown.timezone;
  const loc = typeof facts.criteria?.location === "string" ? fold(facts.criteria.location) : "";
  const inArea = catalog.entries.find((e) => loc && (fold(e.city) === loc || fold(e.neighborhood) === loc));
  return inArea?.timezone ?? catalog.entries[0]?.timezone ?? "UTC";
}

export function understand(text: string, facts: FactsSnapshot, catalog: Catalog): Interpretation {
  const folded = fold(text);
  const contact = findContact(text);
  // A listing's name is not a person's ("see Maple Court, jo@x.com").
  if (contact.name && !/\b(?:my name|name's|name\s*:)/i.test(text)) {
    const nameWords = fold(contact.name).split(" ");
    // A listing's whole name, or a one-word name that is a listing's word, is not a person ("Zoe Park" is).
    const name = fold(contact.name);
    const clash = catalog.entries.some((e) => {
      const n = fold(e.name).replace(/^the /, "");
      return name.includes(n) || (nameWords.length === 1 && n.split(" ").includes(name));
    });
    if (clash || nameWords.length === 0) contact.name = undefined;
  }
  // Names and addresses of listings are read from the text without the contact details, the
  // person's own name included ("Noah Baker" is not The Baker Block).
  let withoutContact = contact.rest || text;
  if (contact.name) {
    const at = withoutContact.toLowerCase().indexOf(contact.name.toLowerCase());
    if (at >= 0) withoutContact = `${withoutContact.slice(0, at)} ${withoutContact.slice(at + contact.name.length)}`.replace(/\s+/g, " ").trim();
  }
  let properties = findProperties(
    withoutContact,
    catalog,
    facts.shown.map((s) => s.id),
  );
  // Several listings named with a tour request: the one named last is the one to see
  // ("I live at the Alder but want to see Maple Court").
  let property: CatalogEntry | undefined = properties[0];
  if (properties.length > 1) {
    const lastPos = (e: CatalogEntry) =>
      Math.max(
        fold(withoutContact).lastIndexOf(fold(e.name).replace(/^the /, "")),
        fold(withoutContact).lastIndexOf(
          fold(e.name)
            .split(" ")
            .find((x) => x.length > 3 && x !== "the") ?? "~",
        ),
      );
    const byPosition = [...properties].sort((a, b) => lastPos(b) - lastPos(a));
    if (/\b(see|tour|visit|view|look at|check out|book)\b/.test(folded)) property = byPosition[0];
  }
  const nowMs = Date.parse(facts.now);
  // "The Alder Monday at 10 and also The Pecan Monday at 2": each listing with its own time.
  // The first is handled now; the rest waits for it.
  const split = properties.length > 1 ? splitRequests(fold(withoutContact), properties, nowMs) : undefined;
  if (split) {
    property = split.first;
    properties = [split.first];
  }
  const tz = readingZone(facts, catalog, property);
  const criteria = findCriteria(withoutContact, fold(withoutContact), catalog);
  // A move-in date is not a tour date: read tour times from the rest.
  const whole = split ? split.text : fold(withoutContact);
  const tourText = criteria.moveInText ? whole.replace(criteria.moveInText, " ") : whole;
  const read = inReadingZone(findWhen(withoutContact, tourText, { nowMs, tz }), tourText, tz, nowMs);
  // "November 10 at 2pm", a week after it: the 2pm belongs to that gone day, not to today.
  const when = read.past && !read.date ? { ...read, time: undefined, after: undefined, before: undefined } : read;
  const link = /https?:\/\/\S*\/tours\/([A-Za-z0-9_-]{16,128})|\/tours\/([A-Za-z0-9_-]{16,128})/.exec(text);
  return {
    text,
    folded,
    contact,
    criteria,
    moveIn: criteria.moveInText ? moveInDate(criteria.moveInText, { nowMs, tz }) : undefined,
    when,
    intents: findIntents(folded),
    property,
    properties,
    ordinal: findOrdinal(fold(withoutContact)),
    refersBack: refersBack(folded),
    tourLink: link ? link[0] : undefined,
    timezone: tz,
    queued: split?.queued,
  };
}

/**
 * "Could I see both on Sunday, one at 1 and the other at 2:30?": two listings and two times,
 * paired in the order given, on the day named.
 */
function splitBoth(t: string, first: CatalogEntry, second: CatalogEntry, nowMs: number): { first: CatalogEntry; text: string; queued: string } | undefined {
  if (!/\bboth\b|\bthe other\b|\brespectively\b/.test(t)) return undefined;
  const times = [...t.matchAll(/(?:\bat |@ ?|\b(?=\d{1,2}:\d{2}))(\d{1,2}(?::\d{2})?\s*(?:am|pm)?)/g)].map((m) => m[1].trim());
  if (times.length !== 2) return undefined;
  const w = findWhen(t, t, { nowMs, tz: first.timezone });
  const day = w.date ? new Date(`${w.date}T12:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" }) : "";
  const verb = /\b(book|reserve|schedule)\b/.test(t) ? "book" : "I'd like to see";
  return { first, text: `${day ? `on ${day} ` : ""}at ${times[0]}`, queued: `${verb} ${second.name}${day ? ` on ${day}` : ""} at ${times[1]}` };
}

/**
 * "1pm for Mount Tabor and 3pm for Sellwood": each listing with the clock time written nearest
 * to its name, on the day named anywhere in the message.
 */
function splitByNearestTime(
  t: string,
  named: Array<{ e: CatalogEntry; at: number }>,
  nowMs: number,
): { first: CatalogEntry; text: string; queued: string } | undefined {
  const times = [...t.matchAll(/\b(\d{1,2}(?::\d{2})?\s*(?:am|pm))\b|\bat (\d{1,2}(?::\d{2})?)\b/g)].map((m) => ({
    at: m.index!,
    time: (m[1] ?? m[2]).trim(),
  }));
  if (times.length !== 2 || named.length !== 2) return undefined;
  const nearest = (at: number) => [...times].sort((a, b) => Math.abs(a.at - at) - Math.abs(b.at - at))[0];
  const [a, b] = [nearest(named[0].at), nearest(named[1].at)];
  if (a === b) return undefined;
  const w = findWhen(t, t, { nowMs, tz: named[0].e.timezone });
  const day = w.date ? new Date(`${w.date}T12:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" }) : "";
  const verb = /\b(book|reserve|schedule)\b/.test(t) ? "book" : "I'd like to see";
  return { first: named[0].e, text: `${day ? `on ${day} ` : ""}at ${a.time}`, queued: `${verb} ${named[1].e.name}${day ? ` on ${day}` : ""} at ${b.time}` };
}

/** Where a listing is first named in the text (its name, or a distinctive word of it). */
function firstMention(t: string, e: CatalogEntry): number {
  const name = fold(e.name).replace(/^the /, "");
  const at = t.indexOf(name);
  if (at >= 0) return at >= 4 && t.slice(at - 4, at) === "the " ? at - 4 : at;
  const word = name.split(" ").find((x) => x.length > 3);
  return word ? t.indexOf(word) : -1;
}

/**
 * Several listings, each followed by its own day or time: the first listing with its part of the
 * message, and the rest of the message (as a request of its own) for later.
 */
function splitRequests(t: string, properties: CatalogEntry[], nowMs: number): { first: CatalogEntry; text: string; queued: string } | undefined {
  const named = properties
    .map((e) => ({ e, at: firstMention(t, e) }))
    .filter((x) => x.at >= 0)
    .sort((a, b) => a.at - b.at);
  if (named.length < 2) return undefined;
  const parts = named.map((x, k) => t.slice(k === 0 ? 0 : x.at, named[k + 1]?.at ?? t.length));
  const whens = parts.map((part, k) => findWhen(part, part, { nowMs, tz: named[k].e.timezone }));
  const timed = whens.map((w) => Boolean(w.date || w.time || w.partOfDay || w.range));
  // A tour request, or each listing with its own time ("X at 1 and Y at 3 on Sunday").
  const asksToSee = /\b(see|tour|visit|view|book|schedule|reserve|look at|check out)\b/.test(t) || whens.every((w) => w.time);
  if (!asksToSee) return undefined;
  if (timed.filter(Boolean).length < 2 || !timed[named.length - 1])
    return named.length === 2 ? (splitBoth(t, named[0].e, named[1].e, nowMs) ?? splitByNearestTime(t, named, nowMs)) : undefined;
  // A day said once ("… on Sunday") holds for each listing that has none of its own.
  const sharedDay = whens.find((w) => w.date)?.date;
  const dayWords = sharedDay
    ? ` on ${new Date(`${sharedDay}T12:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" })}`
    : "";
  const withDay = (text: string, w: WhenFinding) => (w.date || w.range || !dayWords ? text : `${text.replace(/\s*(?:and|&|,)\s*$/, "")}${dayWords}`);
  const verb = /\b(book|reserve|schedule)\b/.test(t) ? "book" : "I'd like to see";
  return {
    first: named[0].e,
    text: withDay(parts[0], whens[0]),
    queued: `${verb} ${parts
      .slice(1)
      .map((p, k) => withDay(p, whens[k + 1]))
      .join(" ")
      .replace(/^(?:and |also |then )+/, "")
      .trim()}`,
  };
}
