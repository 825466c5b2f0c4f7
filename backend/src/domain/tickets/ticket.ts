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
  createdAt: string;
  updatedAt: string;
}

export type NewTicket = Omit<Ticket, "id" | "status" | "assignedTo" | "createdAt" | "updatedAt"> & { status?: TicketStatus };

export interface Stakeholder {
  id: number;
  name: string;
  email: string;
  phone: string | null;
  role: "locksmith" | "maintenance" | "accounting" | "leasing";
  intent: Intent;
  propertyId: number | null;
}
