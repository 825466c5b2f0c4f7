import { findIntents } from "../../agent/offline/nlu/intents";
import { fold } from "../../agent/offline/nlu/text";

export type EscalationKind = "human" | "negotiation" | "legal" | "fair_housing" | "emergency";

export interface EscalationTrigger {
  kind: EscalationKind;
  reason: string;
}

const LEGAL =
  /\b(lawyer|attorney|legal (?:advice|action|question|rights)|sue|suing|lawsuit|(?:go|going|take (?:you|them|it|this)|taking (?:you|them)) to court|court (?:date|order|case)|small claims|evict(?:ion|ed|ing)?|breach of (?:the )?(?:lease|contract)|lease (?:clause|contract|agreement|addendum)|(?:break|terminate|cancel) (?:the|my) lease|early termination|contract terms|liabilit\w*|liable|tenant(?:'s)? rights|withhold(?:ing)? rent|rent control|is (?:that|this|it) legal|illegal)\b/;
const FAIR_HOUSING =
  /\b(discriminat\w*|fair housing|section 8|housing (?:choice )?voucher|hcv|reasonable accommodation|service (?:animal|dog)|emotional support (?:animal|dog|cat)|\besa\b|wheelchair|disabilit\w*|disabled|familial status|national origin|religion|religious|race|racist|because (?:i'?m|i am|we are|we'?re|of my|of our) (?:black|white|hispanic|latin[oa]|asian|muslim|jewish|christian|gay|lesbian|trans\w*|disabled|pregnant|a single (?:mom|dad|parent)|a woman|immigrant\w*|old|deaf|blind)|(?:no|don'?t (?:rent|allow)) (?:kids|children|families)|only rent to)\b/;
const EMERGENCY =
  /\b(gas (?:smell|leak)|smell(?:s|ing)? (?:of )?gas|smells like gas|rotten eggs?|(?:there'?s|there is|a|on|caught) fire|fire (?:in|on|at) (?:my|the|our)|smoke (?:is )?(?:coming|everywhere|pouring|in (?:my|the|our))|(?:smells? (?:like )?|a )burning|burning smell|sparks?|sparking|flood(?:ed|ing)?|water (?:is )?(?:pouring|gushing|everywhere|coming through)|burst pipe|pipe burst|carbon monoxide|co alarm (?:is )?(?:going off|beeping)|break[- ]?in|broke in|intruder)\b/;

/**
 * What the assistant must not handle alone. Checked on every message, whatever the model:
 * a request for a person, haggling over rent or terms, legal or lease-contract questions,
 * fair-housing or discrimination topics, and emergencies.
 */
export function escalationTrigger(text: string): EscalationTrigger | null {
  const t = fold(text);
  const i = findIntents(t);
  if (
    EMERGENCY.test(t) &&
    !/\b(fire ?place|fire pit|fire alarm|fire extinguisher|fire exit|fire escape|fire code|fire safety|sprinkler|smoke[- ]free|non[- ]?smoking|smoke detector|flood zone|flood insurance)\b/.test(
      t,
    )
  ) {
    return { kind: "emergency", reason: "Emergency described in chat" };
  }
  if (i.human) return { kind: "human", reason: "Asked to talk to a person" };
  if (FAIR_HOUSING.test(t)) return { kind: "fair_housing", reason: "Fair-housing or discrimination topic" };
  if (LEGAL.test(t)) return { kind: "legal", reason: "Legal or lease-contract question" };
  if (i.negotiate) return { kind: "negotiation", reason: "Negotiation of rent or terms" };
  return null;
}

/** Immediate safety guidance for an emergency, before anything else. */
export function safetyGuidance(text: string, emergencyPhone: string | null): string {
  const t = fold(text);
  const steps: string[] = [];
  if (/gas|rotten egg/.test(t))
    steps.push("If you smell gas, leave the building now without using switches, flames or your phone inside, then call 911 and the gas company from outside.");
  if (/fire|smoke|burning|spark/.test(t)) steps.push("If there is fire, smoke or sparking, get everyone out and call 911 right away.");
  if (/flood|water|pipe/.test(t)) steps.push("For flooding, stay away from wet outlets and appliances and, if it's safe, turn off the water main.");
  if (/carbon monoxide|co alarm/.test(t)) steps.push("If a carbon monoxide alarm is sounding, get outside into fresh air and call 911.");
  if (/break|intruder/.test(t)) steps.push("If you feel unsafe or someone may be inside, leave and call 911 first.");
  if (!steps.length) steps.push("If anyone is in danger, call 911 right away.");
  const contact = emergencyPhone ? ` Our emergency maintenance line is ${emergencyPhone}.` : "";
  return `${steps.join(" ")}${contact} I've alerted our team, and a person will reply here as soon as possible.`;
}
