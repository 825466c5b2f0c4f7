import type { Slot } from "../../domain/availability/availability";
import type { Booking } from "../../domain/bookings/booking";
import type { ChoiceOption } from "../../domain/conversations/conversation";
import type { Property } from "../../domain/properties/property";
import { type DateLocale, formatLocalDateTime, formatShortDay, formatTime, zoneAbbreviation } from "../../domain/shared/time-format";
import { isAppError } from "../../shared/app-error";

export function money(n: number): string {
  return `$${n.toLocaleString("en-US")}`;
}

export function bedsText(beds: number): string {
  return beds === 0 ? "studio" : `${beds} bed`;
}

export function petsText(p: Property): string {
  switch (p.petsAllowed) {
    case "none":
      return "no pets";
    case "cats":
      return "cats OK";
    case "dogs":
      return "dogs OK";
    default:
      return "cats & dogs OK";
  }
}

export function propertyLine(p: Property, today: string): string {
  const avail = p.availableFrom <= today ? "available now" : `available ${p.availableFrom}`;
  return `${p.name} (id ${p.id}) — ${bedsText(p.beds)}/${p.baths} bath, ${money(p.rent)}/mo, ${p.neighborhood}, ${p.city}; ${petsText(p)}; ${avail}`;
}

/** "Tue, Nov 24 at 3:00 PM CST"; in Spanish "mar, 24 nov a las 3:00 p.m. CST". */
export function slotWhen(start: Date, tz: string, locale: DateLocale = "en"): string {
  return `${slotDay(start, tz, locale)} ${zoneAbbreviation(start, tz)}`;
}

function slotDay(start: Date, tz: string, locale: DateLocale): string {
  return `${formatShortDay(start, tz, locale)} ${locale === "es" ? "a las" : "at"} ${formatTime(start, tz, locale)}`;
}

/** A tour time to pick, labelled in the conversation's language. */
export function slotOption(p: Property, s: Slot, locale: DateLocale = "en"): ChoiceOption {
  return {
    type: "slot",
    label: slotWhen(s.start, p.timezone, locale),
    value: slotDay(s.start, p.timezone, locale),
    propertyId: p.id,
    start: s.start.toISOString(),
    local: s.local,
  };
}

export function propertyOption(p: Property): ChoiceOption {
  return {
    type: "property",
    label: p.name,
    value: p.name,
    propertyId: p.id,
    beds: p.beds,
    rent: p.rent,
    city: p.city,
    neighborhood: p.neighborhood,
  };
}

export function bookingLine(b: Booking, p: Property): string {
  return `Tour ${b.id}: ${p.name}, ${formatLocalDateTime(b.start, p.timezone)}${b.status === "cancelled" ? " (cancelled)" : ""}`;
}

/** A domain error as a sentence the model can act on. */
export function errorText(err: unknown): string {
  if (isAppError(err)) return err.message;
  return "Something went wrong on our side.";
}
