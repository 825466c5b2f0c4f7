import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "./free-port";

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

/**
 * A real SMTP server (smtp-server) on a local port that keeps what it receives.
 * It can be stopped and started again on the same port to simulate an outage.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private server: SMTPServer | undefined;
  private waiters: Array<() => void> = [];

  private constructor(readonly port: number) {}

  static async start(port?: number): Promise<SmtpSink> {
    const sink = new SmtpSink(port ?? (await freePort()));
    await sink.up();
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const server = new SMTPServer({
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", async () => {
          const raw = Buffer.concat(chunks);
          const parsed = await simpleParser(raw);
          this.received.push({
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            raw,
            parsed,
          });
          callback();
          for (const w of this.waiters.splice(0)) w();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves when at least `count` messages have arrived, or rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${count} messages, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, Math.min(left, 200));
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.received;
  }
}

/** The text/calendar part of a received message. */
export function calendarPart(mail: ReceivedMail): string {
  const raw = mail.raw.toString("utf8");
  const m = /BEGIN:VCALENDAR[\s\S]*?END:VCALENDAR/.exec(raw);
  if (!m) throw new Error("no calendar part");
  return m[0].replace(/\r?\n[ \t]/g, "");
}

export function icsField(ics: string, name: string): string | undefined {
  const m = new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.*)$`, "m").exec(ics);
  return m?.[1].trim();
}

/** The To: addresses of a received mail as one string, as mailparser prints them. */
export function toText(mail: ReceivedMail): string {
  const to = mail.parsed.to;
  return Array.isArray(to) ? to.map((a) => a.text).join(", ") : (to?.text ?? "");
}
