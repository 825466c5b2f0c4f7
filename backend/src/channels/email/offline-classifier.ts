import { fold } from "../../agent/offline/nlu/text";
import type { Intent, Priority } from "../../domain/tickets/ticket";
import { ACTIONS, type Classification, type ClassifyInput, type Classifier } from "./classifier";

const LABEL: Record<Intent, string> = {
  locked_out: "Locked out",
  maintenance: "Maintenance",
  rent: "Rent",
  tour_request: "Tour request",
  general: "General enquiry",
};

const LOCKOUT =
  /\b(locked (?:myself |ourselves )?out|lock(?:ed)? (?:my|our)sel(?:f|ves) out|lost (?:my |our |the )?(?:keys?|key ?card|fob|key fob)|keys? (?:are |is )?(?:locked )?inside|left (?:my |the )?keys? (?:inside|in (?:the|my) (?:apartment|unit|flat))|can'?t get (?:in|inside|into)|cannot get (?:in|inside|into)|can'?t (?:get|open) (?:the|my) (?:door|front door)|key (?:broke|snapped|doesn'?t work|won'?t work|stopped working|won'?t turn)|fob (?:doesn'?t|won'?t|stopped) work\w*|stuck outside|locked out)\b/;

// Emergencies: flooding or an active leak, gas, fire or sparks, no heat in the cold, security.
const EMERGENCY: Array<[RegExp, string]> = [
  [/\b(gas (?:smell|leak)|smell(?:s|ing)? (?:of )?gas|smells like gas|rotten egg smell)\b/, "gas smell"],
  [/\b(fire|smoke (?:coming|pouring|everywhere|from)|burning smell|smells? (?:like )?burning|sparks?|sparking|arcing|outlet (?:is )?(?:smoking|melted|burnt|burned)|electrical (?:fire|burning|smell))\b/, "fire or electrical hazard"],
  [/\b(carbon monoxide|co (?:alarm|detector) (?:is )?(?:going off|beeping))\b/, "carbon monoxide alarm"],
  [/\b(flood(?:ed|ing)?|water (?:is )?(?:pouring|gushing|everywhere|coming (?:in|through|from|down|out)|leaking (?:through|from|into) (?:the )?(?:ceiling|light|wall)|spraying|rising)|burst (?:pipe|water)|pipe (?:has )?burst|ceiling (?:is )?(?:leaking|caving|collapsing|dripping|falling)|leak(?:ing)? (?:through|from) (?:the )?ceiling|active leak|sewage|sewer (?:backup|back-up|backing up)|toilet (?:is )?overflowing|overflow(?:ing)? (?:everywhere|onto))\b/, "flooding or active leak"],
  [/\b(break[- ]?in|broken into|burglar\w*|intruder|someone (?:tried|trying) to (?:get|break) in|(?:front |main |entry |building )?door (?:won'?t|doesn'?t|will not|does not|can'?t) (?:lock|close|latch)|lock (?:is )?broken|broken lock|window (?:is )?(?:smashed|broken)|security (?:issue|concern|problem))\b/, "security"],
];

const NO_HEAT = /\b(no heat|heat(?:ing|er)? (?:is )?(?:not working|out|broken|off|stopped|died|doesn'?t work|won'?t (?:turn|come) on)|furnace (?:is )?(?:out|broken|not working|died)|radiators? (?:are |is )?(?:cold|not working)|freezing in (?:here|the apartment|my unit)|no heating)\b/;
const COLD = /\b(cold|freezing|frozen|below (?:zero|freezing)|\d{1,2} ?degrees|winter|snow|ice|icy|shivering|kids? (?:are|is) cold)\b/;

const HIGH_REPAIR =
  /\b(no (?:hot water|water|power|electricity|ac|a\/c|air conditioning|cooling)|(?:ac|a\/c|air condition\w*|cooling) (?:is )?(?:out|broken|not working|stopped)|(?:fridge|refrigerator|freezer) (?:is )?(?:broken|not (?:working|cooling)|stopped|died|warm)|toilet (?:is )?(?:clogged|not flushing|broken|won'?t flush)|only toilet|leak\w*|drip\w* (?:from|through) the ceiling|mold|mould|water damage|(?:stove|oven) (?:is )?(?:broken|not working)|elevator (?:is )?(?:broken|stuck|out)|stuck in (?:the )?elevator|pests?|roach\w*|cockroach\w*|bed ?bugs|rats?|mice|mouse)\b/;
const REPAIR =
  /\b(broken|not working|doesn'?t work|won'?t (?:work|turn on|drain|flush|close|open|start)|stopped working|clogged|repair|fix|maintenance|dripping|drips|leaky|faucet|sink|toilet|shower|tub|drain|dishwasher|disposal|washer|dryer|outlet|light ?(?:bulb|fixture|switch)|switch|breaker|smoke detector|beeping|thermostat|window|blinds|door|cabinet|garage door|gate|intercom|buzzer|appliance|paint|crack|noise from|rattl\w*|squeak\w*|hole in)\b/;
const COSMETIC = /\b(paint|scuff|scratch|cosmetic|touch[- ]?up|light ?bulb|bulb (?:is )?out|blinds?|squeak\w*|minor|when(?:ever)? (?:you|someone) (?:get|has) a chance|no rush|not urgent|low priority)\b/;

const RENT =
  /\b(rent|payment|pay (?:my|the|rent)|paid|balance|late fee|ledger|receipt|invoice|autopay|auto-?pay|bounced|nsf|insufficient funds|returned (?:payment|check)|money order|portal|charge[sd]?|owe|past due|overdue|deposit refund|security deposit|payment plan|prorat\w*)\b/;
const RENT_PROBLEM = /\b(bounced|returned|declined|failed|nsf|insufficient funds|charged twice|double charged|overcharged|past due|eviction|late fee|can'?t pay|cannot pay|won'?t be able to pay|short (?:this|on rent))\b/;

const TOUR =
  /\b(tour|tours|showing|viewing|view (?:the|a|it|your)|see (?:the|a|it|your|this|that|one|unit|apartment|place|inside)|come (?:by|see|look|take a look)|stop by|visit|walk ?through|schedule (?:a|an)?\s*(?:time|visit|tour|appointment|showing)|book (?:a|an)?\s*(?:time|tour|visit|showing|appointment)|open house|interested in (?:renting|the|a|your|leasing)|is (?:the|it|unit|apartment) still available|still available|availability|apply|application for (?:the|a|your)|looking (?:to rent|for a|for an)|for rent|move[- ]in (?:date|special))\b/;

function firstSentence(text: string): string {
  const cleaned = text.replace(/\s+/g, " ").trim();
  const greetingless = cleaned.replace(/^(hi|hello|hey|dear|good (?:morning|afternoon|evening))\b[^,.!?\n]{0,40}[,.!]?\s*/i, "");
  const m = /^(.{12,160}?[.!?])(\s|$)/.exec(greetingless);
  const s = m ? m[1] : greetingless.slice(0, 140);
  return s.length >= 140 ? `${s.slice(0, 137)}…` : s;
}

/** Reads real tenant and prospect phrasing into an intent, a priority and a one-line summary. */
export function classifyOffline(input: ClassifyInput): Classification {
  const t = fold(`${input.subject}\n${input.text}`);
  let intent: Intent;
  let priority: Priority;
  let reason = "";

  const emergency = EMERGENCY.find(([re]) => re.test(t));
  const noHeat = NO_HEAT.test(t);
  const coldSeason = COLD.test(t) || [11, 12, 1, 2, 3].includes(input.month);
  const tour = TOUR.test(t);
  const tenantSpeak = input.sender.isTenant || /\b(my (?:unit|apartment|apt|place|lease|rent|landlord|kitchen|bathroom|bedroom|ceiling|door|toilet|sink|heater|shower)|i live|unit #?\d|apt\.? #?\d|tenant|resident)\b/.test(t);

  if (LOCKOUT.test(t) && !/\block ?box\b/.test(t)) {
    intent = "locked_out";
    priority = "urgent";
  } else if (emergency && (tenantSpeak || !tour)) {
    intent = "maintenance";
    priority = "urgent";
    reason = emergency[1];
  } else if (noHeat && (tenantSpeak || !tour)) {
    intent = "maintenance";
    priority = coldSeason ? "urgent" : "high";
    reason = "no heat";
  } else if (RENT.test(t) && (tenantSpeak || /\b(my|our) (?:rent|payment|balance|account)\b/.test(t)) && !tour) {
    intent = "rent";
    priority = RENT_PROBLEM.test(t) ? "high" : "normal";
  } else if ((HIGH_REPAIR.test(t) || REPAIR.test(t)) && tenantSpeak && !(tour && !input.sender.isTenant)) {
    intent = "maintenance";
    priority = HIGH_REPAIR.test(t) ? "high" : COSMETIC.test(t) ? "low" : "normal";
  } else if (tour) {
    intent = "tour_request";
    priority = "normal";
  } else if (RENT.test(t) && tenantSpeak) {
    intent = "rent";
    priority = "normal";
  } else {
    intent = "general";
    priority = /\b(urgent|asap|emergency|immediately)\b/.test(t) ? "high" : /^(thanks?|thank you|ok|got it)[.! ]*$/.test(fold(input.text).trim()) ? "low" : "normal";
  }

  const who = [input.sender.name || input.sender.email, input.sender.property ? `${input.sender.property}${input.sender.unit ? ` #${input.sender.unit}` : ""}` : ""].filter(Boolean).join(", ");
  const subjectOrText = firstSentence(input.text || input.subject) || input.subject || "(no text)";
  const summary = `${LABEL[intent]}${reason ? ` (${reason})` : ""} — ${who}: ${subjectOrText}`;
  return { intent, priority, summary: summary.slice(0, 240), actionRequired: ACTIONS[intent][priority === "urgent" ? "urgent" : "other"] };
}

export const offlineClassifier: Classifier = {
  name: "offline",
  classify: async (input) => classifyOffline(input),
};
