export type UserRole = "prospect" | "tenant";

export interface User {
  id: number;
  name: string;
  email: string;
  phone: string | null; // E.164
  role: UserRole;
  propertyId: number | null;
  unit: string | null;
  leaseEnd: string | null; // YYYY-MM-DD
  balanceDueCents: number;
}
