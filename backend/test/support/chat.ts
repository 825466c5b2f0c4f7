import type { TestServer } from "./test-app";

export interface Turn {
  sessionId: string;
  reply: string;
  mode: "ai" | "human";
  options: Array<{ type: string; label: string; value: string; start?: string; propertyId?: number }>;
  error?: { code: string };
}

/** A chat session driven over HTTP, remembering its id. */
export class ChatClient {
  sessionId: string | undefined;
  readonly transcript: string[] = [];

  constructor(private readonly s: TestServer) {}

  async say(message: string): Promise<Turn> {
    const res = await this.s.post("/api/chat", { sessionId: this.sessionId, message });
    if (res.status !== 200) throw new Error(`chat answered ${res.status}: ${JSON.stringify(res.body)}`);
    this.sessionId = res.body.sessionId;
    this.transcript.push(`> ${message}`, `< ${res.body.reply}`);
    return res.body as Turn;
  }
}

export interface SseEvent {
  event: string;
  data: any;
}

/** Reads a Server-Sent Events body into its events. */
export function parseSse(body: string): SseEvent[] {
  return body
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return { event, data: data ? JSON.parse(data) : null };
    });
}
