import type { PropertySearchCriteria } from "../properties/property-search";

export type Channel = "chat" | "email";
export type ConversationMode = "ai" | "human";
export type MessageRole = "user" | "assistant" | "staff" | "tool" | "system";

/** A structured choice the assistant offers: a tour time or a property. */
export type ChoiceOption =
  | { type: "slot"; label: string; value: string; propertyId: number; start: string; local: string }
  | { type: "property"; label: string; value: string; propertyId: number; beds: number; rent: number; city: string; neighborhood: string }
  | { type: "reply"; label: string; value: string };

/** The search a conversation has asked for so far. */
export type SearchCriteria = Omit<PropertySearchCriteria, "limit">;

/**
 * What the assistant has established in a conversation. Written by tools, read back into
 * every model call as a compact summary, so the prompt stays small however long the chat.
 */
export interface SessionFacts {
  /** Consecutive turns in which the assistant made no progress. */
  noProgress?: number;
  /** Consecutive failed tool calls. */
  toolFailures?: number;
  contact?: { name?: string; email?: string; phone?: string };
  /** The person record this conversation created (only that one may have its e-mail corrected here). */
  createdUserId?: number;
  criteria?: SearchCriteria;
  /** Property ids of the last search, in the order shown. */
  shown?: number[];
  focusPropertyId?: number;
  /** Tour times last offered, in the order shown. */
  offered?: Array<{ propertyId: number; start: string; local: string }>;
  /** The language the person writes in, and is answered in. */
  language?: "en" | "es";
}

export interface Conversation {
  id: string;
  channel: Channel;
  mode: ConversationMode;
  userId: number | null;
  facts: SessionFacts;
  subject: string | null;
  escalation: { reason: string; at: string } | null;
  createdAt: string;
  updatedAt: string;
  lastMessageAt: string | null;
}

/** A conversation as staff see it in the inbox. */
export interface ConversationSummary {
  id: string;
  channel: Channel;
  mode: ConversationMode;
  escalation: { reason: string; at: string } | null;
  contact: { name: string | null; email: string | null };
  subject: string | null;
  propertyId: number | null;
  lastMessageAt: string | null;
  unread: number;
}

export interface ConversationMessage {
  id: number;
  conversationId: string;
  role: MessageRole;
  text: string;
  data: { options?: ChoiceOption[]; tool?: string; label?: string; [k: string]: unknown } | null;
  createdAt: string;
}
