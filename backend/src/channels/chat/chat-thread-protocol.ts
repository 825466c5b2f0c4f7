import type { ConversationListener } from "../../domain/conversations/conversation-service";
import type { ChatEvent, ChatTurnResult } from "./chat-events";

type ConversationEvent = Parameters<ConversationListener>[0];

/** What the server posts to a chat thread. */
export type ToChatThread =
  | { type: "turn"; seq: number; input: { sessionId?: string; message: string; clientMessageId?: string }; stream: boolean }
  | { type: "event"; event: ConversationEvent }
  | { type: "persona" }
  | { type: "close" };

/** What a chat thread posts to the server. */
export type FromChatThread =
  | { type: "ready" }
  | { type: "chat-event"; seq: number; event: ChatEvent }
  | { type: "result"; seq: number; ok: true; result: ChatTurnResult }
  | { type: "result"; seq: number; ok: false; code: string; message: string }
  | { type: "event"; event: ConversationEvent }
  | { type: "mail-queued" }
  | { type: "closed" };
