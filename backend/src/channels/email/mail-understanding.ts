import type { Intent, Priority } from "../../domain/tickets/ticket";
import type { EmergencyKind, Triage } from "../../domain/triage/triage";
import type { Corpus, IntentClassifier, IntentScore } from "../../nlu/intent-classifier";
import { detectLanguage, type Language, replyLanguage } from "../../nlu/language";
import { ACTIONS, type Classification, type ClassifyInput } from "./classifier";
import lexicon from "./mail-lexicon.json";

const LABEL: Record<Intent, string> = {
  locked_out: "Locked out",
  maintenance: "Maintenance",
  rent: "Rent",
  tour_request: "Tour request",
  general: "General enquiry",
};

const EMERGENCY_LABEL: Record<EmergencyKind, string> = {
  gas: "gas smell",
  fire: "fire or electrical hazard",
  co: "carbon monoxide alarm",
  flood: "flooding or active leak",
  trapped: "someone trapped",
  security: "security",
  power: "power out",
  no_heat: "no heat",
};

const INTENTS: readonly Intent[] = ["locked_out", "maintenance", "rent", "tour_request", "general"];
const PRIORITIES: readonly Priority[] = ["urgent", "high", "normal", "low"];

/** A sentence counts for an intent when the classifier's activation for it reaches this (about 1 for a close match). */
const SENTENCE_THRESHOLD = 0.6;
/** A sentence's urgency counts from this activation. */
const PRIORITY_THRESHOLD = 0.7;
/** A follow-up cue counts from this activation. */
const FOLLOW_UP_THRESHOLD = 0.5;
/** The whole mail's reading counts as this many sentences. */
const DOCUMENT_WEIGHT = 2;
/** The subject and the first sentences say what a mail is mainly about; later ones weigh less. */
const LEAD_SENTENCES = 3;
const LATER_WEIGHT = 0.6;

/** What the mail understanding knows of a message, beyond the ticket's classification. */
export interface MailReading extends Classification {
  language: Language;
  emergency: EmergencyKind | null;
  /** Other matters the mail raises besides the main one, to acknowledge in the reply. */
  asides: Intent[];
}

/** The trained classifiers the mail understanding uses. */
export interface MailClassifiers {
  /** Intents of mail sentences (`locked_out` … `general`) and their priorities (`priority.*`). */
  mail: IntentClassifier;
  /** Replies in a thread: the problem is over, a chaser, a reply about a tour, or something new. */
  followUp: IntentClassifier;
}

/** A whole labelled mail, taught as it is (subject and text) alongside the sentence examples. */
export interface MailDocument {
  subject: string;
  text: string;
  intent: string;
  priority: string;
}

/**
 * The training sets of the mail classifiers for one language: intents (`locked_out` … `general`)
 * and priorities (`priority.*`) from the sentence corpus, and every labelled mail in both.
 */
export function mailTrainingSets(corpus: Corpus, documents: readonly MailDocument[] = []): { intents: Corpus; priorities: Corpus } {
  const intents: Corpus = {};
  const priorities: Corpus = {};
  for (const [name, examples] of Object.entries(corpus)) {
    if (name.startsWith("priority.")) priorities[name] = [...examples];
    else intents[name] = [...examples];
  }
  for (const d of documents) {
    const text = documentText(d.subject, d.text);
    intents[d.intent] = [...(intents[d.intent] ?? []), text];
    priorities[`priority.${d.priority}`] = [...(priorities[`priority.${d.priority}`] ?? []), text];
  }
  return { intents, priorities };
}

/** What of a mail the classifiers read as a whole: the subject and the start of the text. */
function documentText(subject: string, text: string): string {
  return `${bareSubject(subject)}\n${withoutSignature(text)}`.slice(0, 800);
}

const isReplySubject = (subject: string) => /^\s*(?:re|aw|sv|antw|rv)\s*:/i.test(subject);
const bareSubject = (subject: string) => subject.replace(/^\s*(?:(?:re|fwd?|aw|sv|tr|rv)\s*:\s*)+/i, "").trim();

/** The sender's words without the signature block under a closing line ("Thanks,", "Saludos, Ana"). */
export function withoutSignature(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  for (let i = lines.length - 1; i > 0; i--) {
    const line = lines[i]
      .trim()
      .toLowerCase()
      .replace(/[,.!]+$/, "");
    const closing = lexicon.closings.find((c) => line === c || line.startsWith(`${c} `) || line.startsWith(`${c},`));
    if (closing && line.split(/\s+/).length <= closing.split(/\s+/).length + 3 && lines.length - i <= 8) return lines.slice(0, i).join("\n");
  }
  return text;
}

/** The sentences of a text, greetings at the start set apart. */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\s*\n\s*/g, "\n")
    .split(/(?<=[.!?¡¿])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 1 && !isGreeting(s));
}

function isGreeting(sentence: string): boolean {
  const s = sentence.toLowerCase().replace(/[,.!:;-]+$/, "");
  return lexicon.greetings.some((g) => s === g || (s.startsWith(`${g} `) && s.split(/\s+/).length <= g.split(/\s+/).length + 2));
}

const top = (scores: IntentScore[]) => scores[0] ?? { intent: "None", score: 0 };

/**
 * Reads an e-mail the way a leasing office would: what it is mainly about (the subject and the
 * opening sentences weigh most, so a passing aside does not take over), how pressing it is, any
 * emergency (from the shared triage), and the other matters it raises. Built on classifiers
 * trained from example corpora in English and Spanish.
 */
export class MailUnderstanding {
  readonly name = "offline";

  private constructor(
    private readonly mailIntents: IntentClassifier,
    private readonly mailPriorities: IntentClassifier,
    private readonly followUps: IntentClassifier,
    private readonly triage: Triage,
  ) {}

  static create(c: { intents: IntentClassifier; priorities: IntentClassifier; followUps: IntentClassifier; triage: Triage }): MailUnderstanding {
    return new MailUnderstanding(c.intents, c.priorities, c.followUps, c.triage);
  }

  async classify(input: ClassifyInput): Promise<MailReading> {
    const body = withoutSignature(input.text);
    const language = replyLanguage(detectLanguage(`${bareSubject(input.subject)}\n${body}`));
    // A reply's subject names the thread's first topic: its own words decide, unless it says little.
    const subject = isReplySubject(input.subject) && body.trim().split(/\s+/).length > 6 ? "" : bareSubject(input.subject);
    const sentences = [...(subject ? [subject] : []), ...sentencesOf(body)].slice(0, 40);
    const scored = await Promise.all(
      sentences.map(async (text, i) => ({
        text,
        weight: i < LEAD_SENTENCES + (subject ? 1 : 0) ? 1 : LATER_WEIGHT,
        intent: top(await this.mailIntents.classify(text, language)),
        closing: await this.closes(text, language),
      })),
    );
    const reporting = scored.filter((s) => !s.closing);
    // Thanks, or word that a problem is over, and nothing else that reads as a matter: a note to
    // acknowledge, nothing to act on.
    const says = reporting.some((s) => s.intent.score >= SENTENCE_THRESHOLD);
    if (!says && reporting.length < scored.length) return this.note(input, language, sentences[0]);
    const votes = new Map<Intent, number>();
    const vote = (intent: string, weight: number) => {
      if (INTENTS.includes(intent as Intent)) votes.set(intent as Intent, (votes.get(intent as Intent) ?? 0) + weight);
    };
    // The mail as a whole, then each sentence that reports something: the opening ones weigh most.
    if (reporting.length) {
      const [whole] = await this.mailIntents.classify(documentText(subject, reporting.map((r) => r.text).join("\n")), language);
      if (whole && whole.score >= SENTENCE_THRESHOLD) vote(whole.intent, whole.score * DOCUMENT_WEIGHT);
    }
    for (const s of reporting) if (s.intent.score >= SENTENCE_THRESHOLD) vote(s.intent.intent, s.intent.score * s.weight);
    const found = await this.triage.assess(reporting.map((s) => s.text).join("\n"), language);
    const emergency = found.escalation === "emergency" ? found.emergency : null;
    const ranked = [...votes].sort((a, b) => b[1] - a[1]);
    let intent: Intent = ranked[0]?.[0] ?? "general";
    // An emergency is work for maintenance (gas, fire, a flood, a forced door), except someone
    // shut behind a door that the mail reads as a lock-out (a baby inside, the parent outside).
    if (emergency && !(emergency === "trapped" && intent === "locked_out")) intent = "maintenance";
    const priority =
      emergency || intent === "locked_out"
        ? "urgent"
        : await this.priorityOf(
            documentText(subject, reporting.map((r) => r.text).join("\n")),
            reporting.filter((s) => s.intent.intent === intent),
            language,
          );
    const asides = ranked.map(([i]) => i).filter((i) => i !== intent && i !== "general");
    const key = reporting.filter((s) => s.intent.intent === intent).sort((a, b) => b.intent.score - a.intent.score)[0]?.text ?? sentences[0] ?? "(no text)";
    const who = [
      input.sender.name || input.sender.email,
      input.sender.property ? `${input.sender.property}${input.sender.unit ? ` #${input.sender.unit}` : ""}` : "",
    ]
      .filter(Boolean)
      .join(", ");
    const label = `${LABEL[intent]}${emergency ? ` (${EMERGENCY_LABEL[emergency]})` : ""}`;
    const summary = `${label} — ${who}: ${key.length > 140 ? `${key.slice(0, 137)}…` : key}`.slice(0, 240);
    return { intent, priority, summary, actionRequired: ACTIONS[intent][priority === "urgent" ? "urgent" : "other"], language, emergency, asides };
  }

  /** The sentence says the problem is over ("all fixed now", "the locksmith let me in"), or only thanks. */
  private async closes(sentence: string, language: Language): Promise<"over" | "thanks" | null> {
    const t = top(await this.followUps.classify(sentence, language));
    if (t.score < FOLLOW_UP_THRESHOLD) return null;
    return t.intent === "followup.resolved" ? "over" : t.intent === "followup.gratitude" ? "thanks" : null;
  }

  /** The sentence says the problem is over. */
  private async saysOver(sentence: string, language: Language): Promise<boolean> {
    return (await this.closes(sentence, language)) === "over";
  }

  /** A note of thanks, or that a problem is over: general and low, for a reply that acknowledges it. */
  private note(input: ClassifyInput, language: Language, first: string | undefined): MailReading {
    const who = input.sender.name || input.sender.email;
    const summary = `${LABEL.general} — ${who}: ${(first ?? "(no text)").slice(0, 140)}`.slice(0, 240);
    return { intent: "general", priority: "low", summary, actionRequired: ACTIONS.general.other, language, emergency: null, asides: [] };
  }

  /** How pressing the main matter is, by the mail as a whole and the sentences about it. */
  private async priorityOf(whole: string, sentences: Array<{ text: string }>, language: Language): Promise<Priority> {
    const totals = new Map<Priority, number>();
    const add = (scores: IntentScore[], weight: number) => {
      const [c] = scores;
      const p = c?.intent.replace(/^priority\./, "") as Priority;
      if (c && c.score >= PRIORITY_THRESHOLD && PRIORITIES.includes(p)) totals.set(p, (totals.get(p) ?? 0) + c.score * weight);
    };
    // The mail as a whole, and each sentence about its main matter.
    add(await this.mailPriorities.classify(whole, language), DOCUMENT_WEIGHT);
    for (const s of sentences) add(await this.mailPriorities.classify(s.text, language), 1);
    const best = [...totals].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "normal";
    // Urgent is for emergencies and lock-outs, decided before this.
    return best === "urgent" ? "high" : best;
  }

  /**
   * The emergency a mail describes, by the shared triage, whatever read the rest of it. A reply's
   * subject ("Re: Gas smell") speaks for the thread, not for this message, unless it says little.
   */
  async emergencyIn(subject: string, text: string): Promise<EmergencyKind | null> {
    const body = withoutSignature(text);
    const own = isReplySubject(subject) && body.trim().split(/\s+/).length > 6 ? "" : bareSubject(subject);
    const language = replyLanguage(detectLanguage(`${own}\n${body}`));
    const reporting: string[] = [];
    for (const s of [own, ...sentencesOf(body)].filter(Boolean)) if (!(await this.saysOver(s, language))) reporting.push(s);
    const found = await this.triage.assess(reporting.join("\n"), language);
    return found.escalation === "emergency" ? found.emergency : null;
  }

  /** What a reply in a thread mostly does: says the problem is over, chases, carries on a tour, or raises something. */
  async followUpOf(text: string): Promise<"resolved" | "chaser" | "tour" | "gratitude" | "other"> {
    const body = withoutSignature(text).trim();
    if (!body) return "chaser";
    const language = replyLanguage(detectLanguage(body));
    const sentences = sentencesOf(body).slice(0, 12);
    const kinds = await Promise.all(
      sentences.map(async (s) => {
        const t = top(await this.followUps.classify(s, language));
        return t.score >= FOLLOW_UP_THRESHOLD ? t.intent : "unclear";
      }),
    );
    const count = (k: string) => kinds.filter((x) => x === k).length;
    if (count("followup.resolved") && !count("followup.none")) return "resolved";
    if (count("followup.tour") >= Math.max(1, count("followup.none"))) return "tour";
    if (count("followup.chaser") && !count("followup.none")) return "chaser";
    if (count("followup.gratitude") && kinds.every((k) => k === "followup.gratitude" || k === "unclear")) return "gratitude";
    return "other";
  }

  /** The sentences of a mail that ask to see a listing, when the mail is mainly about something else. */
  async tourRequestPart(text: string): Promise<string | undefined> {
    const language = replyLanguage(detectLanguage(text));
    const asks: string[] = [];
    for (const s of sentencesOf(withoutSignature(text))) {
      const t = top(await this.mailIntents.classify(s, language));
      if (t.intent === "tour_request" && t.score >= SENTENCE_THRESHOLD) asks.push(s);
    }
    return asks.length ? asks.join(" ") : undefined;
  }

  /** What a tour request says besides the tour: a repair, a lock-out or a resident's rent matter. */
  async otherThanTour(input: ClassifyInput): Promise<MailReading | undefined> {
    const tour = await this.tourRequestPart(input.text);
    if (!tour) return undefined;
    const rest = sentencesOf(withoutSignature(input.text))
      .filter((s) => !tour.includes(s))
      .join(" ");
    if (!rest.trim()) return undefined;
    const c = await this.classify({ ...input, subject: "", text: rest });
    const matters = c.intent === "maintenance" || c.intent === "locked_out" || (c.intent === "rent" && input.sender.isTenant);
    if (!matters) return undefined;
    // Some sentence of the rest must itself be about that matter, not only the rest as a whole.
    const language = replyLanguage(detectLanguage(rest));
    for (const sentence of sentencesOf(rest)) {
      const t = top(await this.mailIntents.classify(sentence, language));
      if (t.intent === c.intent && t.score >= SENTENCE_THRESHOLD) return c;
    }
    return undefined;
  }
}
