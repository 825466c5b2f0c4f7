import { describe, expect, it } from "vitest";
import { SseParser } from "../src/widget/sse";

describe("SSE parser", () => {
  it("reads events split across chunks at any point", () => {
    const p = new SseParser();
    const text = 'event: session\ndata: {"sessionId":"abc"}\n\nevent: token\ndata: {"text":"Hel"}\n\nevent: token\ndata: {"text":"lo"}\n\n';
    const events = [];
    for (let i = 0; i < text.length; i += 7) events.push(...p.push(text.slice(i, i + 7)));
    expect(events).toEqual([
      { event: "session", data: { sessionId: "abc" } },
      { event: "token", data: { text: "Hel" } },
      { event: "token", data: { text: "lo" } },
    ]);
  });
  it("handles CRLF, multi-line data, comments and plain text", () => {
    const p = new SseParser();
    expect(p.push(': keep-alive\r\n\r\nevent: note\r\ndata: line one\r\ndata: line two\r\n\r\ndata: {"a":1}\n\n')).toEqual([
      { event: "note", data: "line one\nline two" },
      { event: "message", data: { a: 1 } },
    ]);
  });
  it("keeps an incomplete event until it ends", () => {
    const p = new SseParser();
    expect(p.push('event: done\ndata: {"reply":"x"}')).toEqual([]);
    expect(p.push("\n\n")).toEqual([{ event: "done", data: { reply: "x" } }]);
  });
});
