import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/** What the scripted model answers to one Chat Completions request. */
export interface FakeReply {
  content?: string;
  toolCalls?: Array<{ name: string; args: Record<string, unknown> }>;
  /** Answer with this HTTP status and an OpenAI-style error body instead. */
  status?: number;
  delayMs?: number;
}

export interface ChatRequest {
  model: string;
  messages: Array<{
    role: string;
    content?: string | null;
    tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>;
    tool_call_id?: string;
  }>;
  tools?: Array<{ type: string; function: { name: string; description: string; parameters: Record<string, unknown> } }>;
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

/**
 * A local server speaking the OpenAI Chat Completions protocol, JSON and SSE streaming,
 * with tool calls. Every request is recorded; answers come from a script.
 */
export class FakeOpenAi {
  readonly requests: ChatRequest[] = [];
  private server!: http.Server;
  script: (req: ChatRequest) => FakeReply = () => ({ content: "Hello from the test model." });

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
      res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify({ error: { message: "not found" } }));
      return;
    }
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as ChatRequest;
    this.requests.push(body);
    const reply = this.script(body);
    if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
    if (res.destroyed) return;
    if (reply.status) {
      res
        .writeHead(reply.status, { "content-type": "application/json" })
        .end(JSON.stringify({ error: { message: `scripted failure ${reply.status}`, type: "server_error", code: null } }));
      return;
    }
    const id = `chatcmpl-${randomUUID()}`; // unique per completion, as the real API does
    const created = Math.floor(Date.now() / 1000);
    const toolCalls = (reply.toolCalls ?? []).map((t) => ({
      id: `call_${randomUUID().slice(0, 8)}`,
      type: "function",
      function: { name: t.name, arguments: JSON.stringify(t.args) },
    }));
    const finish = toolCalls.length ? "tool_calls" : "stop";
    const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
    if (!body.stream) {
      res.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          id,
          object: "chat.completion",
          created,
          model: body.model,
          choices: [
            {
              index: 0,
              message: { role: "assistant", content: reply.content ?? null, ...(toolCalls.length ? { tool_calls: toolCalls } : {}) },
              finish_reason: finish,
            },
          ],
          usage,
        }),
      );
      return;
    }
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    const send = (delta: Record<string, unknown>, finishReason: string | null = null) => {
      const chunk = { id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, finish_reason: finishReason }] };
      return res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    };
    send({ role: "assistant", content: "" });
    for (const piece of reply.content?.match(/\S+\s*/g) ?? []) send({ content: piece });
    toolCalls.forEach((tc, index) => {
      send({ tool_calls: [{ index, id: tc.id, type: "function", function: { name: tc.function.name, arguments: "" } }] });
      const args = tc.function.arguments;
      for (let i = 0; i < args.length; i += 12) send({ tool_calls: [{ index, function: { arguments: args.slice(i, i + 12) } }] });
    });
    send({}, finish);
    if (body.stream_options?.include_usage) {
      res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [], usage })}\n\n`);
    }
    res.end("data: [DONE]\n\n");
  }
}

/** The text of the last message with a given role. */
export function lastOf(req: ChatRequest, role: string): string {
  for (let i = req.messages.length - 1; i >= 0; i--) if (req.messages[i].role === role) return String(req.messages[i].content ?? "");
  return "";
}
