import type { User, UserRole } from "../domain/users/user";
import type { UserRepository } from "../domain/users/user-service";
import { AppError } from "../shared/app-error";
import { type Db, isUniqueViolation } from "./database";

interface UserRow {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  role: UserRole;
  property_id: number | null;
  unit: string | null;
  lease_end: string | null;
  balance_due_cents: number;
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    role: r.role,
    propertyId: r.property_id,
    unit: r.unit,
    leaseEnd: r.lease_end,
    balanceDueCents: r.balance_due_cents,
  };
}

export class SqliteUserRepository implements UserRepository {
  private readonly byId;
  private readonly byEmail;
  private readonly insert;

  constructor(private readonly db: Db) {
    this.byId = db.prepare<[number], UserRow>("SELECT * FROM users WHERE id = ?");
    this.byEmail = db.prepare<[string], UserRow>("SELECT * FROM users WHERE email = ? COLLATE NOCASE");
    this.insert = db.prepare<[string, string, string | null, string, string], UserRow>(
      "INSERT INTO users (name, email, phone, role, created_at, updated_at) VALUES (?, ?, ?, 'prospect', ?, ?) RETURNING *",
    );
  }

  findById(id: number): User | undefined {
    const r = this.byId.get(id);
    return r ? toUser(r) : undefined;
  }

  findByEmail(email: string): User | undefined {
    const r = this.byEmail.get(email);
    return r ? toUser(r) : undefined;
  }

  insertProspect(c: { name: string; email: string; phone: string | null }, now: string): User {
    try {
      return toUser(this.insert.get(c.name, c.email, c.phone, now, now)!);
    } catch (err) {
      if (isUniqueViolation(err, "users.email")) {
        throw new AppError("conflict", "A person with this e-mail already exists.", { cause: err });
      }
      throw err;
    }
  }

  updateContact(id: number, patch: { name?: string; phone?: string | null; email?: string }, now: string): User {
    const sets: string[] = [];
    const values: unknown[] = [];
    if (patch.name !== undefined) {
      sets.push("name = ?");
      values.push(patch.name);
    }
    if (patch.email !== undefined) {
      sets.push("email = ?");
      values.push(patch.email);
    }
    if (patch.phone !== undefined) {
      sets.push("phone = ?");
      values.push(patch.phone);
    }
    sets.push("updated_at = ?");
    values.push(now);
    let row: UserRow | undefined;
    try {
      row = this.db.prepare<unknown[], UserRow>(`UPDATE users SET ${sets.join(", ")} WHERE id = ? RETURNING *`).get(...values, id);
    } catch (err) {
      if (isUniqueViolation(err, "users.email")) throw new AppError("conflict", "A person with this e-mail already exists.", { cause: err });
      throw err;
    }
    if (!row) throw new AppError("user_not_found", `No user with id ${id}.`);
    return toUser(row);
  }

  list(filter: { role?: UserRole }): User[] {
    const rows = filter.role
      ? this.db.prepare<[string], UserRow>("SELECT * FROM users WHERE role = ? ORDER BY id").all(filter.role)
      : this.db.prepare<[], UserRow>("SELECT * FROM users ORDER BY id").all();
    return rows.map(toUser);
  }
}
