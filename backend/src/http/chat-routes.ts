import type { Response, Router } from "express";
import { z } from "zod";
import type { ChatEvent } from "../channels/chat/chat-events";
import type { ChatService } from "../channels/chat/chat-service";
import type { ConversationService } from "../domain/conversations/conversation-service";
import { AppError } from "../shared/app-error";
import { holdOpen, openEventStream, writeEvent } from "./sse";
import { parseInput } from "./validation";

export const MAX_MESSAGE_CHARS = 2000;

const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

/** Validates a chat body: an unknown session id is fine (a new session starts). */
function chatInput(body: unknown): { sessionId?: string; message: string; clientMessageId?: string } {
  const b = (body ?? {}) as { sessionId?: unknown; message?: unknown; clientMessageId?: unknown };
  if (typeof b.message !== "string")
    throw new AppError("validation", '"message" must be a string.', { issues: [{ field: "message", message: "required string" }] });
  const message = b.message.trim();
  if (!message) throw new AppError("validation", '"message" must not be empty.', { issues: [{ field: "message", message: "empty" }] });
  if ([...message].length > MAX_MESSAGE_CHARS) {
    throw new AppError("payload_too_large", `Messages can be at most ${MAX_MESSAGE_CHARS} characters.`, { details: { limit: MAX_MESSAGE_CHARS } });
  }
  const sessionId = typeof b.sessionId === "string" && sessionIdSchema.safeParse(b.sessionId).success ? b.sessionId : undefined;
  if (b.sessionId !== undefined && b.sessionId !== null && typeof b.sessionId !== "string") {
    throw new AppError("validation", '"sessionId" must be a string.', { issues: [{ field: "sessionId", message: "must be a string" }] });
  }
  const clientMessageId = typeof b.clientMessageId === "string" && /^[A-Za-z0-9_-]{4,80}$/.test(b.clientMessageId) ? b.clientMessageId : undefined;
  return { sessionId, message, clientMessageId };
}

function sse(res: Response, e: ChatEvent): void {
  const { type, ...data } = e;
  writeEvent(res, type, data);
}

/** Registers the chat widget's routes on `r`. */
export function chatRoutes(chat: ChatService, conversations: ConversationService, r: Router): void {
  r.post("/chat", async (req, res) => {
    const input = chatInput(req.body);
    const result = await chat.send(input);
    res.json({
      sessionId: result.sessionId,
      reply: result.reply,
      options: result.options,
      mode: result.mode,
      ...(result.error ? { error: result.error } : {}),
    });
  });

  r.post("/chat/stream", async (req, res) => {
    const input = chatInput(req.body);
    openEventStream(res);
    try {
      await chat.send(input, (e) => {
        if (!res.writableEnded) sse(res, e);
      });
    } catch {
      sse(res, { type: "error", code: "internal", message: "Something went wrong. Please try again." });
    }
    res.end();
  });

  // The widget listens here for staff replies and mode changes.
  r.get("/chat/:sessionId/events", (req, res) => {
    const id = parseInput(sessionIdSchema, req.params.sessionId);
    const c = conversations.find(id);
    if (c?.channel !== "chat") throw new AppError("not_found", "No such chat session.");
    openEventStream(res);
    writeEvent(res, "mode", { mode: c.mode });
    const staffEvent = (m: { id: number; text: string }) => writeEvent(res, "staff", { id: m.id, text: m.text }, m.id);
    // Staff replies the page has not seen yet: after the history it loaded (?after=) or,
    // on an automatic reconnect, after the last event it got (Last-Event-ID).
    const after = Number(req.headers["last-event-id"] ?? req.query.after);
    if (Number.isInteger(after) && after >= 0) for (const m of conversations.messages(id, ["staff"])) if (m.id > after) staffEvent(m);
    const off = conversations.subscribe((e) => {
      if (e.conversationId !== id) return;
      if (e.type === "message" && e.message?.role === "staff") {
        staffEvent(e.message);
      } else if (e.type === "mode" || e.type === "escalation") {
        writeEvent(res, "mode", { mode: e.mode ?? "human" });
      }
    });
    holdOpen(req, res, off);
  });

  r.get("/chat/:sessionId/messages", (req, res) => {
    const id = parseInput(sessionIdSchema, req.params.sessionId);
    const c = conversations.find(id);
    if (c?.channel !== "chat") throw new AppError("not_found", "No such chat session.");
    const messages = conversations.messages(id, ["user", "assistant", "staff"]).map((m) => ({
      id: m.id,
      role: m.role,
      text: m.text,
      options: m.data?.options ?? [],
      createdAt: m.createdAt,
    }));
    res.json({ sessionId: id, mode: c.mode, messages });
  });
}
