import type { Logger } from "pino";
import type { PersonaService } from "../agent/persona-service";
import type { ChatService } from "../channels/chat/chat-service";
import type { StaffReplies } from "../channels/staff/staff-replies";
import type { AvailabilityService } from "../domain/availability/availability-service";
import type { BookingService } from "../domain/bookings/booking-service";
import type { ConversationService } from "../domain/conversations/conversation-service";
import type { PropertyService } from "../domain/properties/property-service";
import type { StaffService } from "../domain/staff/staff-service";
import type { TicketService } from "../domain/tickets/ticket-service";
import type { UserService } from "../domain/users/user-service";
import type { Clock } from "../shared/clock";

/** What the HTTP layer is given by the composition root. */
export interface HttpDeps {
  log: Logger;
  clock: Clock;
  publicUrl: string;
  adminToken: string;
  allowedOrigins: string[];
  rateLimitPerMinute: number;
  health: () => Record<string, unknown>;
  properties: PropertyService;
  availability: AvailabilityService;
  bookings: BookingService;
  users: UserService;
  conversations: ConversationService;
  chat: ChatService;
  tickets: TicketService;
  staff: StaffService;
  persona: PersonaService;
  staffReplies: StaffReplies;
  /** Session cookies get the Secure flag when the public URL is https. */
  secureCookies?: boolean;
}
