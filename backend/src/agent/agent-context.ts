import { z } from "zod";

/**
 * Per-call context the model never sees or controls: which conversation the tools act for.
 * Identity and scope come from here, never from tool arguments.
 */
export const agentContextSchema = z.object({
  conversationId: z.string(),
});

export type AgentContext = z.infer<typeof agentContextSchema>;

export function conversationIdOf(runtime: unknown): string {
  const id = (runtime as { context?: { conversationId?: unknown } } | undefined)?.context?.conversationId;
  if (typeof id !== "string" || !id) throw new Error("tool called without a conversation context");
  return id;
}
