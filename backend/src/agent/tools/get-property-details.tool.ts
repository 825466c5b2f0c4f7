import { tool } from "langchain";
import { z } from "zod";
import { addDays, localDateOf } from "../../domain/availability/slot-math";
import type { Property } from "../../domain/properties/property";
import { normalizeText as fold } from "../../domain/shared/text";
import { conversationIdOf } from "../agent-context";
import { errorText, money, petsText } from "./format";
import type { ToolDeps, ToolOutput } from "./tool-deps";

/** Open houses and closures in the coming weeks, as staff noted them. */
function specialHours(d: ToolDeps, p: Property, today: string): string {
  const until = addDays(today, d.availability.policy.horizonDays);
  const items = d.availability
    .hours(p)
    .exceptions.filter((e) => e.date <= until)
    .map((e) => {
      const day = new Date(`${e.date}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
      const clock = (hm: string | null) => {
        const [h, m] = (hm ?? "0:0").split(":").map(Number);
        return `${h % 12 === 0 ? 12 : h % 12}:${String(m).padStart(2, "0")} ${h < 12 ? "AM" : "PM"}`;
      };
      return e.kind === "open" ? `${day} ${clock(e.start)}–${clock(e.end)}${e.note ? ` (${e.note})` : ""}` : `${day} closed${e.note ? ` (${e.note})` : ""}`;
    });
  return items.length ? items.join("; ") : "none";
}

/** "Mar 1, 2027" for the date a listing becomes available. */
const AVAILABLE_DATE_FORMAT: Intl.DateTimeFormatOptions = { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" };

export function createGetPropertyDetailsTool(d: ToolDeps) {
  return tool(
    async ({ propertyId }, runtime): Promise<ToolOutput> => {
      const conversationId = conversationIdOf(runtime);
      try {
        const p = d.properties.getActive(propertyId);
        d.conversations.updateFacts(conversationId, { focusPropertyId: p.id });
        const today = localDateOf(d.clock.now(), p.timezone);
        const available =
          p.availableFrom <= today ? "now" : `from ${new Date(`${p.availableFrom}T12:00:00Z`).toLocaleDateString("en-US", AVAILABLE_DATE_FORMAT)}`;
        const text = [
          `${p.name} (id ${p.id})`,
          `Address: ${p.address}, ${p.neighborhood}, ${p.city}, ${p.state}${p.postalCode ? ` ${p.postalCode}` : ""}`,
          `Layout: ${p.beds === 0 ? "studio" : `${p.beds} bedroom`}, ${p.baths} bath${p.sqft ? `, ${p.sqft} sq ft` : ""}`,
          `Rent: ${money(p.rent)} per month`,
          `Pets: ${petsText(p)}.${fold(p.petPolicy).replace(/[.\s]+$/, "") === fold(petsText(p)) ? "" : ` ${p.petPolicy}`}`,
          `Available: ${available}`,
          `Amenities: ${p.amenities.length ? p.amenities.join(", ") : "none listed"}`,
          `About: ${p.description}`,
          `Special tour hours: ${specialHours(d, p, today)}`,
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
        "Get the full facts of one listing by its id: address, layout, rent, pet policy, availability date, amenities, description, " +
        "and open houses or closures in the coming weeks. Use it to answer questions about a specific property.",
      schema: z.object({ propertyId: z.number().int().positive().describe("Listing id from search_properties") }),
      responseFormat: "content_and_artifact",
    },
  );
}
