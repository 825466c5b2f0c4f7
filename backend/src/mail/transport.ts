import fs from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { AppError } from "../shared/app-error";
import type { Clock } from "../shared/clock";
import type { RenderedMail } from "./outgoing-mail";

/** Sends one rendered message. Throws AppError `upstream_unavailable` (retry) or `upstream_rejected` (permanent). */
export interface MailTransport {
  readonly description: string;
  send(mail: RenderedMail): Promise<void>;
  close(): void;
}

export function toNodemailerMessage(mail: RenderedMail, from: { name: string; address: string }): Mail.Options {
  return {
    from: { name: from.name, address: from.address },
    to: mail.to,
    cc: mail.cc ?? undefined,
    subject: mail.subject,
    text: mail.text,
    html: mail.html ?? undefined,
    messageId: mail.messageId,
    inReplyTo: mail.inReplyTo ?? undefined,
    references: mail.references ?? undefined,
    headers: mail.headers,
    icalEvent: mail.ics
      ? { method: mail.icsMethod ?? "REQUEST", filename: mail.icsMethod === "CANCEL" ? "cancel.ics" : "invite.ics", content: mail.ics }
      : undefined,
  };
}

/** Maps nodemailer's error codes to the application's: 5xx replies are permanent, the rest transient. */
export function translateSmtpError(err: unknown): AppError {
  const e = err as { code?: string; responseCode?: number; message?: string };
  const detail = `${e.code ?? "ERROR"}${e.responseCode ? ` ${e.responseCode}` : ""}: ${e.message ?? String(err)}`;
  if (typeof e.responseCode === "number" && e.responseCode >= 500 && e.code !== "EAUTH") {
    return new AppError("upstream_rejected", `SMTP server rejected the message (${detail})`, { cause: err });
  }
  return new AppError("upstream_unavailable", `SMTP unavailable (${detail})`, { cause: err });
}

export function createSmtpTransport(url: string, from: { name: string; address: string }): MailTransport {
  const transporter = nodemailer.createTransport(url, {
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  } as never);
  const safe = new URL(url);
  safe.password = "";
  safe.username = safe.username ? "***" : "";
  return {
    description: `smtp ${safe.host}`,
    async send(mail) {
      try {
        await transporter.sendMail(toNodemailerMessage(mail, from));
      } catch (err) {
        throw translateSmtpError(err);
      }
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * The embedded default: each message becomes an .eml file a person can open. A failed write
 * (a full disk, say) is transient: the outbox tries again later.
 */
export function createFileTransport(dir: string, from: { name: string; address: string }, clock: Clock): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    description: `files in ${dir}`,
    async send(mail) {
      const info = (await transporter.sendMail(toNodemailerMessage(mail, from))) as unknown as { message: Buffer };
      const stamp = clock.now().toISOString().replace(/[:.]/g, "-");
      const slug = mail.messageId
        .replace(/[<>]/g, "")
        .split("@")[0]
        .replace(/[^A-Za-z0-9-]/g, "")
        .slice(0, 36);
      const file = path.join(dir, `${stamp}-${mail.kind}-${slug}.eml`);
      try {
        await fs.mkdir(dir, { recursive: true });
        await fs.writeFile(`${file}.tmp`, info.message);
        await fs.rename(`${file}.tmp`, file);
      } catch (err) {
        const code = (err as { code?: string }).code ?? "ERROR";
        throw new AppError("upstream_unavailable", `Could not write ${file} (${code})`, { cause: err });
      }
    },
    close() {},
  };
}

/** SMTP when a URL is configured, otherwise .eml files in the outbox folder. */
export function transportFor(s: { smtpUrl?: string; outboxDir: string; mailFrom: { name: string; address: string } }, clock: Clock): MailTransport {
  return s.smtpUrl ? createSmtpTransport(s.smtpUrl, s.mailFrom) : createFileTransport(s.outboxDir, s.mailFrom, clock);
}
