import type { DateException, WeeklyRule } from "../domain/availability/availability";
import type { AvailabilityRepository } from "../domain/availability/availability-service";
import type { Db } from "./database";

interface RuleRow {
  weekday: number;
  start_time: string;
  end_time: string;
  slot_minutes: number;
}
interface ExceptionRow {
  date: string;
  kind: "closed" | "open";
  start_time: string | null;
  end_time: string | null;
  slot_minutes: number | null;
  note: string | null;
}

export class SqliteAvailabilityRepository implements AvailabilityRepository {
  private readonly rules;
  private readonly exceptions;

  constructor(private readonly db: Db) {
    this.rules = db.prepare<[number], RuleRow>(
      "SELECT weekday, start_time, end_time, slot_minutes FROM availability WHERE property_id = ? ORDER BY weekday, start_time",
    );
    this.exceptions = db.prepare<[number, string, string], ExceptionRow>(
      `SELECT date, kind, start_time, end_time, slot_minutes, note FROM availability_exceptions
       WHERE property_id = ? AND date BETWEEN ? AND ? ORDER BY date, start_time`,
    );
  }

  rulesFor(propertyId: number): WeeklyRule[] {
    return this.rules.all(propertyId).map((r) => ({ weekday: r.weekday, start: r.start_time, end: r.end_time, slotMinutes: r.slot_minutes }));
  }

  replaceRules(propertyId: number, rules: WeeklyRule[]): void {
    this.db.transaction(() => {
      this.db.prepare("DELETE FROM availability WHERE property_id = ?").run(propertyId);
      const ins = this.db.prepare("INSERT INTO availability (property_id, weekday, start_time, end_time, slot_minutes) VALUES (?, ?, ?, ?, ?)");
      for (const r of rules) ins.run(propertyId, r.weekday, r.start, r.end, r.slotMinutes);
    })();
  }

  addException(propertyId: number, e: DateException): number {
    const info = this.db
      .prepare("INSERT INTO availability_exceptions (property_id, date, kind, start_time, end_time, slot_minutes, note) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .run(propertyId, e.date, e.kind, e.start, e.end, e.slotMinutes, e.note);
    return Number(info.lastInsertRowid);
  }

  removeException(propertyId: number, id: number): boolean {
    return this.db.prepare("DELETE FROM availability_exceptions WHERE id = ? AND property_id = ?").run(id, propertyId).changes > 0;
  }

  exceptionsWithIds(propertyId: number, fromDate: string): Array<DateException & { id: number }> {
    return this.db
      .prepare<[number, string], ExceptionRow & { id: number }>(
        "SELECT * FROM availability_exceptions WHERE property_id = ? AND date >= ? ORDER BY date, start_time",
      )
      .all(propertyId, fromDate)
      .map((e) => ({ id: e.id, date: e.date, kind: e.kind, start: e.start_time, end: e.end_time, slotMinutes: e.slot_minutes, note: e.note }));
  }

  exceptionsFor(propertyId: number, fromDate: string, toDate: string): DateException[] {
    return this.exceptions.all(propertyId, fromDate, toDate).map((e) => ({
      date: e.date,
      kind: e.kind,
      start: e.start_time,
      end: e.end_time,
      slotMinutes: e.slot_minutes,
      note: e.note,
    }));
  }
}
