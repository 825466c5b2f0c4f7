import type { ChoiceOption } from "../../domain/conversations/conversation";

/** What a chat turn reports while it runs (sent to the widget as Server-Sent Events). */
export type ChatEvent =
  | { type: "session"; sessionId: string }
  | { type: "token"; text: string }
  | { type: "tool"; name: string; label: string; status: "started" | "finished" }
  | { type: "options"; options: ChoiceOption[] }
  | { type: "done"; sessionId: string; reply: string | null; mode: "ai" | "human" }
  | { type: "error"; code: string; message: string };

export interface ChatTurnResult {
  sessionId: string;
  reply: string | null;
  options: ChoiceOption[];
  mode: "ai" | "human";
  error?: { code: string; message: string };
}
