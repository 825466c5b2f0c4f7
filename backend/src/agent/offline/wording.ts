import type { Persona } from "../persona";
import replies from "./replies.json";

/** The languages the offline model answers in. */
export type ReplyLanguage = "en" | "es";
/** A phrase of the phrasebook (replies.json): a text, or one per tone. */
export type PhraseKey = keyof typeof replies.en;
type Phrase = string | Record<Persona["tone"], string>;
const BOOK = replies as unknown as Record<ReplyLanguage, Record<string, Phrase | undefined>>;

/**
 * What the offline model says, in the person's language and the persona's tone. The texts are
 * data (replies.json, one set per language); a `{name}` in a text is filled from the values
 * given, or else from the phrase of that name ("{sorry}", "{per_month}").
 */
export class Wording {
  constructor(
    readonly persona: Persona,
    readonly language: ReplyLanguage = "en",
  ) {}

  say(key: PhraseKey, values: Record<string, string | number> = {}): string {
    return this.fill(this.phrase(key) ?? key, values);
  }

  /** A phrase that may be missing in this language ("reason_slot_unavailable"). */
  sayIfKnown(key: string, values: Record<string, string | number> = {}): string | undefined {
    const text = this.phrase(key);
    return text === undefined ? undefined : this.fill(text, values);
  }

  private phrase(key: string): string | undefined {
    const p = BOOK[this.language][key] ?? (this.language === "en" ? undefined : BOOK.en[key]);
    return p === undefined ? undefined : typeof p === "string" ? p : p[this.persona.tone];
  }

  private fill(text: string, values: Record<string, string | number>): string {
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      if (name in values) return String(values[name]);
      const nested = this.phrase(name);
      return nested === undefined ? whole : this.fill(nested, values);
    });
  }

  ack(): string {
    return this.say("ack");
  }

  thanks(name?: string): string {
    const first = name?.split(" ")[0];
    return first ? this.say("thanks_named", { first }) : this.say("thanks");
  }

  sorry(): string {
    return this.say("sorry");
  }

  /** The persona's own greeting; in another language, the phrasebook's with the persona's name. */
  greeting(): string {
    return this.language === "en" ? this.persona.greeting : this.say("greeting", { name: this.persona.name, company: this.persona.companyName });
  }

  capabilities(): string {
    return this.say("capabilities");
  }

  /** "a, b and c" / "a, b y c" */
  list(items: string[]): string {
    if (items.length <= 1) return items.join("");
    return `${items.slice(0, -1).join(", ")} ${this.say("and")} ${items[items.length - 1]}`;
  }

  /** "studio", "2-bedroom" / "estudio", "2 recámaras" */
  beds(n: number): string {
    return n === 0 ? this.say("studio") : n === 1 ? this.say("bedroom_one") : this.say("bedroom", { n });
  }
}

export function money(n: number): string {
  return `$${n.toLocaleString("en-US")}`;
}
