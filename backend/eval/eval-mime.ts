/** An e-mail of the evaluation set, and the raw message (RFC 5322, MIME) that it stands for. */
export interface EvalMail {
  id: string;
  lang: string;
  category: string;
  from: string;
  subject: string;
  text?: string;
  html?: string;
  charset?: string;
  headers?: Record<string, string>;
  expect: { intent: string; priority: string; emergency: boolean; reply: boolean; replyLanguage?: string };
}

const wrap = (b64: string) => b64.replace(/.{1,76}/g, "$&\r\n");

/** A base64 body part in `charset` (UTF-8 unless the set says otherwise). */
function part(contentType: string, body: string, charset: string): string {
  const bytes = charset.toLowerCase() === "utf-8" ? Buffer.from(body, "utf8") : Buffer.from(body, "latin1");
  return `Content-Type: ${contentType}; charset=${charset}\r\nContent-Transfer-Encoding: base64\r\n\r\n${wrap(bytes.toString("base64"))}`;
}

export function mimeOf(m: EvalMail): Buffer {
  const charset = m.charset ?? "utf-8";
  const headers = [
    `From: ${m.from}`,
    "To: Leasing Assistant <leasing@localhost>",
    `Subject: =?utf-8?B?${Buffer.from(m.subject, "utf8").toString("base64")}?=`,
    `Message-ID: <${m.id}@eval.example>`,
    "Date: Mon, 23 Nov 2026 13:30:00 +0000",
    "MIME-Version: 1.0",
    ...Object.entries(m.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  let body: string;
  if (m.text !== undefined && m.html !== undefined) {
    const boundary = `alt-${m.id}`;
    headers.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
    body = `--${boundary}\r\n${part("text/plain", m.text, charset)}--${boundary}\r\n${part("text/html", m.html, charset)}--${boundary}--\r\n`;
    return Buffer.from(`${headers.join("\r\n")}\r\n\r\n${body}`, "latin1");
  }
  const single = m.html !== undefined ? part("text/html", m.html, charset) : part("text/plain", m.text ?? "", charset);
  return Buffer.from(`${headers.join("\r\n")}\r\n${single}`, "latin1");
}
