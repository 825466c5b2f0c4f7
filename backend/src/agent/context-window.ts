import { RemoveMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { createMiddleware } from "langchain";
import { conversationIdOf } from "./agent-context";
import { buildFacts, factsBlock } from "./conversation-facts";
import type { ToolDeps } from "./tools/tool-deps";

/** Human turns the model sees in full; older turns reach it only through the facts summary. */
export const MODEL_TURNS = 4;
/** Human turns kept in the stored thread; older messages are removed from the checkpoint. */
export const STORED_TURNS = 4;

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
 * and only the most recent turns. It also trims the stored thread so checkpoints stay small.
 */
export function contextWindowMiddleware(d: ToolDeps, systemPrompt: () => string) {
  return createMiddleware({
    name: "ContextWindow",
    beforeAgent: (state) => {
      const messages = state.messages as BaseMessage[];
      const cut = windowStart(messages, STORED_TURNS);
      if (cut <= 0) return undefined;
      return { messages: messages.slice(0, cut).filter((m) => m.id).map((m) => new RemoveMessage({ id: m.id! })) };
    },
    wrapModelCall: async (request, handler) => {
      const conversationId = conversationIdOf(request.runtime);
      const facts = buildFacts(d, d.conversations.get(conversationId));
      const messages = request.messages.slice(windowStart(request.messages, MODEL_TURNS));
      const systemMessage = new SystemMessage(`${systemPrompt()}\n\n${factsBlock(facts)}`);
      return handler({ ...request, messages, systemMessage });
    },
  });
}
