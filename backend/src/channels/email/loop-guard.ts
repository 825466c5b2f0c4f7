import type { InboundEmail } from "./parse-email";

const anyOf = (phrases: readonly string[]) => `(?:${phrases.join("|")})`;

/** "I'm out of the office until Monday", after an optional greeting. */
const OUT_OF_OFFICE = new RegExp(
  `^(?:${anyOf(["hi", "hello", "thank you for your (?:e-?mail|message)"])}[^.\\n]{0,40}[.,!]?\\s*)?(?:i am|i'm) (?:currently )?` +
    anyOf(["out of (?:the )?office", "away from (?:the|my) (?:office|desk)", "on (?:vacation|leave|holiday|pto)", "travell?ing", "away"]) +
    `\\b[\\s\\S]*\\b${anyOf(["until", "returning", "return on", "back on", "back in the office", "limited access"])}\\b`,
  "i",
);

/** Words of offers and promotions. */
const MARKETING = new RegExp(
  `\\b${anyOf([
    "offer",
    "promo(?:tion)?",
    "discount",
    "seo",
    "marketing",
    "(?:more|qualified) leads",
    "click here",
    "buy now",
    "limited time",
    "free trial",
    "webinar",
    "demo",
    "(?:first )?(?:month|trial) free",
    "sign up",
    "subscribe now",
  ])}\\b`,
  "i",
);

/**
 * Why a message must not get a reply: auto-replies, bounces, bulk or list mail (a List-Unsubscribe
 * header from anyone but a resident or contact we know), no-reply senders, or our own address.
 * Null when replying is fine.
 */
export function noReplyReason(mail: InboundEmail, ourAddresses: readonly string[], o: { knownSender?: boolean } = {}): string | null {
  const h = mail.headers;
  const from = mail.from?.address ?? "";
  if (!from) return "no sender address";
  if (ourAddresses.some((a) => a.toLowerCase() === from)) return "sent from our own address";
  const auto = (h.get("auto-submitted") ?? "").toLowerCase();
  if (auto && auto !== "no") return `auto-submitted (${auto})`;
  if (h.has("x-autoreply") || h.has("x-autorespond")) return "auto-reply header";
  const precedence = (h.get("precedence") ?? "").toLowerCase();
  if (/\b(bulk|list|junk|auto_reply)\b/.test(precedence)) return `precedence: ${precedence}`;
  if (h.has("list-id")) return "mailing list";
  // Bulk senders must offer a one-click unsubscribe; a person writing to us does not.
  if (h.has("list-unsubscribe") && !o.knownSender) return "newsletter (List-Unsubscribe)";
  if (/^(mailer-daemon|postmaster|mail-daemon|bounce|bounces)@/i.test(from) || /mailer-daemon/i.test(mail.from?.name ?? "")) return "bounce";
  if (/multipart\/report/.test(mail.contentType) || h.has("x-failed-recipients")) return "delivery report";
  if (/^(no-?reply|do-?not-?reply|donotreply|noreply-[^@]*|notifications?)@/i.test(from)) return "no-reply sender";
  if (/^(auto(matic)? reply|out of (the )?office|autoreply|abwesenheit|undeliverable|delivery status notification|returned mail)\b/i.test(mail.subject))
    return "auto-reply subject";
  // An out-of-office note sent without the headers that say so.
  const opening = mail.text.trim().slice(0, 300);
  if (opening.length < 300 && OUT_OF_OFFICE.test(opening)) return "out-of-office note";
  // Marketing sent to the leasing inbox: an offer with an unsubscribe link.
  if (/\bunsubscribe\b/i.test(mail.fullText) && MARKETING.test(mail.fullText)) return "marketing mail";
  return null;
}
