import { tool } from "langchain";
import { z } from "zod";
import { localDateOf } from "../../domain/availability/slot-math";
import { conversationIdOf } from "../agent-context";
import { errorText, money, petsText } from "./format";
import type { ToolDeps, ToolOutput } from "./tool-deps";

export function createGetPropertyDetailsTool(d: ToolDeps) {
  return tool(
    async ({ propertyId }, runtime): Promise<ToolOutput> => {
      const conversationId = conversationIdOf(runtime);
      try {
        const p = d.properties.getActive(propertyId);
        d.conversations.updateFacts(conversationId, { focusPropertyId: p.id });
        const today = localDateOf(d.clock.now(), p.timezone);
        const text = [
          `${p.name} (id ${p.id})`,
          `Address: ${p.address}, ${p.neighborhood}, ${p.city}, ${p.state}${p.postalCode ? ` ${p.postalCode}` : ""}`,
          `Layout: ${p.beds === 0 ? "studio" : `${p.beds} bedroom`}, ${p.baths} bath${p.sqft ? `, ${p.sqft} sq ft` : ""}`,
          `Rent: ${money(p.rent)} per month`,
          `Pets: ${petsText(p)}. ${p.petPolicy}`,
          `Available: ${p.availableFrom <= today ? "now" : `from ${p.availableFrom}`}`,
          `Amenities: ${p.amenities.length ? p.amenities.join(", ") : "none listed"}`,
          `About: ${p.description}`,
          `Tour times are in ${p.timezone}.`,
        ].join("\n");
        return [text, { ok: true, propertyId: p.id }];
      } catch (err) {
        return [`Cannot show property ${propertyId}: ${errorText(err)}`, { ok: false }];
      }
    },
    {
      name: "get_property_details",
      description:
        "Get the full facts of one listing by its id: address, layout, rent, pet policy, availability date, amenities and description. Use it to answer questions about a specific property.",
      schema: z.object({ propertyId: z.number().int().positive().describe("Listing id from search_properties") }),
      responseFormat: "content_and_artifact",
    },
  );
}
