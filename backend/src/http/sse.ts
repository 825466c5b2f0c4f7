import type { Request, Response } from "express";

/** Starts a Server-Sent Events response: headers sent now, no caching or proxy buffering. */
export function openEventStream(res: Response): void {
  res.status(200);
  res.setHeader("Content-Type", "text/event-stream; charset=utf-8");
  res.setHeader("Cache-Control", "no-cache, no-transform");
  res.setHeader("X-Accel-Buffering", "no");
  res.flushHeaders();
}

/** Writes one event; `id` lets a reconnecting EventSource say where it stopped (Last-Event-ID). */
export function writeEvent(res: Response, event: string, data: unknown, id?: number): void {
  res.write(`${id !== undefined ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Keeps a long-lived stream open through proxies with a comment every 25 s; `onClose` runs when the client leaves. */
export function holdOpen(req: Request, res: Response, onClose: () => void): void {
  const ping = setInterval(() => res.write(": ping\n\n"), 25_000);
  req.on("close", () => {
    clearInterval(ping);
    onClose();
  });
}
