import { z } from "zod";

/**
 * Per-call context the model never sees or controls: which conversation the tools act for.
 * Identity and scope come from here, never from tool arguments.
 */
export const agentContextSchema = z.object({
  conversationId: z.string(),
  /** The channel the turn came from; e-mail turns book without an extra confirmation round. */
  channel: z.enum(["chat", "email"]).optional(),
  /** An inbound e-mail this turn answers: bookings made for it are idempotent. */
  sourceRef: z.string().optional(),
});

export function sourceRefOf(runtime: unknown): string | undefined {
  const ref = (runtime as { context?: { sourceRef?: unknown } } | undefined)?.context?.sourceRef;
  return typeof ref === "string" && ref ? ref : undefined;
}

export function conversationIdOf(runtime: unknown): string {
  const id = (runtime as { context?: { conversationId?: unknown } } | undefined)?.context?.conversationId;
  if (typeof id !== "string" || !id) throw new Error("tool called without a conversation context");
  return id;
}
