import type { ConversationListener } from "../../domain/conversations/conversation-service";
import type { ErrorFields } from "../../shared/app-error";
import type { ChatEvent, ChatTurnResult } from "./chat-events";

type ConversationEvent = Parameters<ConversationListener>[0];

/** What the server posts to a chat thread. */
export type ToChatThread =
  | { type: "turn"; seq: number; input: { sessionId?: string; message: string; clientMessageId?: string }; stream: boolean }
  | { type: "event"; event: ConversationEvent }
  | { type: "persona" }
  | { type: "close" };

/** One thing a chat thread tells the server. */
export type FromChatThreadOne =
  | { type: "ready" }
  | { type: "chat-event"; seq: number; event: ChatEvent }
  | { type: "result"; seq: number; ok: true; result: ChatTurnResult }
  | ({ type: "result"; seq: number; ok: false } & ErrorFields)
  | { type: "event"; event: ConversationEvent }
  | { type: "mail-queued" }
  | { type: "closed" };

/**
 * What a chat thread posts to the server: one message, or several in the order they were
 * made. (Events of a turn travel together with its result, in one message instead of many.)
 */
export type FromChatThread = FromChatThreadOne | { type: "batch"; messages: FromChatThreadOne[] };

/** The thread a session's turns run on: a stable, cheap spread (FNV-1a) of session ids. */
export function threadOfSession(sessionId: string, threads: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < sessionId.length; i++) h = Math.imul(h ^ sessionId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % threads;
}
