import { AppError } from "../../shared/app-error";
import type { Clock } from "../../shared/clock";
import type { Channel, Conversation, ConversationMessage, ConversationMode, ConversationSummary, MessageRole, SessionFacts } from "./conversation";

export interface ConversationRepository {
  insert(c: { id: string; channel: Channel; now: string; subject?: string | null }): Conversation;
  findById(id: string): Conversation | undefined;
  setFacts(id: string, facts: SessionFacts, now: string): void;
  setUser(id: string, userId: number, now: string): void;
  appendMessage(m: { conversationId: string; role: MessageRole; text: string; data?: ConversationMessage["data"]; now: string }): ConversationMessage;
  messages(id: string, opts: { roles?: MessageRole[]; limit?: number }): ConversationMessage[];
  addBooking(id: string, bookingId: number, via: "booked" | "link"): void;
  bookingIds(id: string): number[];
  setMode(id: string, mode: ConversationMode, now: string): void;
  setEscalation(id: string, reason: string | null, now: string): void;
  markRead(id: string, now: string): void;
  list(filter: ConversationFilter): ConversationSummary[];
}

export interface ConversationFilter {
  mode?: ConversationMode;
  escalated?: boolean;
  channel?: Channel;
  propertyId?: number;
}

/** Told when something staff should see happens in a conversation. */
export type ConversationListener = (event: {
  conversationId: string;
  type: "message" | "mode" | "escalation";
  message?: ConversationMessage;
  mode?: ConversationMode;
  reason?: string;
}) => void;

export class ConversationService {
  private readonly listeners = new Set<ConversationListener>();

  constructor(
    private readonly repo: ConversationRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
    private readonly tx: { run<T>(fn: () => T): T } = { run: (fn) => fn() },
  ) {}

  /** Subscribes to conversation events; returns the unsubscribe function. */
  subscribe(listener: ConversationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: Parameters<ConversationListener>[0]): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        /* a listener's failure is its own */
      }
    }
  }

  setMode(id: string, mode: ConversationMode): Conversation {
    this.get(id);
    this.repo.setMode(id, mode, this.clock.now().toISOString());
    if (mode === "ai") this.repo.setEscalation(id, null, this.clock.now().toISOString());
    this.emit({ conversationId: id, type: "mode", mode });
    return this.get(id);
  }

  /** Hands a conversation to staff with a reason. */
  escalate(id: string, reason: string): Conversation {
    this.tx.run(() => {
      this.repo.setMode(id, "human", this.clock.now().toISOString());
      this.repo.setEscalation(id, reason, this.clock.now().toISOString());
    });
    this.emit({ conversationId: id, type: "escalation", reason });
    return this.get(id);
  }

  /**
   * Appends an AI reply only if the conversation is still in AI mode, checked in the same
   * transaction: a takeover during generation means the reply is discarded.
   */
  appendIfAi(id: string, text: string, data?: ConversationMessage["data"]): ConversationMessage | undefined {
    const m = this.tx.run(() =>
      this.repo.findById(id)?.mode === "ai"
        ? this.repo.appendMessage({ conversationId: id, role: "assistant", text, data: data ?? null, now: this.clock.now().toISOString() })
        : undefined,
    );
    if (m) this.emit({ conversationId: id, type: "message", message: m });
    return m;
  }

  markRead(id: string): void {
    this.repo.markRead(id, this.clock.now().toISOString());
  }

  list(filter: ConversationFilter = {}): ConversationSummary[] {
    return this.repo.list(filter);
  }

  start(channel: Channel, subject?: string | null): Conversation {
    return this.repo.insert({ id: this.newId(), channel, now: this.clock.now().toISOString(), subject });
  }

  find(id: string): Conversation | undefined {
    return this.repo.findById(id);
  }

  get(id: string): Conversation {
    const c = this.repo.findById(id);
    if (!c) throw new AppError("not_found", "No such conversation.");
    return c;
  }

  /** Merges a patch into the facts; `undefined` values remove a key. */
  updateFacts(id: string, patch: Partial<SessionFacts>): SessionFacts {
    const current = this.get(id).facts;
    const next: SessionFacts = { ...current };
    for (const [k, v] of Object.entries(patch) as Array<[keyof SessionFacts, unknown]>) {
      if (v === undefined) delete next[k];
      else (next as Record<string, unknown>)[k] = v;
    }
    this.repo.setFacts(id, next, this.clock.now().toISOString());
    return next;
  }

  linkUser(id: string, userId: number): void {
    this.repo.setUser(id, userId, this.clock.now().toISOString());
  }

  append(conversationId: string, role: MessageRole, text: string, data?: ConversationMessage["data"]): ConversationMessage {
    const m = this.repo.appendMessage({ conversationId, role, text, data: data ?? null, now: this.clock.now().toISOString() });
    this.emit({ conversationId, type: "message", message: m });
    return m;
  }

  messages(id: string, roles?: MessageRole[], limit = 500): ConversationMessage[] {
    return this.repo.messages(id, { roles, limit });
  }

  /** Records that this conversation may see and change a tour. */
  grantBooking(id: string, bookingId: number, via: "booked" | "link"): void {
    this.repo.addBooking(id, bookingId, via);
  }

  bookingIds(id: string): number[] {
    return this.repo.bookingIds(id);
  }
}
