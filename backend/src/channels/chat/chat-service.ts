import { randomUUID } from "node:crypto";
import { AIMessage, AIMessageChunk, HumanMessage, type BaseMessage, type ToolMessage } from "@langchain/core/messages";
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

  /** One turn. With `emit`, tokens and tool activity are reported as they happen. */
  async send(input: { sessionId?: string; message: string; clientMessageId?: string }, emit?: (e: ChatEvent) => void): Promise<ChatTurnResult> {
    const conversation = this.session(input.sessionId);
    const sessionId = conversation.id;
    emit?.({ type: "session", sessionId });
    return this.locks.run(sessionId, async () => {
      // A retried send (same client message id) gets the answer it already had, not a second turn.
      const earlier = input.clientMessageId ? this.answered(sessionId, input.clientMessageId) : undefined;
      if (earlier) {
        if (earlier.options.length) emit?.({ type: "options", options: earlier.options });
        emit?.({ type: "done", sessionId, reply: earlier.reply, mode: "ai" });
        return { sessionId, reply: earlier.reply, options: earlier.options, mode: "ai" };
      }
      return this.turn(sessionId, input.message, emit, input.clientMessageId);
    });
  }

  private answered(sessionId: string, clientMessageId: string): { reply: string; options: ChoiceOption[] } | undefined {
    const history = this.o.conversations.messages(sessionId, ["user", "assistant"], 50);
    const i = history.findIndex((m) => m.role === "user" && m.data?.clientId === clientMessageId);
    if (i < 0) return undefined;
    const answer = history.slice(i + 1).find((m) => m.role === "assistant");
    return answer ? { reply: answer.text, options: answer.data?.options ?? [] } : undefined;
  }

  private async turn(sessionId: string, message: string, emit: ((e: ChatEvent) => void) | undefined, clientMessageId?: string): Promise<ChatTurnResult> {
    const { conversations, log } = this.o;
    conversations.append(sessionId, "user", message, clientMessageId ? { clientId: clientMessageId } : null);
    const signal = AbortSignal.timeout(this.o.turnTimeoutMs);
    let outcome: { final?: AIMessage; toolOptions?: ChoiceOption[] };
    try {
      outcome = emit ? await this.streamTurn(sessionId, message, signal, emit) : await this.invokeTurn(sessionId, message, signal);
    } catch (err) {
      const timedOut = signal.aborted;
      log.warn({ err, sessionId, timedOut }, "chat turn failed");
      conversations.append(sessionId, "assistant", RETRY_MESSAGE, { error: timedOut ? "timeout" : "upstream_unavailable" });
      const error = { code: timedOut ? "timeout" : "upstream_unavailable", message: RETRY_MESSAGE };
      emit?.({ type: "error", ...error });
      emit?.({ type: "done", sessionId, reply: RETRY_MESSAGE, mode: "ai" });
      return { sessionId, reply: RETRY_MESSAGE, options: [], mode: "ai", error };
    }
    const { final, toolOptions } = outcome;
    const reply = final ? messageText(final) : "";
    const modelOptions = final?.additional_kwargs?.options as ChoiceOption[] | undefined;
    // A model that offers its own quick replies (the offline model always does) decides them;
    // otherwise the choices of the last tool that returned some are shown.
    const options = final?.additional_kwargs?.[STATE_KEY] !== undefined ? (modelOptions ?? []) : (modelOptions ?? toolOptions ?? []);
    conversations.append(sessionId, "assistant", reply, options.length ? { options } : null);
    if (options.length) emit?.({ type: "options", options });
    emit?.({ type: "done", sessionId, reply, mode: "ai" });
    return { sessionId, reply, options, mode: "ai" };
  }

  private config(sessionId: string, signal: AbortSignal) {
    return { configurable: { thread_id: sessionId }, context: { conversationId: sessionId }, signal, durability: "exit" } as const;
  }

  private recordTool(sessionId: string, tm: ToolMessage): ChoiceOption[] | undefined {
    const name = tm.name ?? "tool";
    this.o.conversations.append(sessionId, "tool", messageText(tm).slice(0, 2000), { tool: name, label: toolLabel(name) });
    const opts = (tm.artifact as { options?: ChoiceOption[] } | undefined)?.options;
    return opts?.length ? opts : undefined;
  }

  /** A whole turn without token streaming (JSON API). */
  private async invokeTurn(sessionId: string, message: string, signal: AbortSignal) {
    const human = new HumanMessage({ content: message, id: randomUUID() });
    const state = await this.o.agent.invoke({ messages: [human] }, this.config(sessionId, signal) as never);
    const messages = (state as { messages: BaseMessage[] }).messages;
    const from = messages.findIndex((m) => m.id === human.id);
    let final: AIMessage | undefined;
    let toolOptions: ChoiceOption[] | undefined;
    for (const m of messages.slice(from + 1)) {
      if (m.getType() === "tool") toolOptions = this.recordTool(sessionId, m as ToolMessage) ?? toolOptions;
      else if (m.getType() === "ai" && !(m as AIMessage).tool_calls?.length) final = m as AIMessage;
    }
    return { final, toolOptions };
  }

  /** A turn that reports tokens and tool activity as they happen. */
  private async streamTurn(sessionId: string, message: string, signal: AbortSignal, emit: (e: ChatEvent) => void) {
    const stream = await this.o.agent.stream(
      { messages: [new HumanMessage(message)] },
      { ...this.config(sessionId, signal), streamMode: "messages" } as never,
    );
    let toolOptions: ChoiceOption[] | undefined;
    // Chunks of the model call in progress; the last call without tool calls is the answer.
    let current: AIMessageChunk | undefined;
    let currentRun: string | undefined;
    let final: AIMessage | undefined;
    const close = () => {
      if (current && !current.tool_call_chunks?.length) {
        final = new AIMessage({ content: messageText(current), additional_kwargs: current.additional_kwargs });
      }
      current = undefined;
    };
    for await (const item of stream as AsyncIterable<[BaseMessage, { langgraph_node?: string; run_id?: string }]>) {
      const [chunk, meta] = item;
      if (meta.langgraph_node === "model_request" && chunk.getType() === "ai") {
        const runKey = meta.run_id ?? chunk.id;
        if (runKey !== currentRun) {
          close();
          currentRun = runKey;
        }
        const c = chunk as AIMessageChunk;
        current = current ? current.concat(c) : c;
        const t = messageText(c);
        if (t) emit({ type: "token", text: t });
        for (const tc of c.tool_call_chunks ?? []) {
          if (tc.name) emit({ type: "tool", name: tc.name, label: toolLabel(tc.name), status: "started" });
        }
      } else if (chunk.getType() === "tool") {
        close();
        const tm = chunk as ToolMessage;
        emit({ type: "tool", name: tm.name ?? "tool", label: toolLabel(tm.name ?? "tool"), status: "finished" });
        toolOptions = this.recordTool(sessionId, tm) ?? toolOptions;
      }
    }
    close();
    return { final, toolOptions };
  }
}
