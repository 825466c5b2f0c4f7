import { tool } from "langchain";
import { z } from "zod";
import { addDays, localDateOf } from "../../domain/availability/slot-math";
import type { Property } from "../../domain/properties/property";
import { normalizeText as fold } from "../../domain/shared/text";
import { conversationIdOf } from "../agent-context";
import { errorText, money, petsText } from "./format";
import type { ToolDeps, ToolOutput } from "./tool-deps";

/** What get_property_details returns to the model, besides its text. */
export interface ListingDetails {
  name: string;
  address: string;
  beds: number;
  baths: number;
  sqft: number | null;
  rent: number;
  /** The pet policy, as staff wrote it. */
  pets: string;
  /** The first day it can be moved into, or null when it is available now. */
  availableFrom: string | null;
  amenities: string[];
  about: string;
  /** Open houses and extra tour hours in the coming weeks. */
  openHours: Array<{ date: string; start: string; end: string; note: string; label: string }>;
}

/** Open houses and closures in the coming weeks, as staff noted them (or one day's). */
function specialHours(d: ToolDeps, p: Property, today: string, only?: string): string {
  const until = addDays(today, d.availability.policy.horizonDays);
  const items = d.availability
    .hours(p)
    .exceptions.filter((e) => e.date <= until && (!only || e.date === only))
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
        const pets = `${petsText(p)}.${fold(p.petPolicy).replace(/[.\s]+$/, "") === fold(petsText(p)) ? "" : ` ${p.petPolicy}`}`;
        const text = [
          `${p.name} (id ${p.id})`,
          `Address: ${p.address}, ${p.neighborhood}, ${p.city}, ${p.state}${p.postalCode ? ` ${p.postalCode}` : ""}`,
          `Layout: ${p.beds === 0 ? "studio" : `${p.beds} bedroom`}, ${p.baths} bath${p.sqft ? `, ${p.sqft} sq ft` : ""}`,
          `Rent: ${money(p.rent)} per month`,
          `Pets: ${pets}`,
          `Available: ${available}`,
          `Amenities: ${p.amenities.length ? p.amenities.join(", ") : "none listed"}`,
          `About: ${p.description}`,
          `Special tour hours: ${specialHours(d, p, today)}`,
          `Tour times are in ${p.timezone}.`,
        ].join("\n");
        const exceptions = d.availability.hours(p).exceptions.filter((e) => e.date <= addDays(today, d.availability.policy.horizonDays));
        // The same facts, structured, for the model to word in the person's language.
        const details: ListingDetails = {
          name: p.name,
          address: `${p.address}, ${p.neighborhood}, ${p.city}, ${p.state}${p.postalCode ? ` ${p.postalCode}` : ""}`,
          beds: p.beds,
          baths: p.baths,
          sqft: p.sqft ?? null,
          rent: p.rent,
          pets,
          availableFrom: p.availableFrom <= today ? null : p.availableFrom,
          amenities: p.amenities,
          about: p.description,
          openHours: exceptions
            .filter((e) => e.kind === "open")
            .map((e) => ({ date: e.date, start: e.start ?? "", end: e.end ?? "", note: e.note ?? "", label: specialHours(d, { ...p }, today, e.date) })),
        };
        return [text, { ok: true, propertyId: p.id, details }];
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
