import type { AvailabilityService } from "../../domain/availability/availability-service";
import type { BookingService } from "../../domain/bookings/booking-service";
import type { ConversationService } from "../../domain/conversations/conversation-service";
import type { PropertyService } from "../../domain/properties/property-service";
import type { UserService } from "../../domain/users/user-service";
import type { Clock } from "../../shared/clock";

/** Services the tools adapt; each tool is a thin layer over one or two of them. */
export interface ToolDeps {
  properties: PropertyService;
  availability: AvailabilityService;
  bookings: BookingService;
  users: UserService;
  conversations: ConversationService;
  clock: Clock;
  publicUrl: string;
}

/** What a tool returns: text for the model, and structured extras for the UI. */
export type ToolOutput = [string, ToolArtifact];

export interface ToolArtifact {
  ok: boolean;
  options?: import("../../domain/conversations/conversation").ChoiceOption[];
  [key: string]: unknown;
}
