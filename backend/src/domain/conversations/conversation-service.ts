import { AppError } from "../../shared/app-error";
import type { Clock } from "../../shared/clock";
import type { Channel, Conversation, ConversationMessage, MessageRole, SessionFacts } from "./conversation";

export interface ConversationRepository {
  insert(c: { id: string; channel: Channel; now: string; subject?: string | null }): Conversation;
  findById(id: string): Conversation | undefined;
  setFacts(id: string, facts: SessionFacts, now: string): void;
  setUser(id: string, userId: number, now: string): void;
  appendMessage(m: { conversationId: string; role: MessageRole; text: string; data?: ConversationMessage["data"]; now: string }): ConversationMessage;
  messages(id: string, opts: { roles?: MessageRole[]; limit?: number }): ConversationMessage[];
  addBooking(id: string, bookingId: number, via: "booked" | "link"): void;
  bookingIds(id: string): number[];
}

export class ConversationService {
  constructor(
    private readonly repo: ConversationRepository,
    private readonly clock: Clock,
    private readonly newId: () => string,
  ) {}

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
    return this.repo.appendMessage({ conversationId, role, text, data: data ?? null, now: this.clock.now().toISOString() });
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
