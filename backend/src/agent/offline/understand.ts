import type { FactsSnapshot } from "../conversation-facts";
import type { Catalog, CatalogEntry } from "./nlu/catalog";
import { findContact, type ContactFinding } from "./nlu/contact";
import { findCriteria, type CriteriaFinding } from "./nlu/criteria";
import { findIntents, type Intents } from "./nlu/intents";
import { findOrdinal, findProperties, refersBack } from "./nlu/references";
import { fold } from "./nlu/text";
import { findWhen, moveInDate, type WhenFinding } from "./nlu/when";

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
  const properties = findProperties(withoutContact, catalog, facts.shown.map((s) => s.id));
  // Several listings named with a tour request: the one named last is the one to see
  // ("I live at the Alder but want to see Maple Court").
  let property = properties[0];
  if (properties.length > 1) {
    const lastPos = (e: typeof property) => Math.max(fold(withoutContact).lastIndexOf(fold(e.name).replace(/^the /, "")), fold(withoutContact).lastIndexOf(fold(e.name).split(" ").find((x) => x.length > 3 && x !== "the") ?? "~"));
    const byPosition = [...properties].sort((a, b) => lastPos(b) - lastPos(a));
    if (/\b(see|tour|visit|view|look at|check out|book)\b/.test(folded)) property = byPosition[0];
  }
  const tz = readingZone(facts, catalog, property);
  const nowMs = Date.parse(facts.now);
  const criteria = findCriteria(withoutContact, fold(withoutContact), catalog);
  // A move-in date is not a tour date: read tour times from the rest.
  const tourText = criteria.moveInText ? fold(withoutContact).replace(criteria.moveInText, " ") : fold(withoutContact);
  const when = findWhen(withoutContact, tourText, { nowMs, tz });
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
  };
}
