import type { Logger } from "pino";
import type { AvailabilityService } from "../domain/availability/availability-service";
import type { BookingService } from "../domain/bookings/booking-service";
import type { PropertyService } from "../domain/properties/property-service";
import type { UserService } from "../domain/users/user-service";
import type { ChatTurns } from "../channels/chat/chat-turns";
import type { ConversationService } from "../domain/conversations/conversation-service";
import type { TicketService } from "../domain/tickets/ticket-service";
import type { StaffService } from "../domain/staff/staff-service";
import type { PersonaService } from "../agent/persona-service";
import type { StaffReplies } from "../channels/staff/staff-replies";
import type { TourDesk } from "./tour-desk";

/** What the HTTP layer is given by the composition root. */
export interface HttpDeps {
  log: Logger;
  publicUrl: string;
  adminToken: string;
  allowedOrigins: string[];
  rateLimitPerMinute: number;
  health: () => Record<string, unknown>;
  properties: PropertyService;
  availability: AvailabilityService;
  bookings: BookingService;
  users: UserService;
  /** Books, moves and cancels tours for the public API. */
  tours: TourDesk;
  conversations: ConversationService;
  chat: ChatTurns;
  tickets: TicketService;
  staff: StaffService;
  persona: PersonaService;
  staffReplies: StaffReplies;
  /** Session cookies get the Secure flag when the public URL is https. */
  secureCookies?: boolean;
}
