import type { Slot } from "../domain/availability/availability";
import { toLocalString } from "../domain/availability/slot-math";
import type { Booking, BookingWithContact } from "../domain/bookings/booking";
import type { Property } from "../domain/properties/property";
import type { User } from "../domain/users/user";

export function propertyDto(p: Property) {
  return {
    id: p.id,
    name: p.name,
    address: p.address,
    city: p.city,
    state: p.state,
    postalCode: p.postalCode,
    neighborhood: p.neighborhood,
    beds: p.beds,
    baths: p.baths,
    rent: p.rent,
    sqft: p.sqft,
    pets: p.petsAllowed !== "none",
    petsAllowed: p.petsAllowed,
    petPolicy: p.petPolicy,
    timezone: p.timezone,
    availableFrom: p.availableFrom,
    description: p.description,
    amenities: p.amenities,
    active: p.active,
  };
}

export function slotDto(s: Slot) {
  return { start: s.start.toISOString(), end: s.end.toISOString(), local: s.local };
}

export function bookingDto(b: Booking, publicUrl: string, property?: Property) {
  return {
    id: b.id,
    propertyId: b.propertyId,
    start: b.start.toISOString(),
    end: b.end.toISOString(),
    status: b.status,
    sequence: b.sequence,
    source: b.source,
    manageUrl: `${publicUrl}/tours/${b.manageToken}`,
    ...(property ? { timezone: property.timezone, local: toLocalString(b.start, property.timezone) } : {}),
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
  };
}

export function adminBookingDto(b: BookingWithContact) {
  return {
    id: b.id,
    propertyId: b.propertyId,
    start: b.start.toISOString(),
    end: b.end.toISOString(),
    status: b.status,
    source: b.source,
    sequence: b.sequence,
    createdAt: b.createdAt.toISOString(),
    user: b.user,
  };
}

export function userDto(u: User) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    phone: u.phone,
    role: u.role,
    propertyId: u.propertyId,
    unit: u.unit,
    leaseEnd: u.leaseEnd,
    balanceDue: u.balanceDueCents / 100,
  };
}
