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
  /\b(lock ?out|locks? (?:me|us) out|locked me out|(?:door|lock) (?:is )?(?:not opening|won'?t open|doesn'?t open|will not open|not unlocking|won'?t unlock)|key (?:is )?(?:not working|won'?t turn|doesn'?t turn|stuck|broken)|(?:fob|key ?card|access card) (?:was |got |has been )?(?:deactivated|disabled|not working|stopped working|doesn'?t work)|keys? (?:are|is) (?:on|in) (?:the|my) (?:kitchen|counter|table|apartment|unit|car)|(?:sitting|standing|waiting|stuck) (?:on the stairs |in the hall(?:way)? )?outside (?:my|the|unit|apt|\d)|locked (?:myself |ourselves )?out|lock(?:ed)? (?:my|our)sel(?:f|ves) out|lost (?:my |our |the )?(?:keys?|key ?card|fob|key fob)|keys? (?:are |is )?(?:locked )?inside|left (?:my |the )?keys? (?:inside|in (?:the|my) (?:apartment|unit|flat))|can'?t get (?:in|inside|into)|cannot get (?:in|inside|into)|can'?t (?:get|open) (?:the|my) (?:door|front door)|key (?:broke|snapped|doesn'?t work|won'?t work|stopped working|won'?t turn)|fob (?:doesn'?t|won'?t|stopped) work\w*|stuck outside|locked out)\b/;

// Emergencies: flooding or an active leak, gas, fire or sparks, no heat in the cold, security.
const EMERGENCY: Array<[RegExp, string]> = [
  [/\b(gas (?:smell|leak)|smell(?:s|ing)? (?:of )?gas|smells like gas|rotten eggs?|sulfur smell|smells? like sulfur)\b/, "gas smell"],
  [/\b(fire|(?<!cigarette |cigar |weed |pot |vape )smoke (?:coming out|pouring|everywhere|from the (?:outlet|wall|panel|stove|oven|dryer))|burning smell|smells? (?:like )?(?:burning|melting plastic)|sparks?|sparking|arcing|(?:outlet|panel|breaker box|switch) (?:is )?(?:smoking|melted|burnt|burned|hot to the touch|too hot)|electrical (?:fire|burning|smell)|burner (?:won'?t|will not|doesn'?t) (?:turn|shut) off|stove (?:won'?t|will not) (?:turn|shut) off)\b/, "fire or electrical hazard"],
  [/\b(carbon monoxide|co (?:alarm|detector) (?:is )?(?:going off|beeping))\b/, "carbon monoxide alarm"],
  [/\b(flood(?:ed|ing)?|inch(?:es)? of water|water (?:is )?(?:spreading|all over the floor)|leaking all over|water (?:dripping|coming|leaking) (?:out of|from|through) (?:the |my )?(?:light|ceiling|fixture|outlet)|water (?:is )?(?:pouring|gushing|everywhere|coming (?:in|through|from|down|out)|leaking (?:through|from|into) (?:the )?(?:ceiling|light|wall)|spraying|rising)|burst (?:pipe|water)|pipe (?:has )?burst|ceiling (?:is )?(?:leaking|caving|collapsing|dripping|falling)|leak(?:ing)? (?:through|from) (?:the )?ceiling|active leak|sewage|sewer (?:backup|back-up|backing up)|toilet (?:is )?overflowing|overflow(?:ing)? (?:everywhere|onto))\b/, "flooding or active leak"],
  [/\b(break[- ]?in|broke in|broken into|burglar\w*|intruder|someone (?:tried|trying) to (?:get|break) in|(?:front |main |entry |building )?door (?:won'?t|doesn'?t|will not|does not|can'?t) (?:lock|close|latch)|lock (?:is )?broken|broken lock|window (?:is )?(?:smashed|broken)|security (?:issue|concern|problem))\b/, "security"],
];

// Complaints about neighbours are for the office, not maintenance.
const NEIGHBOUR = /\b(neighbou?rs?|upstairs|downstairs|next door|the unit (?:above|below|next to)|people (?:in|above|below))\b[^.]{0,120}\b(noise|noisy|loud|parties|party|music|bark\w*|smok\w*|yelling|stomping|complain\w*)\b|\b(noise|loud music|parties|barking|smoking)\b[^.]{0,80}\b(neighbou?rs?|upstairs|next door|unit (?:above|below|next))\b/;

const NO_HEAT = /\b(no heat|heat(?:ing|er)? (?:is )?(?:not working|out|broken|off|stopped|died|doesn'?t work|won'?t (?:turn|come) on)|furnace (?:is )?(?:out|broken|not working|died)|radiators? (?:are |is )?(?:cold|not working)|freezing in (?:here|the apartment|my unit)|no heating)\b/;
const COLD = /\b(cold|freezing|frozen|below (?:zero|freezing)|\d{1,2} ?degrees|winter|snow|ice|icy|shivering|kids? (?:are|is) cold)\b/;

const HIGH_REPAIR =
  /\b((?:haven'?t|have not|don'?t|do not|no longer) (?:had |have |get |got )?(?:any )?hot water|hot water (?:is )?(?:out|gone|not working)|(?:fridge|refrigerator|freezer) (?:stopped|died|isn'?t|is not|not) (?:cooling|working|cold)|everything (?:in (?:there|the fridge) )?is warm|(?:ac|a\/c|air conditioning|air conditioner) (?:is )?(?:still )?(?:out|broken|not working|dead)|droppings|bites|bed ?bugs?|(?:burners?|oven|stove)[^.]{0,40}(?:don'?t|doesn'?t|won'?t|not) (?:turn on|work|heat)|no (?:hot water|water|power|electricity|ac|a\/c|air conditioning|cooling)|(?:ac|a\/c|air condition\w*|cooling) (?:is )?(?:out|broken|not working|stopped)|(?:fridge|refrigerator|freezer) (?:is )?(?:broken|not (?:working|cooling)|stopped|died|warm)|toilet (?:is )?(?:clogged|not flushing|broken|won'?t flush)|only toilet|leak\w*|drip\w* (?:from|through) the ceiling|mold|mould|water damage|(?:stove|oven) (?:is )?(?:broken|not working)|elevator (?:is )?(?:broken|stuck|out)|stuck in (?:the )?elevator|pests?|roach\w*|cockroach\w*|bed ?bugs|rats?|mice|mouse)\b/;
const REPAIR =
  /\b(hums|humming|banging|clanking|gap|crooked|loose|peeling|caulk|radiator|chirp\w*|ate my (?:quarters|money)|won'?t start|not draining|isn'?t draining|broken|not working|doesn'?t work|won'?t (?:work|turn on|drain|flush|close|open|start)|stopped working|clogged|repair|fix|maintenance|dripping|drips|leaky|faucet|sink|toilet|shower|tub|drain|dishwasher|disposal|washer|dryer|outlet|light ?(?:bulb|fixture|switch)|switch|breaker|smoke detector|beeping|thermostat|window|blinds|door|cabinet|garage door|gate|intercom|buzzer|appliance|paint|crack|noise from|rattl\w*|squeak\w*|hole in)\b/;
const COSMETIC = /\b(no rush|not urgent|whenever (?:you|someone)(?: guys)? (?:get|has|have) a (?:chance|minute)|totally cosmetic|paint|scuff|scratch|cosmetic|touch[- ]?up|light ?bulb|bulb (?:is )?out|blinds?|squeak\w*|minor|when(?:ever)? (?:you|someone) (?:get|has) a chance|no rush|not urgent|low priority)\b/;

const RENT =
  /\b(autopay|auto-?pay|money order|receipt|prorat\w*|late fee|deposit refund|security deposit|charged twice|double charged|withdrawals?|rent|payment|pay (?:my|the|rent)|paid|balance|late fee|ledger|receipt|invoice|autopay|auto-?pay|bounced|nsf|insufficient funds|returned (?:payment|check)|money order|portal|charge[sd]?|owe|past due|overdue|deposit refund|security deposit|payment plan|prorat\w*)\b/;
const RENT_PROBLEM = /\b(didn'?t go through|did not go through|rejected|bounced|returned|declined|failed|nsf|insufficient funds|charged twice|double charged|overcharged|past due|eviction|late fee|can'?t pay|cannot pay|won'?t be able to pay|short (?:this|on rent))\b/;

const TOUR =
  /\b(tour|tours|showing|viewing|view (?:the|a|it|your) (?:unit|apartment|place|home|property|loft|studio|\d)|see (?:the|a|an|it|your|this|that|one) ?(?:\d ?(?:bed|br)\w*|studio|unit|apartment|place|loft|home|listing|property|available|in person)|see (?:it|one|inside)\b|come (?:by|see|look|take a look)|stop by|visit|walk ?through(?! inspection)|schedule (?:a|an)?\s*(?:time|visit|tour|appointment|showing)|book (?:a|an)?\s*(?:time|tour|visit|showing|appointment)|open house|interested in (?:renting|the|a|your|leasing)|is (?:the|it|unit|apartment) still available|still available|availability|apply|application for (?:the|a|your)|looking (?:to rent|for a|for an)|(?:apartment|unit|place|home|house|studio|loft|room|condo)s? for rent|move[- ]in (?:date|special))\b/;

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
  const tenantSpeak =
    input.sender.isTenant ||
    /\b((?:my|our) (?:unit|apartment|apt|place|home|lease|rent|landlord|kitchen|bathroom|bedroom|living room|ceiling|door|toilet|sink|heater|shower|fridge|stove|oven|dishwasher|window|floor|building|portal|balance|account|autopay|payment)|i live|we live|(?:unit|apt|apartment|suite|#)\.? ?#?[a-z]?-?\d+[a-z]?|\b\d{1,4}[a-z]\b|building [a-z]\b|tenant|resident|work order|maintenance request)\b/.test(t);
  const gratitude = /^(?:hi[^a-z]{0,3}|hello[^a-z]{0,3})?(?:just (?:wanted|want) to (?:say|give)|thank you|thanks(?: so much)?(?: to| for)|love the|kudos|shout ?out|huge thanks|big thank you)/.test(fold(input.text).trim());
  const noRush = /\b(no rush|not in (?:any|a) rush|no hurry|not urgent|whenever|at some point|sometime|next year|next spring|next summer|next fall|in a few months|fyi|no action needed|just (?:a heads up|letting (?:you|the office) know))\b/.test(t);

  if (gratitude && !LOCKOUT.test(t) && !EMERGENCY.some(([re]) => re.test(t))) {
    intent = RENT.test(t) && /\brent\b/.test(t) ? "rent" : "general";
    priority = "low";
  } else if (LOCKOUT.test(t) && !/\block ?box\b/.test(t) && !(/\b(?:gym|pool|mailbox|amenity|fitness|laundry room|package room)\b/.test(t) && !/\b(?:my |our |the )?(?:apartment|unit|home|place|front door)\b/.test(t))) {
    intent = "locked_out";
    priority = "urgent";
  } else if (NEIGHBOUR.test(t) && !emergency) {
    intent = "general";
    priority = "normal";
  } else if (emergency && (tenantSpeak || !tour)) {
    intent = "maintenance";
    priority = "urgent";
    reason = emergency[1];
  } else if (noHeat && (tenantSpeak || !tour)) {
    intent = "maintenance";
    priority = coldSeason ? "urgent" : "high";
    reason = "no heat";
  } else if (RENT.test(t) && (tenantSpeak || /\b(?:my|our|the) (?:rent|payment|balance|account|autopay|deposit)\b|\bpay(?:ing)? (?:the |my )?rent\b/.test(t)) && !tour && !/\b(?:move[- ]out|moving out) (?:notice|process|date)\b/.test(t)) {
    intent = "rent";
    priority = RENT_PROBLEM.test(t) && !/\b(?:was |were )?(?:charged|fee)\b.*\bmistake\b/.test(t) ? "high" : noRush ? "low" : "normal";
  } else if ((HIGH_REPAIR.test(t) || REPAIR.test(t)) && (tenantSpeak || !tour) && !(tour && !input.sender.isTenant && !tenantSpeak)) {
    intent = "maintenance";
    priority = HIGH_REPAIR.test(t) ? "high" : COSMETIC.test(t) || noRush ? "low" : "normal";
  } else if (tour) {
    intent = "tour_request";
    priority = noRush ? "low" : "normal";
  } else if (RENT.test(t) && tenantSpeak) {
    intent = "rent";
    priority = "normal";
  } else {
    intent = "general";
    priority = /\b(urgent|asap|emergency|immediately)\b/.test(t) ? "high" : /^(thanks?|thank you|ok|got it)[.! ]*$/.test(fold(input.text).trim()) || (noRush && /\bfyi|just (?:a heads up|letting)/.test(t)) ? "low" : "normal";
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
