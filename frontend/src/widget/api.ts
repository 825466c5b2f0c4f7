import { SseParser } from "./sse";

export interface ChoiceOption {
  type: "slot" | "property" | "reply";
  label: string;
  value: string;
  beds?: number;
  rent?: number;
  city?: string;
}

export interface HistoryMessage {
  id: number;
  role: "user" | "assistant" | "staff";
  text: string;
  options: ChoiceOption[];
}

export type StreamEvent =
  | { type: "session"; sessionId: string }
  | { type: "token"; text: string }
  | { type: "tool"; label: string; status: "started" | "finished" }
  | { type: "options"; options: ChoiceOption[] }
  | { type: "done"; reply: string | null; mode?: string }
  | { type: "error"; code: string; message: string };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The chat API of one server. */
export class ChatApi {
  constructor(private readonly base: string) {}

  async history(sessionId: string): Promise<HistoryMessage[] | null> {
    const r = await fetch(`${this.base}/api/chat/${encodeURIComponent(sessionId)}/messages`);
    if (r.status === 404 || r.status === 400) return null;
    if (!r.ok) throw new HttpError(r.status, "history unavailable");
    return ((await r.json()) as { messages: HistoryMessage[] }).messages;
  }

  /** Sends a message and reports the streamed events. Resolves when the stream ends. */
  async send(body: { sessionId?: string; message: string; clientMessageId: string }, on: (e: StreamEvent) => void, signal?: AbortSignal): Promise<void> {
    const r = await fetch(`${this.base}/api/chat/stream`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify(body),
      signal,
    });
    if (!r.ok || !r.body) {
      let message = "";
      try {
        message = ((await r.json()) as { error?: { message?: string } }).error?.message ?? "";
      } catch {
        /* not JSON */
      }
      throw new HttpError(r.status, message);
    }
    const reader = r.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const e of parser.push(decoder.decode(value, { stream: true }))) on({ type: e.event, ...(e.data as object) } as StreamEvent);
    }
  }

  /** Live staff replies and mode changes of a session; `after` is the last message id the page has. */
  listen(
    sessionId: string,
    after: number,
    on: (e: { type: "staff"; id: number; text: string } | { type: "mode"; mode: string }) => void,
  ): EventSource | undefined {
    if (typeof EventSource === "undefined") return undefined;
    const es = new EventSource(`${this.base}/api/chat/${encodeURIComponent(sessionId)}/events?after=${after}`);
    es.addEventListener("staff", (e) => on({ type: "staff", ...JSON.parse((e as MessageEvent).data) }));
    es.addEventListener("mode", (e) => on({ type: "mode", ...JSON.parse((e as MessageEvent).data) }));
    return es;
  }

  async property(id: string): Promise<{ name: string } | null> {
    const r = await fetch(`${this.base}/api/properties/${encodeURIComponent(id)}`);
    return r.ok ? ((await r.json()) as { property: { name: string } }).property : null;
  }
}
