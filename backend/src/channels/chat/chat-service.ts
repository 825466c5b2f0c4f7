import { AIMessage, HumanMessage, type BaseMessage, type ToolMessage } from "@langchain/core/messages";
import type { Logger } from "pino";
import type { LeasingAgent } from "../../agent/leasing-agent";
import { STATE_KEY } from "../../agent/offline/offline-state";
import { toolLabel } from "../../agent/tools/tool-labels";
import type { ChoiceOption } from "../../domain/conversations/conversation";
import type { ConversationService } from "../../domain/conversations/conversation-service";
import { KeyedMutex } from "../../shared/keyed-mutex";
import type { ChatEvent, ChatTurnResult } from "./chat-events";

export const RETRY_MESSAGE =
  "Sorry — I'm having trouble answering right now. Please try again in a moment; nothing you told me has been lost.";

export interface ChatServiceOptions {
  agent: LeasingAgent;
  conversations: ConversationService;
  log: Logger;
  /** Longest a whole turn (all model and tool calls) may take. */
  turnTimeoutMs: number;
}

function messageText(m: BaseMessage): string {
  return typeof m.content === "string" ? m.content : m.content.map((c) => ("text" in c ? String(c.text) : "")).join("");
}

/**
 * Turns a chat message into an agent turn. Turns of one session run one at a time; the
 * visible history is stored alongside the agent's own checkpointed thread.
 */
export class ChatService {
  private readonly locks = new KeyedMutex();

  constructor(private readonly o: ChatServiceOptions) {}

  /** The session for an id, or a new one when the id is missing or unknown. */
  private session(sessionId: string | undefined) {
    const existing = sessionId ? this.o.conversations.find(sessionId) : undefined;
    if (existing && existing.channel === "chat") return existing;
    return this.o.conversations.start("chat");
  }

  async send(input: { sessionId?: string; message: string }, emit: (e: ChatEvent) => void = () => {}): Promise<ChatTurnResult> {
    const conversation = this.session(input.sessionId);
    const sessionId = conversation.id;
    emit({ type: "session", sessionId });
    return this.locks.run(sessionId, () => this.turn(sessionId, input.message, emit));
  }

  private async turn(sessionId: string, message: string, emit: (e: ChatEvent) => void): Promise<ChatTurnResult> {
    const { conversations, agent, log } = this.o;
    conversations.append(sessionId, "user", message);

    let final: AIMessage | undefined;
    let toolOptions: ChoiceOption[] | undefined;
    const signal = AbortSignal.timeout(this.o.turnTimeoutMs);
    try {
      const stream = await agent.stream(
        { messages: [new HumanMessage(message)] },
        {
          configurable: { thread_id: sessionId },
          context: { conversationId: sessionId },
          streamMode: ["messages", "updates"],
          signal,
          durability: "exit",
        } as never,
      );
      for await (const item of stream as AsyncIterable<[string, unknown]>) {
        const [mode, payload] = item;
        if (mode === "messages") {
          const [chunk, meta] = payload as [BaseMessage, { langgraph_node?: string }];
          if (meta.langgraph_node === "model_request" && chunk.getType() === "ai") {
            const t = messageText(chunk);
            if (t) emit({ type: "token", text: t });
            for (const tc of (chunk as AIMessage & { tool_call_chunks?: Array<{ name?: string }> }).tool_call_chunks ?? []) {
              if (tc.name) emit({ type: "tool", name: tc.name, label: toolLabel(tc.name), status: "started" });
            }
          }
        } else if (mode === "updates") {
          for (const update of Object.values(payload as Record<string, { messages?: BaseMessage[] }>)) {
            for (const m of update?.messages ?? []) {
              if (m.getType() === "tool") {
                const tm = m as ToolMessage;
                const name = tm.name ?? "tool";
                emit({ type: "tool", name, label: toolLabel(name), status: "finished" });
                conversations.append(sessionId, "tool", messageText(tm).slice(0, 2000), { tool: name, label: toolLabel(name) });
                const opts = (tm.artifact as { options?: ChoiceOption[] } | undefined)?.options;
                if (opts?.length) toolOptions = opts;
              } else if (m.getType() === "ai" && !(m as AIMessage).tool_calls?.length) {
                final = m as AIMessage;
              }
            }
          }
        }
      }
    } catch (err) {
      const timedOut = signal.aborted;
      log.warn({ err, sessionId, timedOut }, "chat turn failed");
      conversations.append(sessionId, "assistant", RETRY_MESSAGE, { error: timedOut ? "timeout" : "upstream_unavailable" });
      const error = { code: timedOut ? "timeout" : "upstream_unavailable", message: RETRY_MESSAGE };
      emit({ type: "error", ...error });
      emit({ type: "done", sessionId, reply: RETRY_MESSAGE, mode: "ai" });
      return { sessionId, reply: RETRY_MESSAGE, options: [], mode: "ai", error };
    }

    const reply = final ? messageText(final) : "";
    const modelOptions = final?.additional_kwargs?.options as ChoiceOption[] | undefined;
    const options = final?.additional_kwargs?.[STATE_KEY] !== undefined ? (modelOptions ?? []) : (modelOptions ?? toolOptions ?? []);
    conversations.append(sessionId, "assistant", reply, options.length ? { options } : null);
    if (options.length) emit({ type: "options", options });
    emit({ type: "done", sessionId, reply, mode: "ai" });
    return { sessionId, reply, options, mode: "ai" };
  }
}
