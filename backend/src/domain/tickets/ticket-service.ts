import { AppError } from "../../shared/app-error";
import type { Clock } from "../../shared/clock";
import { higherPriority, type Intent, type NewTicket, type Priority, type Stakeholder, type Ticket, type TicketIntent, type TicketStatus } from "./ticket";

export interface TicketRepository {
  insert(t: NewTicket, now: string): Ticket;
  findById(id: number): Ticket | undefined;
  findBySourceKey(key: string): Ticket | undefined;
  list(filter: { status?: TicketStatus; intent?: TicketIntent; conversationId?: string }): Ticket[];
  update(id: number, patch: { status?: TicketStatus; assignedTo?: number | null }, now: string): Ticket;
  /** Counts one more follow-up message, keeps its text and sets the priority. */
  recordFollowUp(id: number, f: { priority: Priority; text: string }, now: string): Ticket;
}

export interface StakeholderRepository {
  forIntent(intent: Intent, propertyId: number | null): Stakeholder[];
  findById(id: number): Stakeholder | undefined;
  list(): Stakeholder[];
}

/** Called after a ticket is written (for example to export it as a file). Must not throw. */
export type TicketListener = (ticket: Ticket) => void;

export class TicketService {
  constructor(
    private readonly repo: TicketRepository,
    private readonly stakeholders: StakeholderRepository,
    private readonly clock: Clock,
    private readonly onCreated: TicketListener = () => {},
  ) {}

  /** Creates a ticket; a second ticket for the same source message returns the first. */
  create(t: NewTicket): Ticket {
    if (t.sourceMessageKey) {
      const existing = this.repo.findBySourceKey(t.sourceMessageKey);
      if (existing) return existing;
    }
    const ticket = this.repo.insert(t, this.clock.now().toISOString());
    this.onCreated(ticket);
    return ticket;
  }

  /**
   * Who hears about an intent: contacts for this property first, otherwise the general ones.
   * A property-specific locksmith replaces the general locksmith rather than adding to it.
   */
  stakeholdersFor(intent: Intent, propertyId: number | null): Stakeholder[] {
    const all = this.stakeholders.forIntent(intent, propertyId);
    const specific = all.filter((s) => s.propertyId !== null);
    return specific.length ? specific : all;
  }

  get(id: number): Ticket {
    const t = this.repo.findById(id);
    if (!t) throw new AppError("not_found", `No ticket ${id}.`);
    return t;
  }

  list(filter: { status?: TicketStatus; intent?: TicketIntent; conversationId?: string } = {}): Ticket[] {
    return this.repo.list(filter);
  }

  update(id: number, patch: { status?: TicketStatus; assignedTo?: number | null }): Ticket {
    this.get(id);
    if (patch.assignedTo != null && !this.stakeholders.findById(patch.assignedTo)) {
      throw new AppError("validation", `No stakeholder ${patch.assignedTo}.`);
    }
    return this.repo.update(id, patch, this.clock.now().toISOString());
  }

  /**
   * A later message in the ticket's thread ("any update?", "now water is pooling"). It joins
   * the ticket, and raises its priority when the message is more pressing; it never lowers it.
   */
  addFollowUp(id: number, f: { priority: Priority; text: string; afterFix?: boolean }): { ticket: Ticket; raised: boolean } {
    const before = this.get(id);
    // After a note that the problem was fixed, a new message sets the priority afresh.
    const priority = f.afterFix ? f.priority : higherPriority(before.priority, f.priority);
    const ticket = this.repo.recordFollowUp(id, { priority, text: f.text.replace(/\s+/g, " ").trim().slice(0, 500) }, this.clock.now().toISOString());
    return { ticket, raised: priority !== before.priority && higherPriority(priority, before.priority) === priority };
  }

  stakeholderList(): Stakeholder[] {
    return this.stakeholders.list();
  }
}
