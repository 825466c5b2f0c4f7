import { tool } from "langchain";
import { z } from "zod";
import { localDateOf } from "../../domain/availability/slot-math";
import type { SearchCriteria } from "../../domain/conversations/conversation";
import { conversationIdOf } from "../agent-context";
import { propertyLine, propertyOption } from "./format";
import type { ToolDeps, ToolOutput } from "./tool-deps";

const schema = z.object({
  location: z.string().max(100).nullish().describe("City or neighbourhood, e.g. 'Austin' or 'East Austin'"),
  beds: z.number().int().min(0).max(10).nullish().describe("Exact number of bedrooms; 0 means studio"),
  minBeds: z.number().int().min(0).max(10).nullish().describe("Minimum number of bedrooms"),
  maxBeds: z
    .number()
    .int()
    .min(0)
    .max(10)
    .nullish()
    .describe("Maximum number of bedrooms; with minBeds for a range, e.g. 'a studio or a 1-bedroom' is minBeds 0, maxBeds 1"),
  maxRent: z.number().int().positive().nullish().describe("Highest monthly rent in dollars"),
  minBaths: z.number().min(0).max(10).nullish().describe("Minimum number of bathrooms"),
  features: z.array(z.string().max(40)).max(6).nullish().describe("Amenities that must be listed, e.g. ['in-unit laundry', 'parking', 'pool']"),
  pets: z.enum(["dog", "cat", "both", "any"]).nullish().describe("Pet the prospect has: 'both' for a dog and a cat"),
  petWeightLbs: z.number().int().min(1).max(300).nullish().describe("The dog's weight in pounds, when given: listings with a lower weight limit are left out"),
  moveIn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullish()
    .describe("Move-in date YYYY-MM-DD; the unit must be available by then"),
  sort: z.enum(["rent"]).nullish().describe("'rent' lists the lowest rent first (for 'the cheapest place'); leave empty for best match first"),
});

export function createSearchPropertiesTool(d: ToolDeps) {
  return tool(
    async (args, runtime): Promise<ToolOutput> => {
      const conversationId = conversationIdOf(runtime);
      const criteria: SearchCriteria = {};
      if (args.location) criteria.location = args.location;
      if (args.beds != null) criteria.beds = args.beds;
      if (args.minBeds != null) criteria.minBeds = args.minBeds;
      if (args.maxBeds != null) criteria.maxBeds = args.maxBeds;
      if (args.maxRent != null) criteria.maxRent = args.maxRent;
      if (args.minBaths != null) criteria.minBaths = args.minBaths;
      if (args.features?.length) criteria.features = args.features;
      if (args.pets) criteria.pets = args.pets;
      if (args.petWeightLbs != null) criteria.petWeightLbs = args.petWeightLbs;
      if (args.moveIn) criteria.moveIn = args.moveIn;
      const found = d.properties.search({ ...criteria, sort: args.sort ?? undefined, limit: 5 }).map((r) => r.property);
      const total = d.properties.search(criteria).length;
      // With no match, the listings shown before are still the ones the person has in front of them.
      d.conversations.updateFacts(
        conversationId,
        found.length ? { criteria, shown: found.map((p) => p.id), focusPropertyId: found.length === 1 ? found[0].id : undefined } : { criteria },
      );
      if (found.length === 0) {
        const nearby = criteria.maxRent ? d.properties.search({ ...criteria, maxRent: undefined }).length : 0;
        const hint = nearby > 0 ? ` ${nearby} would match without the budget limit.` : "";
        return [`No active listings match ${JSON.stringify(criteria)}.${hint}`, { ok: true, count: 0, overBudget: nearby }];
      }
      const today = localDateOf(d.clock.now(), found[0].timezone);
      const lines = found.map((p, i) => `${i + 1}. ${propertyLine(p, today)}`);
      const more = total > found.length ? `\n(${total - found.length} more match; narrow the search to see them.)` : "";
      return [`${total} listing(s) match. Top ${found.length}:\n${lines.join("\n")}${more}`, { ok: true, count: total, options: found.map(propertyOption) }];
    },
    {
      name: "search_properties",
      description:
        "Search active rental listings by city or neighbourhood, bedrooms, bathrooms, maximum rent, amenities, pets and move-in date. " +
        "Returns up to five ranked listings with their ids, rent, size, pet policy and availability date. " +
        "Use it before talking about any listing.",
      schema,
      responseFormat: "content_and_artifact",
    },
  );
}
