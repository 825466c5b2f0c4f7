import type { AuditEntry, Staff } from "../domain/staff/staff";
import type { StaffRepository } from "../domain/staff/staff-service";
import { AppError } from "../shared/app-error";
import { type Db, isUniqueViolation } from "./database";

interface StaffRow {
  id: number;
  email: string;
  name: string;
  role: Staff["role"];
  password_hash: string;
}

export class SqliteStaffRepository implements StaffRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return this.db.prepare("SELECT count(*) FROM staff_users").pluck().get() as number;
  }

  insert(s: { email: string; name: string; passwordHash: string; role: Staff["role"] }, now: string): Staff {
    try {
      const r = this.db
        .prepare<unknown[], StaffRow>("INSERT INTO staff_users (email, name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?) RETURNING *")
        .get(s.email, s.name, s.passwordHash, s.role, now)!;
      return { id: r.id, email: r.email, name: r.name, role: r.role };
    } catch (err) {
      if (isUniqueViolation(err)) throw new AppError("conflict", "A staff member with this e-mail exists.", { cause: err });
      throw err;
    }
  }

  findByEmail(email: string): (Staff & { passwordHash: string }) | undefined {
    const r = this.db.prepare<[string], StaffRow>("SELECT * FROM staff_users WHERE email = ?").get(email);
    return r ? { id: r.id, email: r.email, name: r.name, role: r.role, passwordHash: r.password_hash } : undefined;
  }

  createSession(s: { tokenHash: string; staffId: number; csrfToken: string; now: string; expiresAt: string }): void {
    this.db.prepare("DELETE FROM staff_sessions WHERE expires_at < ?").run(s.now);
    this.db
      .prepare("INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)")
      .run(s.tokenHash, s.staffId, s.csrfToken, s.now, s.expiresAt);
  }

  findSession(tokenHash: string, now: string): { staff: Staff; csrfToken: string; expiresAt: string } | undefined {
    const r = this.db
      .prepare<[string, string], StaffRow & { csrf_token: string; expires_at: string }>(
        "SELECT u.*, s.csrf_token, s.expires_at FROM staff_sessions s JOIN staff_users u ON u.id = s.staff_id WHERE s.token_hash = ? AND s.expires_at > ?",
      )
      .get(tokenHash, now);
    return r ? { staff: { id: r.id, email: r.email, name: r.name, role: r.role }, csrfToken: r.csrf_token, expiresAt: r.expires_at } : undefined;
  }

  deleteSession(tokenHash: string): void {
    this.db.prepare("DELETE FROM staff_sessions WHERE token_hash = ?").run(tokenHash);
  }

  audit(e: Omit<AuditEntry, "id">): void {
    this.db
      .prepare("INSERT INTO audit_log (actor, staff_id, action, target, details, at) VALUES (?, ?, ?, ?, ?, ?)")
      .run(e.actor, e.staffId, e.action, e.target, JSON.stringify(e.details), e.at);
  }

  auditLog(limit: number): AuditEntry[] {
    return this.db
      .prepare<[number], { id: number; actor: string; staff_id: number | null; action: string; target: string | null; details: string; at: string }>(
        "SELECT * FROM audit_log ORDER BY id DESC LIMIT ?",
      )
      .all(limit)
      .map((r) => ({ id: r.id, actor: r.actor, staffId: r.staff_id, action: r.action, target: r.target, details: JSON.parse(r.details), at: r.at }));
  }
}

/** Small JSON settings (the persona). */
export class SqliteSettingsRepository {
  constructor(private readonly db: Db) {}

  get<T>(key: string): T | undefined {
    const v = this.db.prepare<[string], string>("SELECT value FROM settings WHERE key = ?").pluck().get(key) as string | undefined;
    return v === undefined ? undefined : (JSON.parse(v) as T);
  }

  set(key: string, value: unknown): void {
    this.db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(key, JSON.stringify(value));
  }
}
