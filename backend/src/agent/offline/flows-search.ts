import type { SearchCriteria } from "../../domain/conversations/conversation";
import type { ListingDetails } from "../tools/get-property-details.tool";
import amenities from "./lexicon/amenities.json";
import type { CatalogEntry } from "./nlu/catalog";
import type { QuestionTopic } from "./nlu/intents";
import { fold } from "./nlu/text";
import { call, type Decision, did, type PolicyContext } from "./policy-types";
import { money, type PhraseKey, type Wording } from "./wording";

export function describeCriteria(w: Wording, c: SearchCriteria): string {
  const parts: string[] = [];
  if (c.beds !== undefined) parts.push(w.beds(c.beds));
  else if (c.minBeds !== undefined && c.maxBeds !== undefined)
    parts.push(c.minBeds === 0 ? w.say("criteria_studio_range", { to: c.maxBeds }) : w.say("criteria_range", { from: c.minBeds, to: c.maxBeds }));
  else if (c.minBeds !== undefined) parts.push(w.say("criteria_min", { n: c.minBeds }));
  else if (c.maxBeds !== undefined) parts.push(c.maxBeds === 0 ? w.say("studio") : w.say("criteria_max", { n: c.maxBeds }));
  // "2-bedroom places" / "lugares de 2 recámaras"
  if (w.language === "es") parts.unshift(w.say("criteria_places"));
  else parts.push(w.say("criteria_places"));
  if (w.language === "es" && parts.length > 1 && c.beds !== undefined) parts[1] = c.beds === 0 ? `${w.say("studios")}` : `de ${parts[1]}`;
  if (c.location) parts.push(w.say("criteria_in", { place: c.location }));
  if (c.maxRent) parts.push(w.say("criteria_under", { rent: money(c.maxRent) }));
  if (c.pets) {
    const lbs = c.petWeightLbs;
    parts.push(
      lbs !== undefined && c.pets !== "cat"
        ? w.say(c.pets === "both" ? "criteria_dog_weight_cat" : "criteria_dog_weight", { lbs })
        : w.say(c.pets === "dog" ? "criteria_dogs" : c.pets === "cat" ? "criteria_cats" : c.pets === "both" ? "criteria_both" : "criteria_pets"),
    );
  }
  if (c.features?.length) parts.push(w.say("criteria_with", { features: w.list(c.features) }));
  if (c.moveIn) parts.push(w.say("criteria_by", { date: c.moveIn }));
  return parts.join(" ");
}

export function searchArgs(c: SearchCriteria): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(c)) if (v !== undefined) args[k] = v;
  return args;
}

export function searchReply(ctx: PolicyContext, criteria: SearchCriteria): Decision {
  const { facts, catalog, w } = ctx;
  const s = did(ctx, "search_properties")!;
  const count = Number(s.artifact?.count ?? 0);
  if (count === 0 && ctx.interp.intents.lowerRent && facts.shown.length) {
    const cheapest = [...facts.shown].sort((a, b) => a.rent - b.rent)[0];
    return {
      reply: w.say("lowest_rent", { name: cheapest.name, rent: money(cheapest.rent), criteria: describeCriteria(w, { ...criteria, maxRent: undefined }) }),
      state: { lastOffer: "properties" },
    };
  }
  if (count === 0) {
    const stretch = Number(s.artifact?.overBudget ?? 0);
    const described = describeCriteria(w, criteria);
    return {
      reply: stretch
        ? w.say("no_matches_stretch", { criteria: described, n: stretch })
        : w.say("no_matches", { criteria: described, cities: w.list(catalog.cities) }),
      state: { lastOffer: undefined },
    };
  }
  const lines = facts.shown
    .slice(0, 5)
    .map((p, i) => `${i + 1}. ${p.name} — ${w.beds(p.beds)}, ${money(p.rent)}${w.say("per_month")}, ${p.neighborhood}, ${p.city}`);
  let intro = count === 1 ? w.say("found_one") : count > lines.length ? w.say("found_some_best", { count, n: lines.length }) : w.say("found_some", { count });
  if (ctx.interp.criteria.cheapest && facts.shown.length) {
    const cheapest = [...facts.shown].sort((a, b) => a.rent - b.rent)[0];
    intro = w.say("most_affordable", { name: cheapest.name, rent: money(cheapest.rent), beds: w.beds(cheapest.beds), neighborhood: cheapest.neighborhood });
  }
  const ask = w.say(count === 1 ? "ask_one" : "ask_many");
  return {
    reply: `${intro}\n${lines.join("\n")}\n${ask}`,
    state: { lastOffer: "properties", awaiting: "property" },
    options: s.artifact?.options,
  };
}

/** Amenities people ask about by name, and how to say each (amenities.json). */
const ASKABLE = amenities.items as Array<{ said: string[]; listed: string[]; en: string; es: string }>;

function layoutOf(w: Wording, d: ListingDetails): string {
  const baths = w.language === "es" ? `${d.baths} ${d.baths === 1 ? "baño" : "baños"}` : `${d.baths} bath`;
  const size = d.sqft ? `, ${d.sqft} ${w.language === "es" ? "pies²" : "sq ft"}` : "";
  const beds = d.beds === 0 ? w.say("studio") : w.language === "es" ? w.beds(d.beds) : `${d.beds} bedroom`;
  return `${beds}, ${baths}${size}`;
}

function rentOf(w: Wording, d: ListingDetails): string {
  return w.language === "es" ? `${money(d.rent)} al mes` : `${money(d.rent)} per month`;
}

function availableOf(w: Wording, d: ListingDetails): string {
  if (!d.availableFrom) return w.language === "es" ? "ya" : "now";
  const day = new Date(`${d.availableFrom}T12:00:00Z`).toLocaleDateString(w.language === "es" ? "es-US" : "en-US", {
    month: "short",
    day: "numeric",
    year: "numeric",
    timeZone: "UTC",
  });
  return w.language === "es" ? `desde el ${day}` : `from ${day}`;
}

function answerTopic(ctx: PolicyContext, d: ListingDetails, topic: QuestionTopic): string {
  const { w, interp } = ctx;
  const name = d.name;
  const has = (words: string[]) => d.amenities.filter((a) => words.some((x) => fold(a).includes(x)));
  switch (topic) {
    case "pets": {
      const limit = /(\d+)\s*lb/.exec(d.pets)?.[1];
      const theirs = interp.criteria.petWeightLbs ?? (ctx.facts.criteria as { petWeightLbs?: number } | undefined)?.petWeightLbs;
      const weight = limit && theirs ? w.say(theirs > Number(limit) ? "pet_over" : "pet_within", { lbs: theirs, limit }) : "";
      return `${w.say("pets_at", { name, policy: d.pets })}${weight}`;
    }
    case "parking": {
      const found = has(["parking", "garage", "ev charging"]);
      const cost = interp.intents.topics.some((t) => t === "price" || t === "fees" || t === "other") ? w.say("no_cost") : "";
      return found.length ? `${w.say("lists", { name, items: w.list(found) })}${cost}` : w.say("not_listed", { name, what: w.say("parking") });
    }
    case "laundry": {
      const found = has(["laundry", "washer", "dryer"]);
      return found.length ? w.say("has", { name, items: w.list(found) }) : w.say("no_laundry", { name });
    }
    case "price":
      return w.say("rent_is", { name, rent: rentOf(w, d) });
    case "size":
      return w.say("layout", { name, layout: layoutOf(w, d) });
    case "amenities": {
      // "Is there a fireplace?": that one amenity, yes or not listed.
      const text = ` ${interp.folded} `;
      const asked = ASKABLE.filter((a) => a.said.some((x) => text.includes(x)));
      if (asked.length && !amenities.general.some((x) => text.includes(x))) {
        return asked
          .map((a) => {
            const found = has(a.listed);
            return found.length ? w.say("yes_lists", { name, items: w.list(found) }) : w.say("not_listed", { name, what: a[w.language] });
          })
          .join(" ");
      }
      return w.say("amenities", { name, items: d.amenities.length ? d.amenities.join(", ") : w.say("none_listed") });
    }
    case "address":
      return w.say("address", { name, address: d.address });
    case "available":
      return w.say("available", { name, when: availableOf(w, d) });
    case "units":
      return w.say("units", { name, layout: layoutOf(w, d), when: availableOf(w, d) });
    case "open_house": {
      const open = d.openHours.map((o) => o.label);
      return open.length ? w.say(open.length === 1 ? "open_house" : "open_hours", { name, hours: open.join("; ") }) : w.say("no_open_house", { name });
    }
    case "utilities": {
      const included = d.amenities.filter((a) => /included/i.test(a));
      return included.length ? w.say("utilities_some", { name, items: w.list(included) }) : w.say("utilities_none", { name });
    }
    default: {
      const known = ["deposit", "fees", "utilities", "lease", "application", "furnished"].includes(topic) ? topic : "other";
      return w.say("unknown_topic", { name, topic: w.say(`topic_${known}` as PhraseKey) });
    }
  }
}

function overview(w: Wording, d: ListingDetails): string {
  return w.say("overview", {
    name: d.name,
    address: d.address,
    layout: layoutOf(w, d),
    rent: rentOf(w, d),
    about: d.about,
    pets: d.pets,
    amenities: d.amenities.length ? d.amenities.join(", ") : w.say("none_listed"),
    available: availableOf(w, d),
  });
}

/** The details get_property_details returned for a listing this turn. */
function detailsOf(ctx: PolicyContext, id: number): ListingDetails | undefined {
  const d = [...ctx.done].reverse().find((x) => x.name === "get_property_details" && Number(x.args.propertyId) === id);
  return d?.artifact?.ok ? (d.artifact.details as ListingDetails) : undefined;
}

/**
 * Answers questions about one listing from get_property_details, saying plainly what it does not
 * know; `withNext` adds what to do next (a question answered on the way to tour times has none).
 */
export function detailsReply(ctx: PolicyContext, property: CatalogEntry, topics: QuestionTopic[], general: boolean, withNext = true): Decision {
  const { w } = ctx;
  const d = detailsOf(ctx, property.id);
  if (!d) return { reply: w.say("details_failed"), state: {} };
  const answers = topics.length ? [...new Set(topics)].map((t) => answerTopic(ctx, d, t)) : [overview(w, d)];
  if (general && topics.length) answers.unshift(overview(w, d));
  // Already booked to see it: no need to offer times again.
  const booked = ctx.facts.tours.some((t) => t.propertyId === property.id);
  const next = ctx.prev.proposal ? w.say("go_ahead_with", { slot: ctx.prev.proposal.label }) : booked ? w.say("anything_else") : w.say("want_times");
  return {
    reply: withNext ? `${answers.join(" ")} ${next}` : answers.join(" "),
    state: { lastOffer: undefined },
    keepProposal: true,
    options: booked ? [] : [{ type: "reply", label: w.say("see_tour_times"), value: w.say("see_tour_times_value", { name: property.name }) }],
  };
}

/** Two listings side by side, from their details. */
export function compareReply(ctx: PolicyContext, pair: CatalogEntry[]): Decision {
  const { w } = ctx;
  const lines = pair.map((p) => {
    const d = detailsOf(ctx, p.id);
    if (!d) return `• ${p.name}`;
    return w.say("compare_line", {
      name: p.name,
      neighborhood: p.neighborhood,
      city: p.city,
      layout: layoutOf(w, d),
      rent: rentOf(w, d),
      pets: d.pets.split(".")[0],
      available: availableOf(w, d),
      amenities: d.amenities.join(", "),
    });
  });
  return {
    reply: w.say("compare", { lines: lines.join("\n"), which: w.say(pair.length > 2 ? "any_of_them" : "either") }),
    state: { lastOffer: "properties", compared: pair.map((p) => p.id) },
    options: pair.map((p) => ({
      type: "property",
      label: p.name,
      value: p.name,
      propertyId: p.id,
      beds: p.beds,
      rent: p.rent,
      city: p.city,
      neighborhood: p.neighborhood,
    })),
  };
}

export function askWhichProperty(ctx: PolicyContext): Decision {
  const { facts } = ctx;
  if (facts.shown.length > 1) {
    return {
      reply: ctx.w.say("which_one", { list: facts.shown.map((p, i) => `${i + 1}. ${p.name}`).join("; ") }),
      state: { awaiting: "property", lastOffer: "properties" },
      options: facts.shown.map((p) => ({
        type: "property",
        label: p.name,
        value: p.name,
        propertyId: p.id,
        beds: p.beds,
        rent: p.rent,
        city: p.city,
        neighborhood: p.neighborhood,
      })),
    };
  }
  return {
    reply: ctx.w.say("which_property", { cities: ctx.w.list(ctx.catalog.cities) }),
    state: { awaiting: "location" },
  };
}

export { call };
