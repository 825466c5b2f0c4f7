/**
 * A small HTTP/1.1 load generator over keep-alive sockets, light enough to share a 2-core
 * machine with the server it measures.
 *
 * Two modes:
 *  - closed loop (no `rate`): every connection sends its next request as soon as the previous
 *    answer arrives; this finds the highest throughput;
 *  - fixed rate (`rate` requests/s over all connections): requests are due on a fixed schedule
 *    and latency is counted from when each request was due, so time spent waiting for a free
 *    connection counts too (no coordinated omission).
 */
import net from "node:net";

export interface LoadRequest {
  method: string;
  path: string;
  body?: string;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationMs: number;
  /** Requests per second over all connections; closed loop when absent. */
  rate?: number;
  next: () => LoadRequest;
}

export interface LoadResult {
  /** Count of responses per HTTP status. */
  statuses: Map<number, number>;
  /** Latency of every answered request, in ms. */
  latencies: Float64Array;
  answered: number;
  errors: number;
  /** Requests that were due but never sent before the time ran out. */
  unsent: number;
  seconds: number;
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

interface Pending {
  due: number;
}

class Connection {
  private socket!: net.Socket;
  private buf: Buffer = Buffer.alloc(0);
  private inFlight: Pending | undefined;
  private closed = false;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly onAnswer: (status: number, due: number, conn: Connection) => void,
    private readonly onError: (conn: Connection) => void,
  ) {
    this.open();
  }

  private open(): void {
    this.buf = Buffer.alloc(0);
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    // Events of a socket this connection has already replaced are ignored.
    socket.on("data", (chunk) => socket === this.socket && this.read(chunk));
    socket.on("error", () => socket === this.socket && this.fail());
    socket.on("close", () => {
      if (socket === this.socket && this.inFlight) this.fail();
    });
  }

  send(req: LoadRequest, due: number, hostHeader: string): void {
    this.inFlight = { due };
    const body = req.body ?? "";
    const head =
      `${req.method} ${req.path} HTTP/1.1\r\nHost: ${hostHeader}\r\nConnection: keep-alive\r\n` +
      (body ? `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` : "") +
      "\r\n";
    this.socket.write(head + body);
  }

  close(): void {
    this.closed = true;
    this.inFlight = undefined;
    this.socket.destroy();
  }

  private fail(): void {
    if (this.closed) return;
    this.inFlight = undefined;
    this.socket.destroy();
    this.open();
    this.onError(this);
  }

  private read(chunk: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const end = this.buf.indexOf("\r\n\r\n");
      if (end < 0) return;
      const head = this.buf.toString("latin1", 0, end);
      const status = Number(head.slice(9, 12));
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(head);
      if (!m || !this.inFlight) return this.fail();
      const total = end + 4 + Number(m[1]);
      if (this.buf.length < total) return;
      this.buf = this.buf.subarray(total);
      const { due } = this.inFlight;
      this.inFlight = undefined;
      this.onAnswer(status, due, this);
    }
  }
}

export function runLoad(o: LoadOptions): Promise<LoadResult> {
  const u = new URL(o.url);
  const host = u.hostname;
  const port = Number(u.port || 80);
  const hostHeader = u.host;
  const statuses = new Map<number, number>();
  let latencies = new Float64Array(65_536);
  let answered = 0;
  let errors = 0;
  const start = performance.now();
  const stopAt = start + o.durationMs;
  let stopped = false;
  const interval = o.rate ? 1000 / o.rate : 0;
  let scheduled = 0; // requests due so far (fixed rate)
  const waiting: number[] = []; // due times of requests waiting for a free connection
  const idle: Connection[] = [];

  return new Promise((resolve) => {
    const dispatch = (conn: Connection) => {
      if (stopped) return;
      if (!o.rate) {
        conn.send(o.next(), performance.now(), hostHeader);
      } else if (waiting.length) {
        conn.send(o.next(), waiting.shift()!, hostHeader);
      } else {
        idle.push(conn);
      }
    };
    const onAnswer = (status: number, due: number, conn: Connection) => {
      const now = performance.now();
      if (answered === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
      }
      latencies[answered++] = now - due;
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (now >= stopAt) return finish();
      dispatch(conn);
    };
    const onError = (conn: Connection) => {
      errors++;
      dispatch(conn);
    };
    const conns = Array.from({ length: o.connections }, () => new Connection(host, port, onAnswer, onError));
    const tick = () => {
      if (stopped) return;
      const now = performance.now();
      if (now >= stopAt) return finish();
      const dueCount = Math.floor((now - start) / interval) + 1;
      for (; scheduled < dueCount; scheduled++) {
        const due = start + scheduled * interval;
        const conn = idle.pop();
        if (conn) conn.send(o.next(), due, hostHeader);
        else waiting.push(due);
      }
      setTimeout(tick, 1);
    };
    let finished = false;
    function finish() {
      if (finished) return;
      finished = true;
      stopped = true;
      // Answers still in flight when the time is up are left out.
      for (const c of conns) c.close();
      const seconds = (performance.now() - start) / 1000;
      const lat = latencies.slice(0, answered).sort();
      resolve({ statuses, latencies: lat, answered, errors, unsent: waiting.length, seconds });
    }
    if (o.rate) {
      idle.push(...conns);
      tick();
    } else {
      for (const c of conns) dispatch(c);
      setTimeout(finish, o.durationMs + 5).unref();
    }
  });
}
