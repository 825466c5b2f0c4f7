export type Intent = "locked_out" | "maintenance" | "rent" | "tour_request" | "general";
export type TicketIntent = Intent | "escalation";
export type Priority = "urgent" | "high" | "normal" | "low";
export type TicketStatus = "open" | "in_progress" | "closed";

export interface Attachment {
  filename: string;
  contentType: string;
  size: number;
}

export interface Ticket {
  id: number;
  intent: TicketIntent;
  priority: Priority;
  summary: string;
  actionRequired: string;
  userId: number | null;
  sender: string | null;
  propertyId: number | null;
  unit: string | null;
  sourceMessageKey: string | null;
  conversationId: string | null;
  status: TicketStatus;
  assignedTo: number | null;
  stakeholdersNotified: Array<{ id: number; name: string; email: string; role: string }>;
  attachments: Attachment[];
  /** Later messages in the same thread that joined this ticket. */
  followUps: number;
  /** The latest of them, shortened. */
  lastFollowUp: string | null;
  lastFollowUpAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export type NewTicket = Omit<Ticket, "id" | "status" | "assignedTo" | "createdAt" | "updatedAt" | "followUps" | "lastFollowUp" | "lastFollowUpAt"> & {
  status?: TicketStatus;
};

const PRIORITY_RANK: Record<Priority, number> = { low: 0, normal: 1, high: 2, urgent: 3 };

/** The more pressing of two priorities. */
export function higherPriority(a: Priority, b: Priority): Priority {
  return PRIORITY_RANK[a] >= PRIORITY_RANK[b] ? a : b;
}

export interface Stakeholder {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  role: "locksmith" | "maintenance" | "accounting" | "leasing";
  intent: Intent;
  propertyId: number | null;
}
