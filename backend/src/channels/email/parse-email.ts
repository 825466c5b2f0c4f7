import { createHash } from "node:crypto";
import { convert as htmlToText } from "html-to-text";
import { type AddressObject, type ParsedMail, simpleParser } from "mailparser";
import type { Attachment } from "../../domain/tickets/ticket";
import { stripQuotedText } from "./quote-strip";

/** An inbound e-mail, read and cleaned for the pipeline. */
export interface InboundEmail {
  /** Message-ID, or a hash of the raw bytes when the message has none. */
  key: string;
  messageId: string | null;
  from: { name: string; address: string } | null;
  to: string[];
  cc: string[];
  subject: string;
  date: Date | null;
  inReplyTo: string | null;
  references: string[];
  /** The new text of the message: quoted history and signature removed, bounded in size. */
  text: string;
  /** The whole text before cleaning (HTML converted). */
  fullText: string;
  attachments: Attachment[];
  headers: Map<string, string>;
  contentType: string;
}

export const MAX_TEXT_FOR_MODEL = 4000;

function addresses(a: AddressObject | AddressObject[] | undefined): Array<{ name: string; address: string }> {
  if (!a) return [];
  const list = Array.isArray(a) ? a : [a];
  return list
    .flatMap((x) => x.value)
    .flatMap((v) => (v.group ? v.group : [v]))
    .filter((v) => v.address)
    .map((v) => ({ name: v.name ?? "", address: v.address!.toLowerCase() }));
}

function headerText(mail: ParsedMail, name: string): string {
  const v = mail.headers.get(name);
  // mailparser folds the List-* headers into one structured "list" header: read those as sent.
  if (v === undefined || v === null) return mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]*:\s*/, "") ?? "";
  if (typeof v === "string") return v;
  if (typeof v === "object" && "value" in (v as object)) return String((v as { value: unknown }).value);
  return String(v);
}

/** Styles that hide text from the person reading the message. */
const HIDDEN_STYLES = [
  "display:none",
  "display: none",
  "visibility:hidden",
  "visibility: hidden",
  "font-size:0px",
  "font-size: 0px",
  "font-size:0;",
  "font-size: 0;",
  "font-size:0pt",
  "max-height:0px",
  "max-height: 0px",
  "max-height:0;",
  "opacity:0;",
  "opacity: 0;",
];

/**
 * How an HTML-only message becomes text: only what its reader sees. Hidden blocks (a common
 * home for instructions aimed at software) are left out, as are link targets and images.
 */
const HTML_SELECTORS = [
  { selector: "a", options: { ignoreHref: true } },
  { selector: "img", format: "skip" },
  { selector: "[hidden]", format: "skip" },
  ...HIDDEN_STYLES.map((style) => ({ selector: `[style*="${style}" i]`, format: "skip" })),
];

/** Parses raw RFC 5322 bytes. Throws on input that is not an e-mail at all. */
export async function parseEmail(raw: Buffer): Promise<InboundEmail> {
  const mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true });
  const from = addresses(mail.from)[0] ?? null;
  let fullText = mail.text ?? "";
  // Without a plain-text part, the text is read from the HTML here, as its reader sees it (the
  // parser's own conversion keeps hidden blocks).
  const plainPart = /^content-type:\s*text\/plain/im.test(raw.toString("latin1")) || !/^content-type:/im.test(raw.toString("latin1"));
  if ((!fullText.trim() || !plainPart) && typeof mail.html === "string") {
    fullText = htmlToText(mail.html, { wordwrap: false, selectors: HTML_SELECTORS });
  }
  const cleaned = stripQuotedText(fullText, { forwarded: /^\s*(?:fwd?|fw)\s*:/i.test(mail.subject ?? "") });
  const text = cleaned.length > MAX_TEXT_FOR_MODEL ? `${cleaned.slice(0, MAX_TEXT_FOR_MODEL)}\n[message truncated]` : cleaned;
  const messageId = mail.messageId ? (mail.messageId.startsWith("<") ? mail.messageId : `<${mail.messageId}>`) : null;
  const references = (Array.isArray(mail.references) ? mail.references : mail.references ? String(mail.references).split(/\s+/) : []).filter(Boolean);
  const headers = new Map<string, string>();
  for (const name of [
    "auto-submitted",
    "x-autoreply",
    "x-autorespond",
    "precedence",
    "list-id",
    "list-unsubscribe",
    "x-auto-response-suppress",
    "return-path",
    "content-type",
    "x-failed-recipients",
  ]) {
    const v = headerText(mail, name);
    if (v) headers.set(name, v);
  }
  const contentType = (headers.get("content-type") ?? "").toLowerCase();
  return {
    key: messageId ?? `sha256:${createHash("sha256").update(raw).digest("hex")}`,
    messageId,
    from,
    to: addresses(mail.to).map((x) => x.address),
    cc: addresses(mail.cc).map((x) => x.address),
    subject: (mail.subject ?? "").trim(),
    date: mail.date ?? null,
    inReplyTo: mail.inReplyTo ? (mail.inReplyTo.startsWith("<") ? mail.inReplyTo : `<${mail.inReplyTo}>`) : null,
    references: references.map((r) => (r.startsWith("<") ? r : `<${r}>`)),
    text,
    fullText,
    attachments: mail.attachments
      .filter((a) => a.contentDisposition === "attachment" || a.filename || !/^text\//.test(a.contentType))
      .map((a) => ({ filename: a.filename ?? "(unnamed)", contentType: a.contentType, size: a.size })),
    headers,
    contentType,
  };
}
