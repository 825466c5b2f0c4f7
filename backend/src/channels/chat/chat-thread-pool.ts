import type { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { Config } from "../../config/config";
import type { ConversationService } from "../../domain/conversations/conversation-service";
import { AppError, fromErrorFields } from "../../shared/app-error";
import { closeThread, startThread } from "../../shared/start-thread";
import type { ChatEvent, ChatTurnResult } from "./chat-events";
import { threadOfSession, type FromChatThread, type ToChatThread } from "./chat-thread-protocol";
import type { ChatTurns } from "./chat-turns";

interface Pending {
  resolve: (r: ChatTurnResult) => void;
  reject: (e: Error) => void;
  emit?: (e: ChatEvent) => void;
}

interface Slot {
  worker?: Worker;
  ready?: Promise<void>;
  pending: Map<number, Pending>;
}

export interface ChatThreadPoolOptions {
  config: Config;
  threads: number;
  /** The server's conversations: events from the threads are re-told here, takeovers are sent to them. */
  conversations: ConversationService;
  /** Subscribes to persona edits made on the server. */
  onPersonaUpdate: (listener: () => void) => () => void;
  /** Mail a thread queued: the server's outbox should look now. */
  mailQueued: () => void;
  log: Logger;
}


/**
 * Runs chat turns on worker threads, so that agent work uses every core while the main thread
 * keeps serving HTTP. A session always goes to the same thread, where its turns run one at a
 * time and its agent state stays warm. Each thread has its own SQLite connection; bookings
 * stay conflict-free because they are decided in SQLite transactions, not in memory.
 * A thread that dies fails only its own turns (with a clear error) and is started again.
 */
export class ChatThreadPool implements ChatTurns {
  private readonly slots: Slot[];
  private seq = 0;
  private next = 0;
  private closed = false;
  private relaying = false;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(private readonly o: ChatThreadPoolOptions) {
    this.slots = Array.from({ length: Math.max(1, o.threads) }, () => ({ pending: new Map() }));
    // Takeovers and escalations made here (staff console, e-mail) must reach a turn running in a thread.
    this.unsubscribe.push(
      o.conversations.subscribe((event) => {
        if (this.relaying || (event.type !== "mode" && event.type !== "escalation")) return;
        this.broadcast({ type: "event", event });
      }),
      o.onPersonaUpdate(() => this.broadcast({ type: "persona" })),
    );
  }

  /** Starts every thread; resolves when all are ready. */
  async start(): Promise<void> {
    await Promise.all(this.slots.map((s) => this.ensure(s)));
  }

  private broadcast(m: ToChatThread): void {
    for (const s of this.slots) s.worker?.postMessage(m);
  }

  private ensure(slot: Slot): Promise<void> {
    if (slot.ready) return slot.ready;
    const { worker, ready } = startThread(
      new URL("./chat-thread-entry.ts", import.meta.url),
      { config: this.o.config, thread: this.slots.indexOf(slot), threads: this.slots.length },
      // A thread's live data is well under 100 MB; a bounded heap is collected sooner instead of
      // growing. A chat turn makes about 1 MB of short-lived objects (messages, run configs,
      // events), and under load a turn waits its turn for a few hundred ms: a young generation
      // large enough (3 × 48 MB semi-spaces by default) lets those objects die young instead of
      // being promoted and marked again and again in the old generation.
      { maxOldGenerationSizeMb: this.o.config.chat.threadHeapMb, maxYoungGenerationSizeMb: this.o.config.chat.threadYoungMb },
    );
    slot.worker = worker;
    slot.ready = ready;
    worker.on("message", (m: FromChatThread) => this.onMessage(slot, m));
    worker.on("error", (err) => this.o.log.error({ err }, "chat thread error"));
    worker.on("exit", (code) => {
      if (slot.worker !== worker) return;
      slot.worker = undefined;
      slot.ready = undefined;
      for (const [seq, p] of slot.pending) {
        slot.pending.delete(seq);
        p.reject(new AppError("upstream_unavailable", "The assistant restarted while answering. Please send your message again."));
      }
      if (!this.closed) this.o.log.error({ code }, "chat thread exited; a new one starts with the next turn");
    });
    return slot.ready;
  }

  private onMessage(slot: Slot, m: FromChatThread): void {
    switch (m.type) {
      case "batch":
        for (const one of m.messages) this.onMessage(slot, one);
        return;
      case "chat-event":
        slot.pending.get(m.seq)?.emit?.(m.event);
        return;
      case "result": {
        const p = slot.pending.get(m.seq);
        if (!p) return;
        slot.pending.delete(m.seq);
        if (m.ok) p.resolve(m.result);
        else p.reject(fromErrorFields(m));
        return;
      }
      case "event":
        this.relaying = true;
        try {
          this.o.conversations.publish(m.event);
        } finally {
          this.relaying = false;
        }
        return;
      case "mail-queued":
        this.o.mailQueued();
        return;
      default:
        return;
    }
  }

  async send(input: { sessionId?: string; message: string; clientMessageId?: string }, emit?: (e: ChatEvent) => void): Promise<ChatTurnResult> {
    if (this.closed) throw new AppError("upstream_unavailable", "The server is shutting down. Please try again in a moment.");
    const slot = input.sessionId ? this.slots[threadOfSession(input.sessionId, this.slots.length)] : this.slots[this.next++ % this.slots.length];
    try {
      await this.ensure(slot);
    } catch (err) {
      slot.ready = undefined;
      throw new AppError("upstream_unavailable", "The assistant could not start. Please try again in a moment.", { cause: err });
    }
    const seq = ++this.seq;
    return new Promise<ChatTurnResult>((resolve, reject) => {
      // The thread ends every turn within the turn deadline; this only guards against a thread
      // that stopped answering altogether.
      const timer = setTimeout(() => {
        if (!slot.pending.delete(seq)) return;
        this.o.log.error({ seq }, "chat thread did not answer a turn in time");
        reject(new AppError("upstream_unavailable", "The assistant is not answering right now. Please try again in a moment."));
      }, this.o.config.llm.timeoutMs + 15_000);
      slot.pending.set(seq, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
        emit,
      });
      const m: ToChatThread = { type: "turn", seq, input, stream: Boolean(emit) };
      slot.worker!.postMessage(m);
    });
  }

  /** Lets running turns finish, then stops the threads. */
  async close(): Promise<void> {
    this.closed = true;
    for (const off of this.unsubscribe.splice(0)) off();
    await Promise.all(
      this.slots.map(async (slot) => {
        const worker = slot.worker;
        if (!worker) return;
        await closeThread(worker, Math.max(5_000, this.o.config.llm.timeoutMs + 1_000));
        slot.worker = undefined;
      }),
    );
  }
}
