import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from "ical-generator";

export interface TourInvite {
  uid: string;
  sequence: number;
  method: "REQUEST" | "CANCEL";
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string;
  url: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  stamp: Date;
}

/**
 * An iTIP invitation for one tour. The UID is stable per booking and SEQUENCE grows on each
 * change, so calendar apps update (or, with METHOD:CANCEL, remove) the same event.
 * Times are written in UTC, which every calendar client reads without a VTIMEZONE block.
 */
export function buildTourIcs(invite: TourInvite): string {
  const cal = ical({
    prodId: { company: "Lead to Lease", product: "Leasing Assistant", language: "EN" },
    method: invite.method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  cal.createEvent({
    id: invite.uid,
    sequence: invite.sequence,
    start: invite.start,
    end: invite.end,
    stamp: invite.stamp,
    summary: invite.summary,
    description: invite.description,
    location: invite.location,
    url: invite.url,
    status: invite.method === "CANCEL" ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: invite.organizer.name, email: invite.organizer.email },
    attendees: [
      {
        name: invite.attendee.name,
        email: invite.attendee.email,
        rsvp: false,
        role: ICalAttendeeRole.REQ,
        status: invite.method === "CANCEL" ? ICalAttendeeStatus.DECLINED : ICalAttendeeStatus.ACCEPTED,
      },
    ],
  });
  return cal.toString();
}
