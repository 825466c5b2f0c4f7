export interface Staff {
  id: number;
  email: string;
  name: string;
  role: "admin" | "staff";
}

export interface StaffSession {
  staff: Staff;
  csrfToken: string;
  expiresAt: string;
}

export interface AuditEntry {
  id: number;
  actor: string;
  staffId: number | null;
  action: string;
  target: string | null;
  details: Record<string, unknown>;
  at: string;
}
