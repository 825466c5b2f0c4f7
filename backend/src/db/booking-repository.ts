import type { Interval } from "../domain/availability/availability";
import type { BusyTimesRepository } from "../domain/availability/availability-service";
import type { Booking, BookingLanguage, BookingSource, BookingStatus, BookingWithContact } from "../domain/bookings/booking";
import type { BookingRepository, NewBooking } from "../domain/bookings/booking-service";
import { AppError } from "../shared/app-error";
import { type Db, isUniqueViolation } from "./database";

interface BookingRow {
  id: number;
  property_id: number;
  user_id: number;
  start_utc: string;
  end_utc: string;
  status: BookingStatus;
  manage_token: string;
  sequence: number;
  source: BookingSource;
  language: BookingLanguage;
  created_at: string;
  updated_at: string;
  cancelled_at: string | null;
}

function toBooking(r: BookingRow): Booking {
  return {
    id: r.id,
    propertyId: r.property_id,
    userId: r.user_id,
    start: new Date(r.start_utc),
    end: new Date(r.end_utc),
    status: r.status,
    manageToken: r.manage_token,
    sequence: r.sequence,
    source: r.source,
    language: r.language,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    cancelledAt: r.cancelled_at ? new Date(r.cancelled_at) : null,
  };
}

/**
 * No tour lasts longer than a day (slots are at most 4 hours), so a booking overlapping a
 * window must start less than a day before it. Bounding the index range keeps overlap checks
 * constant-time however many bookings a property has.
 */
function earliestStart(windowStart: Date): string {
  return new Date(windowStart.getTime() - 86_400_000).toISOString();
}

function slotTaken(err: unknown): AppError | unknown {
  if (isUniqueViolation(err, "bookings.property_id")) {
    return new AppError("slot_unavailable", "That tour time was just taken.", { cause: err });
  }
  return err;
}

export class SqliteBookingRepository implements BookingRepository, BusyTimesRepository {
  private readonly insert;
  private readonly byId;
  private readonly byToken;
  private readonly overlapping;
  private readonly userOverlapping;
  private readonly move;
  private readonly cancel;
  private readonly upcoming;
  private readonly busy;

  constructor(private readonly db: Db) {
    this.insert = db.prepare<unknown[], BookingRow>(
      `INSERT INTO bookings (property_id, user_id, start_utc, end_utc, status, manage_token, sequence, source, source_ref, language, created_at, updated_at)
       VALUES (?, ?, ?, ?, 'confirmed', ?, 0, ?, ?, ?, ?, ?) RETURNING *`,
    );
    this.byId = db.prepare<[number], BookingRow>("SELECT * FROM bookings WHERE id = ?");
    this.byToken = db.prepare<[string], BookingRow>("SELECT * FROM bookings WHERE manage_token = ?");
    this.overlapping = db.prepare<[number, string, string, string, number], BookingRow>(
      `SELECT * FROM bookings WHERE property_id = ? AND status = 'confirmed'
         AND start_utc < ? AND end_utc > ? AND start_utc >= ? AND id != ?`,
    );
    this.userOverlapping = db.prepare<[number, string, string, string, number], BookingRow>(
      `SELECT * FROM bookings WHERE user_id = ? AND status = 'confirmed'
         AND start_utc < ? AND end_utc > ? AND start_utc >= ? AND id != ?`,
    );
    this.move = db.prepare<[string, string, string, number], BookingRow>(
      `UPDATE bookings SET start_utc = ?, end_utc = ?, sequence = sequence + 1, updated_at = ?
       WHERE id = ? RETURNING *`,
    );
    this.cancel = db.prepare<[string, string, number], BookingRow>(
      `UPDATE bookings SET status = 'cancelled', sequence = sequence + 1, updated_at = ?, cancelled_at = ?
       WHERE id = ? RETURNING *`,
    );
    this.upcoming = db.prepare<[number, string], BookingRow>(
      `SELECT * FROM bookings WHERE user_id = ? AND status = 'confirmed' AND start_utc >= ? ORDER BY start_utc`,
    );
    this.busy = db.prepare<[number, string, string, string], { start_utc: string; end_utc: string }>(
      `SELECT start_utc, end_utc FROM bookings WHERE property_id = ? AND status = 'confirmed'
         AND start_utc < ? AND end_utc > ? AND start_utc >= ?`,
    );
  }

  insertConfirmed(b: NewBooking, now: Date): Booking {
    const at = now.toISOString();
    try {
      return toBooking(
        this.insert.get(
          b.propertyId,
          b.userId,
          b.start.toISOString(),
          b.end.toISOString(),
          b.manageToken,
          b.source,
          b.sourceRef ?? null,
          b.language ?? "en",
          at,
          at,
        )!,
      );
    } catch (err) {
      throw slotTaken(err);
    }
  }

  findById(id: number): Booking | undefined {
    const r = this.byId.get(id);
    return r ? toBooking(r) : undefined;
  }

  findBySourceRef(ref: string): Booking | undefined {
    const r = this.db.prepare<[string], BookingRow>("SELECT * FROM bookings WHERE source_ref = ?").get(ref);
    return r ? toBooking(r) : undefined;
  }

  findByToken(token: string): Booking | undefined {
    const r = this.byToken.get(token);
    return r ? toBooking(r) : undefined;
  }

  confirmedOverlapping(propertyId: number, w: Interval, excludeId = -1): Booking[] {
    return this.overlapping.all(propertyId, w.end.toISOString(), w.start.toISOString(), earliestStart(w.start), excludeId).map(toBooking);
  }

  userConfirmedOverlapping(userId: number, w: Interval, excludeId = -1): Booking[] {
    return this.userOverlapping.all(userId, w.end.toISOString(), w.start.toISOString(), earliestStart(w.start), excludeId).map(toBooking);
  }

  updateTime(id: number, start: Date, end: Date, now: Date): Booking {
    try {
      const r = this.move.get(start.toISOString(), end.toISOString(), now.toISOString(), id);
      if (!r) throw new AppError("booking_not_found", `No tour with id ${id}.`);
      return toBooking(r);
    } catch (err) {
      throw slotTaken(err);
    }
  }

  markCancelled(id: number, now: Date): Booking {
    const at = now.toISOString();
    const r = this.cancel.get(at, at, id);
    if (!r) throw new AppError("booking_not_found", `No tour with id ${id}.`);
    return toBooking(r);
  }

  upcomingForUser(userId: number, now: Date): Booking[] {
    return this.upcoming.all(userId, now.toISOString()).map(toBooking);
  }

  confirmedIntervals(propertyId: number, from: Date, to: Date): Interval[] {
    return this.busy
      .all(propertyId, to.toISOString(), from.toISOString(), earliestStart(from))
      .map((r) => ({ start: new Date(r.start_utc), end: new Date(r.end_utc) }));
  }

  listWithContacts(filter: { email?: string; status?: BookingStatus; propertyId?: number }): BookingWithContact[] {
    const where: string[] = [];
    const values: unknown[] = [];
    if (filter.email) {
      where.push("u.email = ? COLLATE NOCASE");
      values.push(filter.email);
    }
    // The status is written out, not bound: SQLite uses a partial index (confirmed or
    // cancelled bookings by listing) only for a query that names its condition.
    const statusIs = (s: BookingStatus) => (s === "cancelled" ? "b.status = 'cancelled'" : "b.status = 'confirmed'");
    if (filter.propertyId !== undefined && filter.status) {
      where.push(`${statusIs(filter.status)} AND b.property_id = ?`);
      values.push(filter.propertyId);
    } else if (filter.propertyId !== undefined) {
      where.push("((b.status = 'confirmed' AND b.property_id = ?) OR (b.status = 'cancelled' AND b.property_id = ?))");
      values.push(filter.propertyId, filter.propertyId);
    } else if (filter.status) {
      where.push(statusIs(filter.status));
    }
    const rows = this.db
      .prepare<unknown[], BookingRow & { u_name: string; u_email: string; u_phone: string | null }>(
        `SELECT b.*, u.name AS u_name, u.email AS u_email, u.phone AS u_phone
         FROM bookings b JOIN users u ON u.id = b.user_id
         ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY b.start_utc, b.id LIMIT 1000`,
      )
      .all(...values);
    return rows.map((r) => ({ ...toBooking(r), user: { name: r.u_name, email: r.u_email, phone: r.u_phone } }));
  }
}
