import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../../shared/app-error";
import type { Clock } from "../../shared/clock";
import { hashPassword, verifyPassword } from "./passwords";
import type { AuditEntry, Staff, StaffSession } from "./staff";

export interface StaffRepository {
  count(): number;
  insert(s: { email: string; name: string; passwordHash: string; role: Staff["role"] }, now: string): Staff;
  findByEmail(email: string): (Staff & { passwordHash: string }) | undefined;
  createSession(s: { tokenHash: string; staffId: number; csrfToken: string; now: string; expiresAt: string }): void;
  findSession(tokenHash: string, now: string): { staff: Staff; csrfToken: string; expiresAt: string } | undefined;
  deleteSession(tokenHash: string): void;
  audit(e: Omit<AuditEntry, "id">): void;
  auditLog(limit: number): AuditEntry[];
}

export const SESSION_HOURS = 12;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

/** Staff accounts, sign-in sessions with CSRF tokens, and the audit log of staff actions. */
export class StaffService {
  constructor(
    private readonly repo: StaffRepository,
    private readonly clock: Clock,
  ) {}

  /** Creates the first admin account when there is none. */
  async ensureAdmin(email: string, password: string): Promise<void> {
    if (this.repo.count() > 0) return;
    const passwordHash = await hashPassword(password);
    if (this.repo.count() > 0) return;
    this.repo.insert({ email, name: "Administrator", passwordHash, role: "admin" }, this.clock.now().toISOString());
  }

  /** Signs in; the same error, after the same work, for an unknown e-mail and a wrong password. */
  async login(email: string, password: string): Promise<StaffSession & { token: string }> {
    const found = this.repo.findByEmail(email.trim());
    const matches = await verifyPassword(password, found?.passwordHash ?? (await this.unknownUserHash()));
    if (!found || !matches) throw new AppError("unauthorized", "Wrong e-mail or password.");
    const token = randomBytes(32).toString("base64url");
    const csrfToken = randomBytes(24).toString("base64url");
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
    this.repo.createSession({ tokenHash: sha256(token), staffId: found.id, csrfToken, now: now.toISOString(), expiresAt });
    const { passwordHash: _omit, ...staff } = found;
    void _omit;
    this.audit(staff, "login", null, {});
    return { token, staff, csrfToken, expiresAt };
  }

  private decoy: Promise<string> | undefined;

  /** A hash to check passwords of unknown e-mails against, so they take as long as known ones. */
  private unknownUserHash(): Promise<string> {
    this.decoy ??= hashPassword(randomBytes(16).toString("base64url"));
    return this.decoy;
  }

  authenticate(token: string | undefined): StaffSession | undefined {
    if (!token || token.length > 200) return undefined;
    return this.repo.findSession(sha256(token), this.clock.now().toISOString());
  }

  logout(token: string): void {
    this.repo.deleteSession(sha256(token));
  }

  /** Records who did what. `staff` is null for the admin API token. */
  audit(staff: Staff | null, action: string, target: string | null, details: Record<string, unknown>): void {
    this.repo.audit({ actor: staff ? staff.email : "api-token", staffId: staff?.id ?? null, action, target, details, at: this.clock.now().toISOString() });
  }

  auditLog(limit = 200): AuditEntry[] {
    return this.repo.auditLog(limit);
  }
}
