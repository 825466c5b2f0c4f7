import { AppError } from "../../shared/app-error";
import type { Clock } from "../../shared/clock";
import { type ContactInput, normalizeEmail, validateContact } from "./contact-validation";
import type { User, UserRole } from "./user";

export interface UserRepository {
  findById(id: number): User | undefined;
  findByEmail(email: string): User | undefined;
  insertProspect(contact: { name: string; email: string; phone: string | null }, now: string): User;
  updateContact(id: number, patch: { name?: string; phone?: string | null; email?: string }, now: string): User;
  list(filter: { role?: UserRole }): User[];
}

export class UserService {
  constructor(
    private readonly repo: UserRepository,
    private readonly clock: Clock,
  ) {}

  private now(): string {
    return this.clock.now().toISOString();
  }

  /**
   * Creates a prospect or updates the one with this e-mail (case-insensitive). A tenant who
   * fills in a form stays a tenant; their name is not overwritten by unauthenticated input,
   * only a missing phone number is filled in.
   */
  upsertProspect(input: ContactInput): User {
    const contact = validateContact(input);
    const existing = this.repo.findByEmail(contact.email);
    if (!existing) return this.repo.insertProspect(contact, this.now());
    if (existing.role === "tenant") {
      if (!existing.phone && contact.phone) return this.repo.updateContact(existing.id, { phone: contact.phone }, this.now());
      return existing;
    }
    const patch: { name?: string; phone?: string | null } = {};
    if (contact.name !== existing.name) patch.name = contact.name;
    if (contact.phone && contact.phone !== existing.phone) patch.phone = contact.phone;
    return Object.keys(patch).length ? this.repo.updateContact(existing.id, patch, this.now()) : existing;
  }

  /**
   * Corrects a prospect's e-mail (a typo noticed after booking). Tenants' addresses are not
   * changed from a chat, and an address that belongs to someone else is never taken over.
   */
  correctEmail(userId: number, rawEmail: string): User {
    const user = this.get(userId);
    const email = normalizeEmail(rawEmail);
    if (!email) throw new AppError("validation", `"${rawEmail.slice(0, 80)}" is not a valid e-mail address.`);
    if (user.email.toLowerCase() === email.toLowerCase()) return user;
    if (user.role !== "prospect") throw new AppError("forbidden", "A resident's e-mail can only be changed by the property team.");
    if (this.repo.findByEmail(email)) throw new AppError("conflict", "That e-mail address already belongs to another person.");
    return this.repo.updateContact(userId, { email }, this.now());
  }

  get(id: number): User {
    const u = this.repo.findById(id);
    if (!u) throw new AppError("user_not_found", `No user with id ${id}.`);
    return u;
  }

  findByEmail(email: string): User | undefined {
    return this.repo.findByEmail(email.trim());
  }

  list(filter: { role?: UserRole }): User[] {
    return this.repo.list(filter);
  }
}
