import { randomUUID } from "node:crypto";
import type { CallbackManagerForLLMRun } from "@langchain/core/callbacks/manager";
import { BaseChatModel, type BaseChatModelParams } from "@langchain/core/language_models/chat_models";
import { AIMessage, AIMessageChunk, type BaseMessage, type ToolMessage } from "@langchain/core/messages";
import { ChatGenerationChunk, type ChatResult } from "@langchain/core/outputs";
import type { Clock } from "../../shared/clock";
import { type FactsSnapshot, parseFactsBlock } from "../conversation-facts";
import type { Persona } from "../persona";
import type { Catalog } from "./nlu/catalog";
import { type OfflineState, STATE_KEY } from "./offline-state";
import { decide } from "./policy";
import type { Decision, DoneCall } from "./policy-types";
import { understand } from "./understand";
import { Wording } from "./wording";

export interface OfflineModelOptions extends BaseChatModelParams {
  catalog: () => Catalog;
  persona: () => Persona;
  clock: Clock;
}

const MAX_TOOL_CALLS_PER_TURN = 6;

function text(m: BaseMessage): string {
  return typeof m.content === "string" ? m.content : m.content.map((c) => ("text" in c ? String(c.text) : "")).join("");
}

/**
 * A deterministic chat model that needs no network or API key. It plugs into the same agent,
 * tools and checkpointer as a hosted model: it reads the conversation (system prompt with the
 * facts snapshot, recent messages, tool results), and answers with real tool calls or text.
 * The same input always produces the same output.
 */
export class OfflineChatModel extends BaseChatModel {
  private readonly catalog: () => Catalog;
  private readonly persona: () => Persona;
  private readonly clock: Clock;

  constructor(options: OfflineModelOptions) {
    super(options);
    this.catalog = options.catalog;
    this.persona = options.persona;
    this.clock = options.clock;
  }

  _llmType(): string {
    return "offline-leasing";
  }

  /** Tools are known by name; binding changes nothing. */
  override bindTools(): this {
    return this;
  }

  /** Decides the next step of the current turn. */
  respond(messages: BaseMessage[]): AIMessage {
    const system = messages.find((m) => m.getType() === "system");
    const facts = (system && parseFactsBlock(text(system))) ?? emptyFacts(this.clock.now());
    let lastHuman = -1;
    for (let i = messages.length - 1; i >= 0; i--) {
      if (messages[i].getType() === "human") {
        lastHuman = i;
        break;
      }
    }
    const w = new Wording(this.persona(), facts.language ?? "en");
    if (lastHuman < 0) return new AIMessage({ content: w.greeting(), additional_kwargs: { [STATE_KEY]: {}, options: [] } });

    const done = this.doneCalls(messages.slice(lastHuman + 1));
    const prev = this.previousState(messages.slice(0, lastHuman));
    let decision: Decision;
    let interp: ReturnType<typeof understand> | undefined;
    if (done.length >= MAX_TOOL_CALLS_PER_TURN) {
      decision = { reply: w.say("stuck"), state: {} };
    } else {
      interp = understand(text(messages[lastHuman]), facts, this.catalog());
      decision = decide({ facts, interp, prev, done, catalog: this.catalog(), w });
      // Never repeat an identical call within a turn: answer with what is known instead.
      if (decision.call && done.some((d) => d.name === decision.call!.name && JSON.stringify(d.args) === JSON.stringify(decision.call!.args))) {
        const last = done[done.length - 1];
        decision = { reply: last.content, state: prev };
      }
    }
    // A second request from an earlier message waits until the first is done.
    const queued = interp?.queued ?? (prev.awaiting === "queued" ? undefined : prev.queued);
    if (!decision.call && decision.state && queued && decision.state.queued === undefined && decision.state.awaiting !== "queued") {
      decision.state = { ...decision.state, queued };
    }
    // A side question mid-booking keeps the proposed time waiting.
    if (!decision.call && prev.proposal && decision.state && !("proposal" in decision.state) && decision.keepProposal) {
      decision.state = { ...decision.state, proposal: prev.proposal, awaiting: prev.awaiting };
    }
    if (decision.call) {
      return new AIMessage({
        content: "",
        tool_calls: [{ id: `call_${randomUUID().replace(/-/g, "").slice(0, 24)}`, name: decision.call.name, args: decision.call.args, type: "tool_call" }],
      });
    }
    return new AIMessage({
      content: decision.reply ?? "",
      additional_kwargs: { [STATE_KEY]: decision.state ?? {}, options: decision.options ?? [], progress: decision.progress !== false },
    });
  }

  private doneCalls(turn: BaseMessage[]): DoneCall[] {
    const results = new Map<string, ToolMessage>();
    for (const m of turn) if (m.getType() === "tool") results.set((m as ToolMessage).tool_call_id, m as ToolMessage);
    const done: DoneCall[] = [];
    for (const m of turn) {
      if (m.getType() !== "ai") continue;
      for (const tc of (m as AIMessage).tool_calls ?? []) {
        const r = tc.id ? results.get(tc.id) : undefined;
        if (!r) continue;
        done.push({ name: tc.name, args: tc.args as Record<string, unknown>, content: text(r), artifact: r.artifact as DoneCall["artifact"] });
      }
    }
    return done;
  }

  private previousState(before: BaseMessage[]): OfflineState {
    for (let i = before.length - 1; i >= 0; i--) {
      const m = before[i];
      if (m.getType() === "human") continue;
      if (m.getType() === "ai") {
        const s = (m as AIMessage).additional_kwargs?.[STATE_KEY];
        if (s && typeof s === "object") return s as OfflineState;
        if (text(m)) return {};
      }
    }
    return {};
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    await yieldToEventLoop();
    const message = this.respond(messages);
    return { generations: [{ message, text: text(message) }] };
  }

  /** Streams the reply word by word, like a hosted model does. */
  async *_streamResponseChunks(
    messages: BaseMessage[],
    _options: this["ParsedCallOptions"],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    await yieldToEventLoop();
    const message = this.respond(messages);
    if (message.tool_calls?.length) {
      yield new ChatGenerationChunk({
        text: "",
        message: new AIMessageChunk({
          content: "",
          tool_call_chunks: message.tool_calls.map((tc, index) => ({
            id: tc.id,
            name: tc.name,
            args: JSON.stringify(tc.args),
            index,
            type: "tool_call_chunk" as const,
          })),
        }),
      });
      return;
    }
    const pieces = text(message).match(/\S+\s*|\s+/g) ?? [""];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i];
      const chunk = new ChatGenerationChunk({
        text: piece,
        message: new AIMessageChunk({ content: piece, additional_kwargs: i === 0 ? message.additional_kwargs : {} }),
      });
      yield chunk;
      await runManager?.handleLLMNewToken(piece, undefined, undefined, undefined, undefined, { chunk });
    }
  }
}

/**
 * Lets the event loop run before each model call. A hosted model call waits on the network;
 * without this, turns of the in-process model run back to back as one long chain of promise
 * callbacks, and under load new requests, timers and sockets wait for all of them.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function emptyFacts(at: Date): FactsSnapshot {
  const now = at.toISOString();
  return { today: now.slice(0, 10), weekday: "", now, prospect: { saved: false }, shown: [], offered: [], tours: [] };
}
