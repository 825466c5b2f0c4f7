import { franc } from "franc-min";
import words from "./language-words.json";

/** The languages the assistant answers in. */
export type Language = "en" | "es";

/** Languages told apart from English and Spanish, so that a French message is not read as either. */
const KNOWN: Record<string, string> = { eng: "en", spa: "es", fra: "fr", por: "pt", ita: "it", deu: "de" };
const COMMON: Record<Language, Set<string>> = { en: new Set(words.en), es: new Set(words.es) };
/** Below this length, character statistics say too little; common words decide instead. */
const STATISTICS_FROM = 40;

/**
 * The language of a message (ISO 639-1): by its common words when they clearly say English or
 * Spanish ("yes please book", "sí, por favor"), else by franc's statistics over a few likely
 * languages for a longer message, else by the one common word there is; with no evidence either
 * way ("ok", "3pm") it is `fallback`, the conversation's language.
 */
export function detectLanguage(text: string, fallback: string = "en"): string {
  const tokens = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  const en = tokens.filter((t) => COMMON.en.has(t)).length;
  const es = tokens.filter((t) => COMMON.es.has(t)).length;
  // Common words of English or Spanish, clearly more of one: that language.
  if (Math.abs(en - es) >= 2) return en > es ? "en" : "es";
  if (text.length >= STATISTICS_FROM) {
    const code = KNOWN[franc(text, { only: Object.keys(KNOWN), minLength: STATISTICS_FROM })];
    if (code) return code;
  }
  if (en !== es) return en > es ? "en" : "es";
  return fallback;
}

/** The language to answer in: English or Spanish (other languages get English). */
export function replyLanguage(language: string): Language {
  return language === "es" ? "es" : "en";
}
