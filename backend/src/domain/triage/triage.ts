import guidance from "./guidance.json";

/** What a person must handle, not the assistant. */
export type EscalationKind = "emergency" | "human" | "negotiation" | "legal" | "fair_housing";
/** The kinds of emergency, each with its own safety guidance. */
export type EmergencyKind = "gas" | "fire" | "co" | "flood" | "trapped" | "security" | "power" | "no_heat";
export type TriageLanguage = "en" | "es";

/** Scores a sentence against the triage intents (trained from the triage corpus). */
export interface TriageClassifier {
  classify(text: string, language: TriageLanguage): Promise<Array<{ intent: string; score: number }>>;
}

export interface TriageResult {
  escalation: EscalationKind | null;
  /** Set for emergencies. */
  emergency: EmergencyKind | null;
  /** For staff: why the conversation was handed over. */
  reason: string | null;
}

const REASONS: Record<EscalationKind, string> = {
  emergency: "Emergency described",
  human: "Asked to talk to a person",
  negotiation: "Negotiation of rent or terms",
  legal: "Legal or lease-contract question",
  fair_housing: "Fair-housing or discrimination topic",
};

/**
 * An escalation intent counts when the kinds classifier names it first, with at least THRESHOLD,
 * and clearly ahead of the next reading (MARGIN): "is this a real person?" reads both as a
 * request for a person and as a question about the assistant, and asks for neither hand-off.
 */
const THRESHOLD = 0.5;
const MARGIN = 0.2;
/**
 * An emergency counts when two readings agree: the kinds classifier names an emergency first, and
 * the emergency gate (trained on emergencies against everything else people write: chat, mail,
 * repairs) leans the same way. One of the two must be sure: the kinds classifier (KIND_SURE) or
 * the gate (GATE_SURE). Each alone errs on the side it leans to; together they keep both missed
 * emergencies and false call-outs rare.
 */
const KIND_LEANS = 0.3;
const KIND_SURE = 0.9;
const GATE_LEANS = 0.5;
const GATE_SURE = 0.9;
/** And together they must add up to this. */
const AGREED = 1.6;

/** The sentences of a message (and the whole of a short one), each scored on its own. */
function sentencesOf(text: string): string[] {
  const parts = text
    .split(/(?<=[.!?¡¿;])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 1);
  return parts.length > 1 ? [text.trim(), ...parts] : [text.trim()];
}

/**
 * The one safety triage of the chat, the mail pipeline and the model path: emergencies, and what
 * else a person must handle (a request for a person, negotiation, legal and fair-housing
 * topics). Each sentence is scored by a classifier trained on the triage corpus; the most
 * pressing finding wins (an emergency over anything else).
 */
export class Triage {
  constructor(
    /** Scores the triage intents: `emergency.*`, `escalate.*` and what needs neither. */
    private readonly kinds: TriageClassifier,
    /** Scores `emergency` against `other`. */
    private readonly emergencyGate: TriageClassifier,
  ) {}

  /**
   * What a message needs. `names` are words that carry no meaning for the triage, such as the
   * listings' names ("Is the rent negotiable at Highland Row?"): they are read as "the place".
   */
  async assess(text: string, language: TriageLanguage, names: readonly string[] = []): Promise<TriageResult> {
    for (const name of names) if (name.length > 2) text = text.replace(new RegExp(`\\b${escapeRegExp(name)}\\b`, "gi"), "the place");
    let best: { kind: EscalationKind; emergency: EmergencyKind | null; score: number } | null = null;
    for (const sentence of sentencesOf(text).slice(0, 40)) {
      const [top, next] = await this.kinds.classify(sentence, language);
      const found = top ? readIntent(top.intent) : null;
      if (!top || !found) continue;
      const sure =
        found.kind === "emergency"
          ? this.emergencyAgreed(top.score, await this.gateScore(sentence, language))
          : top.score >= THRESHOLD && top.score - (next?.score ?? 0) >= MARGIN;
      if (!sure) continue;
      const rank = found.kind === "emergency" ? 2 : 1;
      const bestRank = best?.kind === "emergency" ? 2 : best ? 1 : 0;
      if (!best || rank > bestRank || (rank === bestRank && top.score > best.score)) best = { ...found, score: top.score };
    }
    if (!best) return { escalation: null, emergency: null, reason: null };
    return { escalation: best.kind, emergency: best.emergency, reason: REASONS[best.kind] };
  }

  /** The gate's probability that the sentence reports a danger to people or the building. */
  private async gateScore(sentence: string, language: TriageLanguage): Promise<number> {
    const scores = await this.emergencyGate.classify(sentence, language);
    return scores.find((s) => s.intent === "emergency")?.score ?? 0;
  }

  private emergencyAgreed(kind: number, gate: number): boolean {
    return kind >= KIND_LEANS && gate >= GATE_LEANS && (kind >= KIND_SURE || gate >= GATE_SURE) && kind + gate >= AGREED;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function readIntent(intent: string): { kind: EscalationKind; emergency: EmergencyKind | null } | null {
  const [group, name] = intent.split(".");
  if (group === "emergency") return { kind: "emergency", emergency: name as EmergencyKind };
  if (group === "escalate" && name in REASONS) return { kind: name as EscalationKind, emergency: null };
  return null;
}

/** Safety steps for an emergency, first, then the emergency line and that a person was alerted. */
export function safetyGuidance(kind: EmergencyKind | null, language: TriageLanguage, emergencyPhone: string | null): string {
  const g = guidance[language];
  const steps = kind ? g[kind] : g.default;
  const line = emergencyPhone ? ` ${g.line.replace("{phone}", emergencyPhone)}` : "";
  return `${steps}${line} ${g.alerted}`;
}
