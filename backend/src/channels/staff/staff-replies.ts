import type { SqliteMailThreadRepository } from "../../db/inbound-repository";
import type { TransactionRunner } from "../../domain/bookings/booking-service";
import type { ConversationMessage } from "../../domain/conversations/conversation";
import type { ConversationService } from "../../domain/conversations/conversation-service";
import type { UserService } from "../../domain/users/user-service";
import { newMessageId } from "../../mail/booking-mailer";
import type { MailOutbox } from "../../mail/outgoing-mail";
import { AppError } from "../../shared/app-error";
import { replySubject, textToHtml } from "../email/email-replies";

export interface StaffReplyDeps {
  tx: TransactionRunner;
  conversations: ConversationService;
  users: UserService;
  threads: SqliteMailThreadRepository;
  outbox: MailOutbox;
  from: { name: string; address: string };
}

export const MAX_STAFF_REPLY = 5000;

/**
 * A staff member's reply: stored in the transcript (the widget shows it live), and for an
 * e-mail conversation also sent as a threaded e-mail through the outbox. Replying to a
 * conversation the assistant is handling takes it over first, so the two never both answer.
 */
export class StaffReplies {
  constructor(private readonly d: StaffReplyDeps) {}

  reply(conversationId: string, text: string, staffName: string): ConversationMessage & { tookOver: boolean } {
    const body = text.trim();
    if (!body) throw new AppError("validation", "A reply needs some text.");
    if (body.length > MAX_STAFF_REPLY) throw new AppError("payload_too_large", `Replies can be at most ${MAX_STAFF_REPLY} characters.`);
    const d = this.d;
    let c = d.conversations.get(conversationId);
    const tookOver = c.mode === "ai";
    if (tookOver) c = d.conversations.setMode(conversationId, "human");
    let emailed: { to: string; messageId: string } | undefined;
    const message = d.tx.run(() => {
      if (c.channel === "email") {
        const user = c.userId ? d.users.get(c.userId) : undefined;
        const history = d.conversations.messages(conversationId, ["user"]);
        const lastIn = [...history].reverse().find((m) => typeof m.data?.messageId === "string");
        const to = user?.email ?? (lastIn?.data?.from as string | undefined) ?? c.facts.contact?.email;
        if (!to) throw new AppError("validation", "This e-mail conversation has no address to reply to.");
        const parentId = (lastIn?.data?.messageId as string | undefined) ?? null;
        const references = this.references(conversationId, parentId);
        const messageId = newMessageId(d.from.address);
        const subject = replySubject(c.subject ?? (lastIn?.data?.subject as string | undefined) ?? "");
        const full = `${body}\n\n— ${staffName}, ${d.from.name}`;
        d.outbox.enqueue({ kind: "staff_reply", messageId, to, subject, text: full, html: textToHtml(full), inReplyTo: parentId, references });
        d.threads.remember(messageId, conversationId);
        emailed = { to, messageId };
      }
      return d.conversations.append(conversationId, "staff", body, { staff: staffName, ...(emailed ? { messageId: emailed.messageId, to: emailed.to } : {}) });
    });
    return { ...message, tookOver };
  }

  private references(conversationId: string, parentId: string | null): string | null {
    const ids = this.d.conversations
      .messages(conversationId, ["user", "assistant", "staff"])
      .map((m) => m.data?.messageId)
      .filter((x): x is string => typeof x === "string");
    const all = [...new Set([...ids.filter((x) => x !== parentId), ...(parentId ? [parentId] : [])])];
    return all.length ? all.slice(-12).join(" ") : null;
  }
}
