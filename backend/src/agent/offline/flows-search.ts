import type { SearchCriteria } from "../../domain/conversations/conversation";
import type { CatalogEntry } from "./nlu/catalog";
import type { QuestionTopic } from "./nlu/intents";
import { call, type Decision, did, type PolicyContext } from "./policy-types";
import { beds, list, money } from "./wording";

export function describeCriteria(c: SearchCriteria): string {
  const parts: string[] = [];
  if (c.beds !== undefined) parts.push(beds(c.beds));
  else if (c.minBeds !== undefined && c.maxBeds !== undefined)
    parts.push(c.minBeds === 0 ? `studio to ${c.maxBeds}-bedroom` : `${c.minBeds}- to ${c.maxBeds}-bedroom`);
  else if (c.minBeds !== undefined) parts.push(`${c.minBeds}+ bedroom`);
  else if (c.maxBeds !== undefined) parts.push(c.maxBeds === 0 ? "studio" : `up to ${c.maxBeds}-bedroom`);
  parts.push("places");
  if (c.location) parts.push(`in ${c.location}`);
  if (c.maxRent) parts.push(`under ${money(c.maxRent)}`);
  if (c.pets)
    parts.push(
      c.petWeightLbs !== undefined && c.pets !== "cat"
        ? `that allow a ${c.petWeightLbs} lb dog${c.pets === "both" ? " and a cat" : ""}`
        : c.pets === "dog"
          ? "that allow dogs"
          : c.pets === "cat"
            ? "that allow cats"
            : c.pets === "both"
              ? "that allow both dogs and cats"
              : "that allow pets",
    );
  if (c.features?.length) parts.push(`with ${list(c.features)}`);
  if (c.moveIn) parts.push(`available by ${c.moveIn}`);
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
      reply: `${cheapest.name} at ${money(cheapest.rent)}/mo has the lowest rent of the ${describeCriteria({ ...criteria, maxRent: undefined })} I have. A smaller place or another area could cost less — shall I look?`,
      state: { lastOffer: "properties" },
    };
  }
  if (count === 0) {
    const stretch = /(\d+) would match without the budget limit/.exec(s.content);
    const hint = stretch ? ` ${stretch[1]} would fit if the budget can stretch a little — want to see them?` : ` We have listings in ${list(catalog.cities)}.`;
    return { reply: `${w.sorry()} I couldn't find any ${describeCriteria(criteria)} right now.${hint}`, state: { lastOffer: undefined } };
  }
  const lines = facts.shown.slice(0, 5).map((p, i) => {
    const entry = catalog.entries.find((e) => e.id === p.id);
    return `${i + 1}. ${p.name} — ${beds(p.beds)}, ${money(p.rent)}/mo, ${p.neighborhood}, ${p.city}${entry ? "" : ""}`;
  });
  let intro =
    count === 1 ? "I found one match:" : count > lines.length ? `I found ${count} matches; here are the best ${lines.length}:` : `I found ${count} matches:`;
  if (ctx.interp.criteria.cheapest && facts.shown.length) {
    const cheapest = [...facts.shown].sort((a, b) => a.rent - b.rent)[0];
    intro = `The most affordable is ${cheapest.name} at ${money(cheapest.rent)}/mo (${beds(cheapest.beds)}, ${cheapest.neighborhood}). All matches:`;
  }
  const ask = count === 1 ? "Would you like to see tour times or more details?" : "Would you like details or tour times for any of these?";
  return {
    reply: `${intro}\n${lines.join("\n")}\n${ask}`,
    state: { lastOffer: "properties", awaiting: "property" },
    options: s.artifact?.options,
  };
}

function field(content: string, label: string): string | undefined {
  const m = new RegExp(`^${label}: (.*)$`, "m").exec(content);
  return m?.[1];
}

const UNKNOWN_TOPIC: Partial<Record<QuestionTopic, string>> = {
  deposit: "the deposit",
  fees: "fees",
  utilities: "utilities",
  lease: "lease terms",
  application: "the application requirements",
  furnished: "furnishing",
  other: "that",
};

/** Amenities people ask about by name, and how to say each when it is not listed. */
const ASKABLE_AMENITIES: Array<[RegExp, string]> = [
  [/\bfireplace/i, "a fireplace"],
  [/\bev charg/i, "EV charging"],
  [/\b(?:gym|fitness)/i, "a fitness center"],
  [/\bpool\b/i, "a pool"],
  [/\b(?:rooftop|roof deck)/i, "a rooftop"],
  [/\bbalcon/i, "a balcony"],
  [/\b(?:patio|terrace|deck|porch)\b/i, "a patio or deck"],
  [/\b(?:yard|garden)\b/i, "a yard"],
  [/\bdishwasher/i, "a dishwasher"],
  [/\belevator/i, "an elevator"],
  [/\bstorage/i, "storage"],
  [/\b(?:concierge|doorman)/i, "a concierge"],
  [/\b(?:ac|a\/c|air condition)/i, "air conditioning"],
  [/\bbike/i, "bike storage"],
  [/\bpackage/i, "package lockers"],
  [/\bdog run|pet wash/i, "pet facilities"],
];

function answerTopic(property: CatalogEntry, c: string, topic: QuestionTopic, ctxText = "", weightOnFile?: number): string {
  const amenities = field(c, "Amenities") ?? "";
  const has = (re: RegExp) => amenities.split(", ").filter((a) => re.test(a));
  switch (topic) {
    case "pets": {
      const policy = field(c, "Pets") ?? "";
      const limit = /(\d+)\s*lb/.exec(policy);
      const said = /(\d+)\s*(?:lb|lbs|pound)s?\b(?!\s*(?:limit|max))/.exec(ctxText);
      const known = weightOnFile;
      const theirs =
        said && !/\b(?:limit|max(?:imum)?|up to|under)\s*$/.test(ctxText.slice(0, said.index))
          ? said
          : known
            ? ([String(known), String(known)] as unknown as RegExpExecArray)
            : null;
      const weight =
        limit && theirs
          ? Number(theirs[1]) > Number(limit[1])
            ? ` A ${theirs[1]} lb pet is over the ${limit[1]} lb limit, so that one wouldn't fit the policy.`
            : ` A ${theirs[1]} lb pet is within the ${limit[1]} lb limit.`
          : "";
      return `Pets at ${property.name}: ${policy}${weight}`;
    }
    case "parking": {
      const found = has(/parking|garage|ev charging/i);
      const cost = /how much|cost|price|fee/.test(ctxText) ? " I don't have its cost, though — the leasing team can confirm." : "";
      return found.length
        ? `${property.name} lists ${list(found)}.${cost}`
        : `I don't see parking listed for ${property.name}, so I can't promise it — the leasing team can confirm.`;
    }
    case "laundry": {
      const found = has(/laundry|washer|dryer/i);
      return found.length ? `${property.name} has ${list(found)}.` : `I don't see laundry listed for ${property.name} — the leasing team can confirm.`;
    }
    case "price":
      return `${property.name} is ${field(c, "Rent")}.`;
    case "size":
      return `${property.name}: ${field(c, "Layout")}.`;
    case "amenities": {
      // "Is there a fireplace?": that one amenity, yes or not listed.
      const asked = ASKABLE_AMENITIES.filter(([re]) => re.test(ctxText));
      if (asked.length && !/\bamenit/.test(ctxText)) {
        return asked
          .map(([re, label]) => {
            const found = has(re);
            return found.length
              ? `Yes — ${property.name} lists ${list(found)}.`
              : `I don't see ${label} listed for ${property.name}, so I can't promise it — the leasing team can confirm.`;
          })
          .join(" ");
      }
      return `${property.name} amenities: ${amenities || "none listed"}.`;
    }
    case "address":
      return `${property.name} is at ${field(c, "Address")}.`;
    case "available":
      return `${property.name} is available ${field(c, "Available")}.`;
    case "units":
      return `I don't have a count of units at ${property.name}. The home I can show you is ${field(c, "Layout")}, available ${field(c, "Available")} — the leasing team can tell you about others.`;
    case "open_house": {
      const special = field(c, "Special tour hours") ?? "none";
      const open = special.split("; ").filter((x) => /open house|–/i.test(x) && !/closed/.test(x));
      return open.length
        ? `${property.name} has ${open.length === 1 ? "an open house" : "open tour hours"}: ${open.join("; ")}. You can also book a private tour.`
        : `I don't see an open house scheduled at ${property.name} in the coming weeks — but I can book you a private tour.`;
    }
    case "utilities": {
      const included = has(/included/i);
      return included.length
        ? `${property.name} lists ${list(included)}; I don't have details on other utilities — the leasing team can confirm.`
        : `I don't have utility details for ${property.name}, and I don't want to guess — the leasing team can confirm.`;
    }
    default:
      return `I don't have information about ${UNKNOWN_TOPIC[topic] ?? "that"} for ${property.name}, and I don't want to guess — the leasing team can answer it.`;
  }
}

function overview(property: CatalogEntry, c: string): string {
  return `${property.name}, ${field(c, "Address")}: ${field(c, "Layout")}, ${field(c, "Rent")}. ${field(c, "About")} Pets: ${field(c, "Pets")} Amenities: ${field(c, "Amenities")}. Available ${field(c, "Available")}.`;
}

/** Answers questions about one listing from get_property_details, saying plainly what it does not know. */
export function detailsReply(ctx: PolicyContext, property: CatalogEntry, topics: QuestionTopic[], general: boolean): Decision {
  const d =
    [...ctx.done].reverse().find((x) => x.name === "get_property_details" && Number(x.args.propertyId) === property.id) ?? did(ctx, "get_property_details")!;
  if (!d.artifact?.ok) return { reply: d.content, state: {} };
  const answers = topics.length
    ? [...new Set(topics)].map((t) =>
        answerTopic(property, d.content, t, ctx.interp.folded, (ctx.facts.criteria as { petWeightLbs?: number } | undefined)?.petWeightLbs),
      )
    : [overview(property, d.content)];
  if (general && topics.length) answers.unshift(overview(property, d.content));
  // Already booked to see it: no need to offer times again.
  const booked = ctx.facts.tours.some((t) => t.propertyId === property.id);
  const next = ctx.prev.proposal
    ? `Shall I go ahead with ${ctx.prev.proposal.label}?`
    : booked
      ? "Anything else I can help with?"
      : "Would you like to see tour times?";
  return {
    reply: `${answers.join(" ")} ${next}`,
    state: { lastOffer: undefined },
    keepProposal: true,
    options: booked ? [] : [{ type: "reply", label: "See tour times", value: `What times can I tour ${property.name}?` }],
  };
}

/** Two listings side by side, from their details. */
export function compareReply(ctx: PolicyContext, pair: CatalogEntry[]): Decision {
  const lines = pair.map((p) => {
    const d = ctx.done.find((x) => x.name === "get_property_details" && Number(x.args.propertyId) === p.id);
    const c = d?.content ?? "";
    return `• ${p.name} (${p.neighborhood}, ${p.city}): ${field(c, "Layout")}, ${field(c, "Rent")}; pets: ${field(c, "Pets")?.split(".")[0]}; available ${field(c, "Available")}; ${field(c, "Amenities")}.`;
  });
  return {
    reply: `Here's how they compare:\n${lines.join("\n")}\nWould you like tour times for ${pair.length > 2 ? "any of them" : "either"}?`,
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
      reply: `Which one would you like? ${facts.shown.map((p, i) => `${i + 1}. ${p.name}`).join("; ")}.`,
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
    reply: `Which property would you like to see? Tell me its name, or the area, bedrooms and budget you have in mind and I'll find options. We have listings in ${list(ctx.catalog.cities)}.`,
    state: { awaiting: "location" },
  };
}

export { call };
