import { findPhoneNumbersInText } from "libphonenumber-js";
import { normalizeEmail } from "../../../domain/users/contact-validation";
import { fold, titleCase } from "./text";

export interface ContactFinding {
  name?: string;
  email?: string;
  /** Something that was meant as an e-mail address but is not a valid one. */
  invalidEmail?: string;
  phone?: string;
  invalidPhone?: string;
  /** The text says a detail is a correction ("actually", "sorry", "I meant"). */
  correction: boolean;
  /** What is left once e-mail and phone are taken out (for reading a bare name). */
  rest: string;
}

const EMAIL_RE = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*(?:\.[A-Za-z]{2,})?/g;
const SPELLED_EMAIL_RE =
  /\b([a-z0-9._%+-]+(?:\s*(?:\(dot\)|\[dot\]| dot )\s*[a-z0-9_%+-]+)*)\s*(?:\(at\)|\[at\]| at )\s*([a-z0-9-]+(?:\s*(?:\.|\(dot\)|\[dot\]| dot )\s*[a-z0-9-]+)+)\b/i;

// Words that follow "I'm" / "I am" and are not names.
const NOT_NAME = new Set(
  (
    "a an the looking interested moving relocating trying hoping wondering searching interested ready free available here " +
    "not just also still so very really currently new good great fine ok okay sorry on in at from with about going coming " +
    "planning thinking calling writing emailing texting back glad happy excited curious open flexible busy home out away " +
    "done sure certain allergic single married retired student students renting buying leaving staying working a1 " +
    "able unable getting having bringing hoping needing wanting available tenant prospect please thanks thank hi hello hey " +
    "yes no yeah yep nope maybe okay alright fine perfect awesome cool agent person human bot robot there afraid over under " +
    "after before around near between by for if when what which who how why is are was be been my your his her our their " +
    "this that these those it its i me we you they them us dog cat pet pets studio bedroom bed beds apartment place unit " +
    "monday tuesday wednesday thursday friday saturday sunday today tomorrow tonight morning afternoon evening noon week weekend " +
    "january february march july september october november december works work book tour tours time times " +
    "slot slots option options one two three first second third last next other sounds good that fine cancel reschedule " +
    "move change call text email mail phone number cell mobile address downtown street avenue see visit view come " +
    "check show schedule reserve want need like lofts loft flats house apartments residences commons court terrace gardens row " +
    "block townhomes studios landing view cottages bungalows name name's names go ahead says said she he fine ok " +
    "spelled spelt actually oops typo sorry its it's correct correction wrong meant mean last first surname"
  ).split(" "),
);

function cleanName(raw: string): string | undefined {
  const name = raw
    .replace(/[.,!?;:]+$/g, "")
    .replace(/\s+/g, " ")
    .trim();
  const parts = name.split(" ");
  if (parts.length === 0 || parts.length > 4) return undefined;
  for (const p of parts) {
    if (!/^[\p{L}][\p{L}'-]*\.?$/u.test(p)) return undefined;
    if (NOT_NAME.has(p.toLowerCase())) return undefined;
  }
  return titleCase(name);
}

const STOP_AFTER =
  /^(and|but|from|with|at|email|e-mail|phone|number|cell|mobile|want|wanna|need|needs|would|like|to|see|tour|book|visit|can|could|please|pls|interested|looking|checking|moving|calling|writing|reaching|trying|hoping|i|i'm|im|my|me|we|just|also|and|or|so|if|who|that|here|there|today|tomorrow)$/i;

/** Name introductions: "my name is …", "I'm …", "this is …", "call me …", "name: …", "… here". */
const NAME_PATTERNS: RegExp[] = [
  /\b(?:my )?name(?:'s| is)\s+([\p{L}][\p{L}'.-]*(?:\s+[\p{L}][\p{L}'.-]*){0,3})/iu,
  /\bname\s*[:=-]\s*([\p{L}][\p{L}'.-]*(?:\s+[\p{L}][\p{L}'.-]*){0,3})/iu,
  /\b(?:i'm|i am|im|this is|it's|its|call me|you can call me)\s+([\p{L}][\p{L}'.-]*(?:\s+[\p{L}][\p{L}'.-]*){0,3})/iu,
  /^([\p{Lu}][\p{L}'.-]*(?:\s+[\p{Lu}][\p{L}'.-]*){0,2})\s+here\b/u,
];

function nameFrom(text: string): string | undefined {
  // "Name's O'Brien, Sean": surname first, then the given name.
  const lastFirst = /\b(?:my name(?:'s| is)|name\s*[:=-]|name's)\s+([\p{L}][\p{L}'-]+),\s*([\p{L}][\p{L}'-]+)\s*(?:[-–,(]|$)/iu.exec(text);
  if (lastFirst) {
    const name = cleanName(`${lastFirst[2]} ${lastFirst[1]}`);
    if (name) return name;
  }
  for (const re of NAME_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    // Stop the name at the first word that cannot be part of it ("I'm Jo and I need…").
    const tokens = m[1].split(/\s+/);
    const kept: string[] = [];
    for (const t of tokens) {
      const bare = t.replace(/[.,!?;:]+$/, "");
      if (NOT_NAME.has(bare.toLowerCase()) || STOP_AFTER.test(bare)) break;
      // "Dana Lee want…": a lower-case word after capitalised ones ends the name.
      if (kept.length && /^\p{Lu}/u.test(kept[0]) && /^\p{Ll}/u.test(bare)) break;
      kept.push(bare);
      if (bare !== t) break; // punctuation ends the name
    }
    const name = kept.length ? cleanName(kept.join(" ")) : undefined;
    if (name) return name;
  }
  return undefined;
}

/** A message that is nothing but a name ("Jo Tester"), as an answer to "what's your name?". */
export function bareName(rest: string): string | undefined {
  const t = rest
    .replace(/\b(?:my|name|is|it's|its|sure|ok|okay|yes|yeah|thanks|thank you|and|email|e-mail|phone|number|cell|mobile|is)\b/gi, " ")
    .replace(/[,;:!?()"]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!t || t.split(" ").length > 4) return undefined;
  return cleanName(t);
}

export function findContact(text: string): ContactFinding {
  let rest = text;
  const out: ContactFinding = { correction: /\b(actually|sorry|oops|i meant|correction|typo|wrong|instead|should be|not\s+\S+@)\b/i.test(text), rest: "" };

  const emailMatches = [...text.matchAll(EMAIL_RE)];
  const emails = emailMatches.map((m) => m[0].replace(/[.,;:]+$/, ""));
  let nearEmail: string | undefined;
  if (emailMatches.length) {
    // "…, Sam Ortiz sam.ortiz@gmail.com": the words right before an address are often the name.
    const lastEmail = emailMatches[emailMatches.length - 1];
    const segments = text.slice(0, lastEmail.index).split(/[,;:()[\]\n|/!?]|\.\s|\s[-–—]\s|\b(?:and|email|e-mail|is|at|my|it's|its|here's)\s*$/i);
    const before = [...segments].reverse().find((x) => x.trim()) ?? "";
    const tokens = before.trim().split(/\s+/).filter(Boolean).slice(-3);
    for (let k = tokens.length; k >= 2 && !nearEmail; k--) nearEmail = cleanName(tokens.slice(-k).join(" "));
    // "elle@gmail.com, Elle Dubois": or just after it, as a capitalised name closing the message.
    if (!nearEmail) {
      const after = /^[\s,;:-]*([\p{Lu}][\p{L}'-]+(?:\s+[\p{Lu}][\p{L}'-]+){1,2})\s*[.!]?\s*$/u.exec(text.slice(lastEmail.index! + lastEmail[0].length));
      if (after) nearEmail = cleanName(after[1]);
    }
  }
  if (emails.length) {
    // With several, the last one is the correction ("not a@x.com, it's b@x.com").
    const candidate = emails[emails.length - 1];
    const valid = normalizeEmail(candidate);
    if (valid) out.email = valid;
    else out.invalidEmail = candidate;
    for (const e of emails) rest = rest.replace(e, " ");
  } else {
    const spelled = SPELLED_EMAIL_RE.exec(text);
    // Said as words: with "email" nearby, or a familiar mail domain ("greg at hotmail dot com").
    if (
      spelled &&
      (/\b(?:email|e-mail|mail|address|reach me)\b/i.test(text) ||
        /^(?:gmail|hotmail|yahoo|outlook|icloud|aol|proton(?:mail)?|live|msn|me)\b/i.test(spelled[2]))
    ) {
      const dots = (x: string) => x.replace(/\s*(?:\.|\(dot\)|\[dot\]| dot )\s*/gi, ".");
      const email = `${dots(spelled[1])}@${dots(spelled[2])}`;
      const valid = normalizeEmail(email);
      if (valid) out.email = valid;
      rest = rest.replace(spelled[0], " ");
    }
  }

  // "0039 …" is how an international number is dialled from much of the world.
  rest = rest.replace(/(^|[\s:(])00(?=[1-9]\d)/g, "$1+");
  const phones = findPhoneNumbersInText(rest, "US");
  if (phones.length) {
    out.phone = phones[phones.length - 1].number.number as string;
    for (const p of [...phones].reverse()) rest = `${rest.slice(0, p.startsAt)} ${rest.slice(p.endsAt)}`;
  } else {
    const m = /\b(?:phone|cell|mobile|number|tel|call me at|text me at|reach me at)\b[^0-9+]{0,12}(\+?[\d][\d ().-]{5,}\d)/i.exec(rest);
    if (m) out.invalidPhone = m[1].trim();
  }

  out.name = nameFrom(rest) ?? nearEmail;
  out.rest = rest.replace(/\s+/g, " ").trim();
  return out;
}

/** True when the text gives any contact detail, valid or not. */
export { fold };
