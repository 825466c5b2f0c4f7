import type { ChatEvent, ChatTurnResult } from "./chat-events";

/** Answers chat turns: in this thread (ChatService) or on worker threads (ChatThreadPool). */
export interface ChatTurns {
  send(input: { sessionId?: string; message: string; clientMessageId?: string }, emit?: (e: ChatEvent) => void): Promise<ChatTurnResult>;
}
