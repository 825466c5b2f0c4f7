import { type BaseMessage, SystemMessage } from "@langchain/core/messages";
import { createMiddleware } from "langchain";
import { conversationIdOf } from "./agent-context";
import { buildFacts, factsBlock } from "./conversation-facts";
import type { ToolDeps } from "./tools/tool-deps";

/** Human turns the model sees in full; older turns reach it only through the facts summary. */
export const MODEL_TURNS = 4;
/**
 * Human turns the stored thread keeps between turns; older messages are dropped when a turn's
 * checkpoint is saved. With the next message that is exactly what the model sees.
 */
export const STORED_TURNS = MODEL_TURNS - 1;

/** Index of the first message of the last `turns` human turns (0 when there are fewer). */
export function windowStart(messages: readonly BaseMessage[], turns: number): number {
  let seen = 0;
  for (let i = messages.length - 1; i >= 0; i--) {
    if (messages[i].getType() === "human" && ++seen === turns) return i;
  }
  return 0;
}

/**
 * Keeps what is sent to the model bounded however long the conversation runs: the system
 * prompt, a compact snapshot of the facts collected so far (read fresh from the database),
 * and only the most recent turns. (The stored thread is trimmed by `trimStoredThread`.)
 */
export function contextWindowMiddleware(d: ToolDeps, systemPrompt: () => string) {
  return createMiddleware({
    name: "ContextWindow",
    wrapModelCall: async (request, handler) => {
      const conversationId = conversationIdOf(request.runtime);
      const facts = buildFacts(d, d.conversations.get(conversationId));
      const messages = request.messages.slice(windowStart(request.messages, MODEL_TURNS));
      const systemMessage = new SystemMessage(`${systemPrompt()}\n\n${factsBlock(facts)}`);
      return handler({ ...request, messages, systemMessage });
    },
  });
}

/** The agent state to store after a turn: only the last STORED_TURNS human turns of messages. */
export function trimStoredThread(values: Record<string, unknown>): Record<string, unknown> {
  const messages = values.messages;
  if (!Array.isArray(messages)) return values;
  const cut = windowStart(messages as BaseMessage[], STORED_TURNS);
  return cut > 0 ? { ...values, messages: messages.slice(cut) } : values;
}
