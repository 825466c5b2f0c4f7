/** One Server-Sent Event: its name and parsed JSON data. */
export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * Incremental SSE parser: feed it text chunks as they arrive (events may be split anywhere),
 * get back the complete events. Lines other than `event:` and `data:` are ignored.
 */
export class SseParser {
  private buffer = "";

  push(chunk: string): SseEvent[] {
    this.buffer += chunk.replace(/\r\n?/g, "\n");
    const out: SseEvent[] = [];
    for (let end = this.buffer.indexOf("\n\n"); end >= 0; end = this.buffer.indexOf("\n\n")) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = "message";
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (!data.length) continue;
      let parsed: unknown = data.join("\n");
      try {
        parsed = JSON.parse(parsed as string);
      } catch {
        /* plain text data */
      }
      out.push({ event, data: parsed });
    }
    return out;
  }
}
