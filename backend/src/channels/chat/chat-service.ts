import { randomUUID } from "node:crypto";
import { AIMessage, type AIMessageChunk, type BaseMessage, HumanMessage, type ToolMessage } from "@langchain/core/messages";
import type { Logger } from "pino";
import type { LeasingAgent } from "../../agent/leasing-agent";
import { STATE_KEY } from "../../agent/offline/offline-state";
import { toolLabel } from "../../agent/tools/tool-labels";
import type { ChoiceOption, ConversationMessage } from "../../domain/conversations/conversation";
import type { ConversationService } from "../../domain/conversations/conversation-service";
import { safetyGuidance, type Triage, type TriageLanguage, type TriageResult } from "../../domain/triage/triage";
import { detectLanguage, replyLanguage } from "../../nlu/language";
import { KeyedMutex } from "../../shared/keyed-mutex";
import type { EscalationService } from "../staff/escalation-service";
import type { ChatEvent, ChatTurnResult } from "./chat-events";
import handoffReplies from "./handoff-replies.json";

export const RETRY_MESSAGE = "Sorry — I'm having trouble answering right now. Please try again in a moment; nothing you told me has been lost.";

/** Turns without progress, or failed tool calls in a row, before a person is asked to step in. */
export const NO_PROGRESS_LIMIT = 3;
export const TOOL_FAILURE_LIMIT = 3;

export interface ChatServiceOptions {
  agent: LeasingAgent;
  conversations: ConversationService;
  escalations?: EscalationService;
  /** What the assistant must not handle alone, checked on every message whatever the model. */
  triage: Triage;
  /** Names of the listings, which say nothing about what a message needs. */
  listingNames?: () => string[];
  /** Phone of the emergency maintenance line, for safety guidance. */
  emergencyPhone?: () => string | null;
  log: Logger;
  /** Longest a whole turn (all model and tool calls) may take. */
  turnTimeoutMs: number;
}

function messageText(m: BaseMessage): string {
  return typeof m.content === "string" ? m.content : m.content.map((c) => ("text" in c ? String(c.text) : "")).join("");
}

interface TurnOutcome {
  final?: AIMessage;
  toolOptions?: ChoiceOption[];
  toolsOk: number;
  toolsFailed: number;
}

/**
 * Turns a chat message into an agent turn. Turns of one session run one at a time; the
 * visible history is stored alongside the agent's own checkpointed thread. Conversations
 * staff have taken over get no AI reply, and a takeover during a turn discards its reply.
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
      const { conversations } = this.o;
      const userData = input.clientMessageId ? { clientId: input.clientMessageId } : null;
      if (conversations.get(sessionId).mode === "human") {
        conversations.append(sessionId, "user", input.message, userData);
        return this.silent(sessionId, emit);
      }
      const language = this.languageOf(sessionId, input.message);
      const found = this.o.escalations ? await this.o.triage.assess(input.message, language, this.o.listingNames?.() ?? []) : null;
      if (found?.escalation) return this.handOff(sessionId, input.message, userData, found, language, emit);
      return this.turn(sessionId, input.message, userData, emit);
    });
  }

  /** The language of this message (English or Spanish to answer in); a short one keeps the conversation's. */
  private languageOf(sessionId: string, message: string): TriageLanguage {
    const { conversations } = this.o;
    const before = conversations.get(sessionId).facts.language ?? "en";
    const now = replyLanguage(detectLanguage(message, before));
    if (now !== before) conversations.updateFacts(sessionId, { language: now });
    return now;
  }

  private silent(sessionId: string, emit?: (e: ChatEvent) => void): ChatTurnResult {
    emit?.({ type: "done", sessionId, reply: null, mode: "human" });
    return { sessionId, reply: null, options: [], mode: "human" };
  }

  private answered(sessionId: string, clientMessageId: string): { reply: string; options: ChoiceOption[] } | undefined {
    const history = this.o.conversations.messages(sessionId, ["user", "assistant"], 50);
    const i = history.findIndex((m) => m.role === "user" && m.data?.clientId === clientMessageId);
    if (i < 0) return undefined;
    const answer = history.slice(i + 1).find((m) => m.role === "assistant");
    return answer ? { reply: answer.text, options: answer.data?.options ?? [] } : undefined;
  }

  /** What the assistant must not handle alone: say so (with safety guidance first in an emergency) and call a person in. */
  private handOff(
    sessionId: string,
    message: string,
    userData: ConversationMessage["data"],
    found: TriageResult,
    language: TriageLanguage,
    emit?: (e: ChatEvent) => void,
  ): ChatTurnResult {
    const { conversations } = this.o;
    const kind = found.escalation!;
    conversations.append(sessionId, "user", message, userData);
    const reply = kind === "emergency" ? safetyGuidance(found.emergency, language, this.o.emergencyPhone?.() ?? null) : handoffReplies[language][kind];
    conversations.appendIfAi(sessionId, reply, { escalation: kind });
    const reason = kind === "emergency" ? "Emergency described in chat" : found.reason!;
    this.o.escalations!.escalate(sessionId, kind, reason, message);
    for (const piece of reply.match(/\S+\s*/g) ?? []) emit?.({ type: "token", text: piece });
    emit?.({ type: "done", sessionId, reply, mode: "human" });
    return { sessionId, reply, options: [], mode: "human" };
  }

  private async turn(
    sessionId: string,
    message: string,
    userData: ConversationMessage["data"],
    emit: ((e: ChatEvent) => void) | undefined,
  ): Promise<ChatTurnResult> {
    const { conversations, log } = this.o;
    const handback = this.sinceStaff(sessionId);
    conversations.append(sessionId, "user", message, userData);
    // One controller for the whole turn, aborted by the deadline or by a takeover. (A plain
    // controller rather than AbortSignal.any(): on Node 20 a composite signal that a library
    // adds listeners to is never released.)
    const turn = new AbortController();
    let timedOut = false;
    let takenOver = false;
    const timer = setTimeout(() => {
      timedOut = true;
      turn.abort(new DOMException("The turn took too long.", "TimeoutError"));
    }, this.o.turnTimeoutMs);
    const unsubscribe = conversations.subscribe((e) => {
      if (e.conversationId === sessionId && (e.type === "mode" || e.type === "escalation") && conversations.get(sessionId).mode === "human") {
        takenOver = true;
        turn.abort(new DOMException("Staff took the conversation over.", "AbortError"));
      }
    });
    const signal = turn.signal;
    let outcome: TurnOutcome;
    try {
      const input = [...handback, new HumanMessage({ content: message, id: randomUUID() })];
      outcome = emit ? await this.streamTurn(sessionId, input, signal, emit) : await this.invokeTurn(sessionId, input, signal);
    } catch (err) {
      if (takenOver) return this.silent(sessionId, emit);
      log.warn({ err, sessionId, timedOut }, "chat turn failed");
      const error = { code: timedOut ? "timeout" : "upstream_unavailable", message: RETRY_MESSAGE };
      if (!conversations.appendIfAi(sessionId, RETRY_MESSAGE, { error: error.code })) return this.silent(sessionId, emit);
      emit?.({ type: "error", ...error });
      emit?.({ type: "done", sessionId, reply: RETRY_MESSAGE, mode: "ai" });
      return { sessionId, reply: RETRY_MESSAGE, options: [], mode: "ai", error };
    } finally {
      unsubscribe();
      clearTimeout(timer);
    }

    const { final, toolOptions } = outcome;
    const reply = final ? messageText(final) : "";
    const modelOptions = final?.additional_kwargs?.options as ChoiceOption[] | undefined;
    // A model that offers its own quick replies (the offline model always does) decides them;
    // otherwise the choices of the last tool that returned some are shown.
    const options = final?.additional_kwargs?.[STATE_KEY] !== undefined ? (modelOptions ?? []) : (modelOptions ?? toolOptions ?? []);
    // The mode is checked in the same transaction as the reply is stored: a takeover wins.
    if (!conversations.appendIfAi(sessionId, reply, options.length ? { options } : null)) return this.silent(sessionId, emit);
    if (options.length) emit?.({ type: "options", options });
    const escalated = this.trackProgress(sessionId, outcome, final, message);
    emit?.({ type: "done", sessionId, reply, mode: escalated ? "human" : "ai" });
    return { sessionId, reply, options, mode: escalated ? "human" : "ai" };
  }

  /** Messages exchanged with staff since the assistant last spoke, so a handed-back conversation resumes with everything. */
  private sinceStaff(sessionId: string): BaseMessage[] {
    // Usually the assistant spoke last: nothing to add.
    const [last] = this.o.conversations.messages(sessionId, ["assistant", "staff"], 1);
    if (last?.role !== "staff") return [];
    const recent = this.o.conversations.messages(sessionId, ["user", "assistant", "staff"], 40);
    let i = recent.length - 1;
    while (i >= 0 && recent[i].role !== "assistant") i--;
    const after = recent.slice(i + 1);
    if (!after.some((m) => m.role === "staff")) return [];
    return after.map((m) =>
      m.role === "staff"
        ? new AIMessage({ content: `(Reply from ${String(m.data?.staff ?? "the leasing team")}, a person on our team) ${m.text}` })
        : new HumanMessage(m.text),
    );
  }

  /** Counts turns without progress and failed tool calls; asks a person in when they pile up. */
  private trackProgress(sessionId: string, outcome: TurnOutcome, final: AIMessage | undefined, message: string): boolean {
    const { conversations } = this.o;
    const facts = conversations.get(sessionId).facts;
    const flag = final?.additional_kwargs?.progress;
    const reply = final ? messageText(final) : "";
    const stuck =
      flag === false ||
      (flag === undefined && outcome.toolsOk === 0 && /\b(not sure I understood|don'?t understand|didn'?t understand|could you rephrase)\b/i.test(reply));
    const noProgress = stuck ? (facts.noProgress ?? 0) + 1 : 0;
    const toolFailures =
      outcome.toolsFailed > 0 && outcome.toolsOk === 0 ? (facts.toolFailures ?? 0) + outcome.toolsFailed : outcome.toolsOk > 0 ? 0 : (facts.toolFailures ?? 0);
    if (noProgress !== (facts.noProgress ?? 0) || toolFailures !== (facts.toolFailures ?? 0))
      conversations.updateFacts(sessionId, { noProgress, toolFailures });
    if (!this.o.escalations) return false;
    if (noProgress >= NO_PROGRESS_LIMIT) {
      this.o.escalations.escalate(sessionId, "no_progress", `No progress in ${NO_PROGRESS_LIMIT} turns in a row`, message);
      conversations.updateFacts(sessionId, { noProgress: 0 });
      return true;
    }
    if (toolFailures >= TOOL_FAILURE_LIMIT) {
      this.o.escalations.escalate(sessionId, "tool_failures", "Repeated tool failures", message);
      conversations.updateFacts(sessionId, { toolFailures: 0 });
      return true;
    }
    return false;
  }

  private config(sessionId: string, signal: AbortSignal) {
    return { configurable: { thread_id: sessionId }, context: { conversationId: sessionId, channel: "chat" }, signal, durability: "exit" } as const;
  }

  private recordTool(sessionId: string, tm: ToolMessage, outcome: TurnOutcome): void {
    const name = tm.name ?? "tool";
    const artifact = tm.artifact as { ok?: boolean; options?: ChoiceOption[] } | undefined;
    if (artifact?.ok === false || tm.status === "error") outcome.toolsFailed++;
    else outcome.toolsOk++;
    this.o.conversations.append(sessionId, "tool", messageText(tm).slice(0, 2000), {
      tool: name,
      label: toolLabel(name),
      ok: artifact?.ok !== false && tm.status !== "error",
    });
    if (artifact?.options?.length) outcome.toolOptions = artifact.options;
  }

  /** A whole turn without token streaming (JSON API). */
  private async invokeTurn(sessionId: string, input: BaseMessage[], signal: AbortSignal): Promise<TurnOutcome> {
    const human = input[input.length - 1];
    const state = await this.o.agent.invoke({ messages: input }, this.config(sessionId, signal) as never);
    const messages = (state as { messages: BaseMessage[] }).messages;
    const from = messages.findIndex((m) => m.id === human.id);
    const outcome: TurnOutcome = { toolsOk: 0, toolsFailed: 0 };
    for (const m of messages.slice(from + 1)) {
      if (m.getType() === "tool") this.recordTool(sessionId, m as ToolMessage, outcome);
      else if (m.getType() === "ai" && !(m as AIMessage).tool_calls?.length) outcome.final = m as AIMessage;
    }
    return outcome;
  }

  /** A turn that reports tokens and tool activity as they happen. */
  private async streamTurn(sessionId: string, input: BaseMessage[], signal: AbortSignal, emit: (e: ChatEvent) => void): Promise<TurnOutcome> {
    const stream = await this.o.agent.stream({ messages: input }, { ...this.config(sessionId, signal), streamMode: "messages" } as never);
    const outcome: TurnOutcome = { toolsOk: 0, toolsFailed: 0 };
    // Chunks of the model call in progress; the last call without tool calls is the answer.
    let current: AIMessageChunk | undefined;
    let currentRun: string | undefined;
    const close = () => {
      if (current && !current.tool_call_chunks?.length) {
        outcome.final = new AIMessage({ content: messageText(current), additional_kwargs: current.additional_kwargs });
      }
      current = undefined;
    };
    for await (const item of stream as AsyncIterable<[BaseMessage, { langgraph_node?: string; run_id?: string }]>) {
      if (signal.aborted) break;
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
        this.recordTool(sessionId, tm, outcome);
      }
    }
    if (signal.aborted) throw new Error("turn aborted");
    close();
    return outcome;
  }
}
