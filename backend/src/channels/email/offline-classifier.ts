import { fold } from "../../agent/offline/nlu/text";
import type { Intent, Priority } from "../../domain/tickets/ticket";
import { ACTIONS, type Classification, type Classifier, type ClassifyInput } from "./classifier";

const LABEL: Record<Intent, string> = {
  locked_out: "Locked out",
  maintenance: "Maintenance",
  rent: "Rent",
  tour_request: "Tour request",
  general: "General enquiry",
};

const LOCKOUT =
  /\b(lock ?out|locks? (?:me|us) out|locked me out|(?:door|lock) (?:is )?(?:not opening|won'?t open|doesn'?t open|will not open|not unlocking|won'?t unlock)|key (?:is )?(?:not working|won'?t turn|doesn'?t turn|stuck|broken)|(?:fob|key ?card|access card) (?:was |got |has been )?(?:deactivated|disabled|not working|stopped working|doesn'?t work)|keys? (?:are|is) (?:on|in) (?:the|my) (?:kitchen|counter|table|apartment|unit|car)|(?:sitting|standing|waiting|stuck) (?:on the stairs |in the hall(?:way)? )?outside (?:my|the|unit|apt|\d)|locked (?:myself |ourselves )?out|lock(?:ed)? (?:my|our)sel(?:f|ves) out|lost (?:my |our |the )?(?:keys?|key ?card|fob|key fob)|keys? (?:are |is )?(?:locked )?inside|left (?:my |the )?keys? (?:inside|in (?:the|my) (?:apartment|unit|flat))|can'?t get (?:in|inside|into)|cannot get (?:in|inside|into)|can'?t (?:get|open) (?:the|my) (?:door|front door)|key (?:broke|snapped|doesn'?t work|won'?t work|stopped working|won'?t turn)|fob (?:doesn'?t|won'?t|stopped) work\w*|stuck outside|locked out|(?:please|pls|can (?:someone|you|somebody)|could (?:someone|you|somebody)|need (?:someone|somebody|you) to|someone (?:to|needs to|has to)|come (?:and|&)) (?:\w+ ){0,2}let (?:me|us) (?:back )?in|(?:door|it)\b[^.?!]{0,20}\b(?:shut|closed|slammed|locked) (?:behind|on) (?:me|us)|keys? (?:\w+ ){0,2}(?:snapped|broke|broken off|stuck in the lock|won'?t turn)|(?:code|keypad|fob|key ?card|access card|door code)\b[^.?!]{0,40}\b(?:not working|isn'?t working|doesn'?t work|won'?t work|stopped working|dead)\b[^.?!]{0,40}\b(?:can'?t|cannot|unable to) get in)\b/;

// Emergencies: flooding or an active leak, gas, fire or sparks, no heat in the cold, security.
// Each reads a thing and what is happening to it within a few words, in either order, so
// "a strong gas odor in the stairwell" and "it smells like natural gas" both count.
const SMELL = String.raw`(?:smell\w*|odou?rs?|stinks?|stench|whiff|reeks?|fumes?|hiss\w*|leak\w*)`;
// "fire" names an event, not the fire alarm, pit or department (a question or a signature).
const FIRE_COMPOUND = `(?:pit|alarm|alarms|drill|extinguisher|escape|department|dept|station|place|code|inspection|marshal|exit|door|insurance|hazard|safety|truck|sprinkler)`;
const EMERGENCY: Array<[RegExp, string]> = [
  [
    new RegExp(String.raw`\b(?:gas\b[^.?!]{0,40}\b${SMELL}|${SMELL}\b[^.?!]{0,40}\bgas\b|rotten eggs?|sulfur smell|smells? (?:like )?sulfur|natural gas)`),
    "gas smell",
  ],
  [
    new RegExp(
      String.raw`\b(?:(?:caught|catch|catching|on) fire|(?:a|small|kitchen|grease|electrical|house) fire\b(?! ${FIRE_COMPOUND})|fire (?:in|started|broke out|is)\b|flames?\b|(?<!cigarette |cigar |weed |pot |vape )smoke (?:is )?(?:coming|pouring|billowing|filling|everywhere|from|out of|in (?:the|my|our))|(?:there'?s|there is|lots of|so much|full of|filled with) smoke|burning smell|smell(?:s|ed|ing)?\b[^.?!]{0,45}\b(?:burning|burnt|burned|melting|melted)\b|(?:burnt|burned|burning|melting) (?:plastic |rubber |electrical )?smell|(?:outlet|plug|socket|switch|panel|breaker|wire|wiring|cord|appliance|microwave|stove|dryer|light)s?\b[^.?!]{0,40}\bspark\w*|spark(?:s|ing|ed)\b[^.?!]{0,20}\b(?:coming|flying|from|out of|when|behind)\b|(?:saw|see|seeing|there (?:are|were|was)) (?:some |a )?sparks?\b|arcing|(?:outlet|plug|socket|switch|panel|breaker box|wiring|wire|cord)s?\b[^.?!]{0,40}\b(?:black|blackened|scorch\w*|burnt|burned|burning|melt\w*|smok\w*|hot to the touch|too hot)|electrical (?:fire|burning|smell)|burner (?:won'?t|will not|doesn'?t) (?:turn|shut) off|stove (?:won'?t|will not) (?:turn|shut) off)`,
    ),
    "fire or electrical hazard",
  ],
  [/\b(carbon monoxide|co (?:alarm|detector) (?:is )?(?:going off|went off|beeping|sounding))\b/, "carbon monoxide alarm"],
  [
    /\b(flood(?:ed|ing)?\b(?! (?:zone|insurance|plain|map|risk))|inch(?:es)? of water|water (?:is )?(?:spreading|all over|everywhere|on the floor)|leaking all over|water\b[^.?!]{0,30}\b(?:pouring|gushing|spraying|won'?t stop|pooling|rising|coming (?:in|through|down|out|up|from)|leaking (?:through|from|into|down)|dripping (?:from|through|down|out of) (?:the |my |our )?(?:ceiling|light|fixture|outlet|wall))|(?:ceiling|light fixture)\b[^.?!]{0,30}\b(?:leak\w*|drip\w*|pour\w*|water|bulg\w*|sagg\w*|caving|collaps\w*|falling)|(?:burst|busted|broken|split) (?:water )?pipe|pipes? (?:has |have |just )?(?:burst|broke|busted|bursting|split)|(?:water heater|boiler|tank) (?:has )?(?:burst|exploded)|active leak|sewage|sewer (?:backup|back-up|backing up)|(?:brown|dirty|black|murky|smelly) water\b[^.?!]{0,40}\b(?:coming|came|comes|bubbling|backing|backs) up|(?:toilet|tub|bathtub|sink)\b[^.?!]{0,20}\boverflow\w*|overflow\w*\b[^.?!]{0,60}\bwater\b)/,
    "flooding or active leak",
  ],
  [
    /\b((?:stuck|trapped) in (?:the |an |our )?(?:\w+ ){0,2}(?:elevator|lift)|(?:elevator|lift)\b[^.?!]{0,30}\b(?:stuck|stopped) (?:with|and) (?:someone|somebody|people|a (?:man|woman|child|kid|person)) (?:in|inside))\b/,
    "someone trapped in the elevator",
  ],
  [
    /\b((?:power|electricity)\b[^.?!]{0,20}\b(?:is |went |has gone |has been |keeps going )?(?:out|off|down)\b(?! for a (?:second|moment|minute))|no (?:power|electricity)\b|lost (?:all )?(?:power|electricity)|power outage|(?:a |total )?blackout)(?![^.?!]{0,40}\b(?:half|part|one room|some (?:of the )?(?:outlets|rooms)|a few outlets))(?<!\b(?:half|part) (?:of )?(?:the |my |our )?(?:apartment|unit|place) (?:has )?no power)/,
    "power out",
  ],
  [
    /\b(break[- ]?in|broke in|broken into|burglar\w*|intruder|someone (?:tried|trying) to (?:get|break) in|(?:front |main |entry |building )?door (?:won'?t|doesn'?t|will not|does not|can'?t) (?:lock|close|latch)|(?:front|main|entry|entrance|building|lobby|exterior|outside|street|apartment|unit) door\b[^.?!]{0,40}\b(?:won'?t|doesn'?t|does not|will not|can'?t|isn'?t|no longer) (?:\w+ )?(?:lock|locking|close|closing|latch|latching|shut)|anyone can (?:just )?(?:walk|get|come|push) (?:it )?(?:open |in)|lock (?:is )?broken|broken lock|window (?:is )?(?:smashed|broken)|(?:window|pane|glass)\b[^.?!]{0,60}\b(?:shattered|smashed|blew (?:open|in|out)|fell out|broke (?:out|in))|hole\b[^.?!]{0,40}\b(?:window|glass)|(?:window|pane)\b[^.?!]{0,80}\bhole\b|security (?:issue|concern|problem))\b/,
    "security",
  ],
];

// A threat to the sender's own safety that is not a repair: for the office, at once.
const PERSONAL_SAFETY =
  /\b(followed me|following me|(?:don'?t|do not) feel safe|threaten\w*|harass\w*|stalk\w*|assault\w*|someone (?:is |was )?(?:trying|tried) (?:to open|the handle of) (?:my|our) door)\b/;
// Violence heard or seen (not a repair): for the office at once, urgent while it is happening.
const VIOLENCE =
  /\b((?:screaming|yelling) at (?:a |his |her |the )?(?:woman|man|girl|kid|child|wife|husband|partner|someone)|(?:hitting|beating|hurting) (?:her|him|them|someone|a woman|a man|a child|the kids?)|domestic (?:violence|dispute|abuse)|gun ?shots?|shots fired|(?:has|with) a (?:gun|knife|weapon)|(?:i'?m|i am|we'?re|we are) (?:really |so |very )?(?:scared|afraid|terrified) for|(?:should i|do i|do we|should we) call (?:the )?(?:police|cops|911))\b/;
/** Happening now: a personal-safety matter in progress is urgent. */
const IN_PROGRESS = /\b(right now|happening now|is happening|as we speak|still going on|(?:it'?s|it is) (?:\d{1,2}(?::\d{2})? ?(?:am|pm)|midnight|late))\b/;

// People at greater risk without heat, cooling or a way in: raises a repair's priority.
const VULNERABLE =
  /\b(newborn|baby|babies|infant|toddler|elderly|senior|pregnant|oxygen|medical (?:condition|equipment)|disabled|disability|wheelchair|chemo\w*|\d{1,2}[- ]?(?:year|yr|month)[- ]?old)\b/;

// Complaints about neighbours are for the office, not maintenance.
const NEIGHBOUR =
  /\bnoise (?:from|coming from) (?:unit |apt |apartment |#)?\d+[a-z]?\b|\b(?:bass|blasting (?:music|tv)|loud (?:music|tv|parties|party)|partying|noise complaint)\b|\b(neighbou?rs?|upstairs|downstairs|next door|the unit (?:above|below|next to)|people (?:in|above|below))\b[^.]{0,120}\b(noise|noisy|loud|parties|party|music|bark\w*|smok\w*|yelling|stomping|complain\w*)\b|\b(noise|loud music|parties|barking|smoking)\b[^.]{0,80}\b(neighbou?rs?|upstairs|next door|unit (?:above|below|next))\b/;

const NO_HEAT =
  /\b((?:heat|heater|heaters|heating|furnace|boiler|radiators?)\b (?:\w+ ){0,5}?(?:is |has |was )?(?:not working|isn'?t working|not turning on|won'?t (?:turn|come|kick) on|doesn'?t (?:turn|come|kick) on|(?:is|went|goes|keeps going) (?:out|off)|out\b|broken|broke|stopped|died|dead|quit|ice cold|stone cold|blowing cold)|no heat|heat(?:ing|er)? (?:is )?(?:not working|out|broken|off|stopped|died|doesn'?t work|won'?t (?:turn|come) on)|furnace (?:is )?(?:out|broken|not working|died)|radiators? (?:are |is )?(?:cold|not working)|freezing in (?:here|the apartment|my unit)|no heating|no (?:warm|hot) air|(?:vents?|heater|furnace)\b[^.?!]{0,60}\b(?:blowing|blows|only) cold air|no warmth|(?:gives?|giving|given|puts? out|putting out) no (?:heat|warmth)|(?:not|isn'?t|hasn'?t been) (?:giving|putting out) (?:any )?(?:heat|warmth))\b/;
/** "It's 52 degrees in here": an indoor temperature too low to live with. */
function coldInside(t: string): boolean {
  const m =
    /\b(?:it'?s|it is|only|down to|reads|at)?\s*(\d{2}) ?(?:degrees|deg|°)(?: ?f)?\b[^.?!]{0,25}\b(?:in here|inside|in (?:the|my|our) (?:apartment|unit|place|home|house|bedroom|living room))|\b(?:inside|in here|apartment|unit|thermostat|thermometer|temperature)\b[^.?!]{0,40}\b(?:is|says|reads|read|shows|showed|at|was)\s*(\d{2}) ?(?:degrees|deg|°)?/.exec(
      t,
    );
  const degrees = m ? Number(m[1] ?? m[2]) : NaN;
  return degrees >= 30 && degrees <= 62;
}
const COLD = /\b(ice cold|cold|freezing|frozen|below (?:zero|freezing)|\d{1,2} ?degrees|winter|snow|ice|icy|shivering|kids? (?:are|is) cold)\b/;

const HIGH_REPAIR =
  /\b((?:haven'?t|have not|don'?t|do not|no longer) (?:had |have |get |got )?(?:any )?hot water|hot water (?:is )?(?:out|gone|not working)|(?:fridge|refrigerator|freezer) (?:stopped|died|isn'?t|is not|not) (?:cooling|working|cold)|everything (?:in (?:there|the fridge) )?is warm|(?:ac|a\/c|air conditioning|air conditioner) (?:is )?(?:still )?(?:out|broken|not working|dead)|droppings|bites|bed ?bugs?|(?:burners?|oven|stove)[^.]{0,40}(?:don'?t|doesn'?t|won'?t|not) (?:turn on|work|heat)|no (?:hot water|water|power|electricity|ac|a\/c|air conditioning|cooling)|(?:ac|a\/c|air condition\w*|cooling) (?:is )?(?:out|broken|not working|stopped)|(?:fridge|refrigerator|freezer) (?:is )?(?:broken|not (?:working|cooling)|stopped|died|warm)|(?:fridge|refrigerator|freezer|geladeira|nevera)\b[^.?!]{0,40}\b(?:not (?:making|getting|keeping|staying|being) cold|isn'?t cold|not cold|food (?:is )?(?:going bad|spoiling|spoiled))|toilet (?:is )?(?:clogged|not flushing|broken|won'?t flush)|only toilet|leak\w*|drip\w* (?:from|through) the ceiling|mold|mould|water damage|(?:stove|oven) (?:is )?(?:broken|not working)|elevator (?:is )?(?:broken|stuck|out)|stuck in (?:the )?elevator|pests?|roach\w*|cockroach\w*|bed ?bugs|rats?|mice|mouse)\b/;
const REPAIR =
  /\b(hums|humming|banging|clanking|gap|crooked|loose|peeling|caulk|radiator|chirp\w*|ate my (?:quarters|money)|won'?t start|not draining|isn'?t draining|broken|not working|doesn'?t work|won'?t (?:work|turn on|drain|flush|close|open|start)|stopped working|clogged|repair|fix|maintenance|dripping|drips|leaky|faucet|sink|toilet|shower|tub|drain|dishwasher|disposal|washer|dryer|outlet|light ?(?:bulb|fixture|switch)|switch|breaker|smoke detector|beeping|thermostat|window|blinds|door|cabinet|garage door|gate|intercom|buzzer|appliance|paint|crack|noise (?:from|coming from) (?:the |my |our )?(?:pipes?|radiators?|heater|fridge|refrigerator|ac|a\/c|vents?|dryer|washer|dishwasher|furnace|boiler|fan|toilet|walls?)|rattl\w*|squeak\w*|hole in)\b/;
const COSMETIC =
  /\b(no rush|not urgent|whenever (?:you|someone)(?: guys)? (?:get|has|have) a (?:chance|minute)|totally cosmetic|paint|scuff|scratch|cosmetic|touch[- ]?up|light ?bulb|bulb (?:is )?out|blinds?|squeak\w*|minor|when(?:ever)? (?:you|someone) (?:get|has) a chance|no rush|not urgent|low priority)\b/;

const RENT =
  /\b(autopay|auto-?pay|money order|receipt|prorat\w*|late fee|deposit refund|security deposit|charged twice|double charged|withdrawals?|rent|payment|pay (?:my|the|rent)|pay (?:it |rent )?late|late (?:payment|rent)|pay (?:with|by|via|using|online)|zelle|venmo|paypal|cash ?app|e-?check|(?:credit|debit) card|paid|balance|late fee|ledger|receipt|invoice|autopay|auto-?pay|bounced|nsf|insufficient funds|returned (?:payment|check)|money order|portal|charge[sd]?|owe|past due|overdue|deposit refund|security deposit|payment plan|prorat\w*)\b/;
const RENT_PROBLEM =
  /\b(didn'?t go through|did not go through|rejected|bounced|returned|declined|failed|nsf|insufficient funds|charged twice|double charged|overcharged|past due|eviction|late fee|can'?t pay|cannot pay|won'?t be able to pay|short (?:this|on rent))\b/;

const TOUR =
  /\b(tour|tours|showing|viewing|view (?:the|a|it|your) (?:unit|apartment|place|home|property|loft|studio|\d)|see (?:the|a|an|it|your|this|that|one) ?(?:\d ?(?:bed|br)\w*|studio|unit|apartment|place|loft|home|listing|property|available|in person)|see (?:it|one|inside)\b|see (?:the|a|an|your|this|that) (?:[\w&'-]+ ){1,3}(?:apartment|unit|place|loft|home|listing|property|studio|condo|townhouse|flat|\d ?(?:bed|br)\w*)|come (?:by|see|look|take a look)|stop by|(?:check|checking) (?:out )?(?:the|your|a|this|that) (?:[\w&'-]+ ){0,3}(?:apartment|unit|place|loft|home|listing|property|studio|condo|flat)|(?:take|have) a look (?:at|around)|look around|(?:swing|drop|pop) (?:by|in|over)|available (?:to|for) (?:view|viewing|see|tour|a tour|a showing)|visit|walk ?through(?! inspection)|schedule (?:a|an)?\s*(?:time|visit|tour|appointment|showing)|book (?:a|an)?\s*(?:time|tour|visit|showing|appointment)|open house|interested in (?:renting|the|a|your|leasing)|is (?:the|it|unit|apartment) still available|still available|availability|apply|application for (?:the|a|your)|looking (?:to rent|for a|for an)|(?:apartment|unit|place|home|house|studio|loft|room|condo)s? for rent|move[- ]in (?:date|special))\b/;

// "Can I see Japantown Terrace on Tuesday at 10am?", "what times do you have on Monday?":
// asking to come and look at a named place on a day, without the word "tour".
const DAY_OR_TIME = String.raw`(?:(?:on |this |next )?(?:mon|tues|wednes|thurs|fri|satur|sun)day|tomorrow|today|this (?:week|weekend)|next week|at \d|around \d|\d ?(?:am|pm))`;
const TOUR_WITH_TIME = new RegExp(
  String.raw`\b(?:(?:can|could|may) (?:i|we) (?:come (?:and |to )?)?(?:see|view|visit|look at|check out)|i'?d (?:like|love) to (?:come )?(?:see|view|visit|check out)|(?:i|we) (?:want|would like|wanna) to (?:come )?(?:see|view|visit|check out)|(?:i|we) (?:can|could) (?:come (?:and |to )?)?(?:see|view|visit|check out))\b(?! (?:my|our|the|a) (?:balance|ledger|statement|lease|account|bill|receipt|portal|charges?|invoice|maintenance|plumber|technician)\b)[^?!]{2,90}\b${DAY_OR_TIME}|\b(?:please )?book (?:it|that|me in)\b|\bwhat (?:times|slots|days) (?:do you have|are (?:available|open|free)|can (?:i|we) (?:come|see|visit))|\b(?:any|what) (?:times|slots|openings|availability) (?:on|this|next|tomorrow|today|for (?:a )?(?:tour|viewing|showing))\b`,
);

// Openers that say nothing about the matter.
const PLEASANTRY =
  /^(?:i hope (?:you|this|all|everyone)|hope (?:you|this|all|everyone|your)|how are you|happy (?:monday|friday|holidays|new year|thanksgiving)|good (?:morning|afternoon|evening)|thanks? (?:in advance|for your (?:time|help))|sorry to bother(?: you)?|sorry for (?:my|the) (?:english|bad english|late reply)|i hope all is well|greetings|bom dia|boa tarde|buenos dias|buenas (?:tardes|noches)|hola|ola|dear (?:sir|madam|sir or madam|landlord|manager|team))\b/i;

/**
 * The sentence that says what the mail is about: the first that `decisive` accepts (the one
 * that decided the intent), else the first that is not a greeting or a pleasantry.
 */
function keySentence(text: string, decisive?: (normalisedSentence: string) => boolean): string {
  const cleaned = text.replace(/\s+/g, " ").trim();
  // "Hi," "Hello Sam," "Dear team:" — a greeting only when punctuation closes it.
  const greetingless = cleaned.replace(
    /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening))(?: there| team| all| folks| everyone| [A-Z][\w'-]*(?: [A-Z][\w'-]*)?)?\s*[,.!:;-]+\s*/i,
    "",
  );
  const sentences =
    greetingless
      .match(/[^.!?]+[.!?]*/g)
      ?.map((x) => x.trim())
      .filter((x) => x.length > 3) ?? [];
  const useful = sentences.filter((x) => !PLEASANTRY.test(x));
  const pick = (decisive && useful.find((x) => decisive(normalised(x)))) ?? useful[0] ?? sentences[0] ?? greetingless;
  return pick.length > 140 ? `${pick.slice(0, 137)}…` : pick;
}

// A closing line ("Thanks,", "Best regards, Sam"): what follows is a signature, not the request.
const CLOSING =
  /^(?:thanks|thank you|thx|many thanks|cheers|best|best regards|regards|kind regards|warm regards|warmly|sincerely|respectfully|all the best|take care|yours truly)[,.!]?(?:\s+[A-Za-z][\w.'-]*){0,3}$/i;

/** The sender's words without the signature block under a closing line. */
export function withoutSignature(text: string): string {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  for (let i = lines.length - 1; i > 0; i--) {
    if (CLOSING.test(lines[i].trim()) && lines.length - i <= 8) return lines.slice(0, i).join("\n");
  }
  return text;
}

// Sentences that name a problem without reporting one: questions about the building or its
// rules, hypotheticals, and problems the sender says are over.
const ABOUT_NOT_REPORT =
  /^(?:and |also |just |one more thing,? |quick question:? |question:? |btw,? )?(?:are (?:we|tenants|residents|pets|guests) (?:allowed|permitted)|can (?:we|i|tenants|residents) (?:have|use|keep|put|install|grill|bbq|bring)|is it (?:ok|okay|allowed|possible|safe) to|(?:is|are) (?:the|this|your|that) (?:building|unit|apartment|property|complex|area|neighbou?rhood|units|apartments)\b|does (?:the|this|your|each|that|it) (?:building|unit|apartment|property|place|complex)?\s?(?:have|come with|include|flood)|do (?:the|you|your|units|apartments|all)\b|has (?:the|this|that|it) (?:unit|building|apartment|place|property)? ?(?:ever|been)|have there (?:ever )?been|is there (?:a|any) (?:history|risk|chance)|what (?:happens|do i do|should i do|should we do|is the procedure|is your policy|is the policy) (?:if|when|in case)|in case of|how do (?:i|we) (?:report|handle))/;
const RESOLVED =
  /\b(all good now|(?:is|are|was|were|has been|have been|got|it'?s|its|now) (?:all )?(?:fixed|resolved|sorted|working (?:again|fine|now)|back on|taken care of)|(?:came|come|stopped) (?:by |over )?and (?:fixed|repaired|sorted)|no longer (?:an issue|a problem|needed|leaking|an emergency)|never ?mind|(?:plumber|technician|tech|electrician|locksmith|maintenance guy|someone|they) (?:is|are|was|were) (?:here|there) (?:now|already)|thanks? (?:you )?(?:so much )?for (?:fixing|repairing|sorting|taking care|coming|sending|the quick|getting)|(?:i'?m|i am|we'?re|we are) (?:back )?in(?:side)? now|(?:i'?m|i am|we'?re|we are|got) back (?:in|inside|into)|(?:locksmith|plumber|technician|tech|electrician|maintenance|super|someone|somebody|they|he|she) (?:came|arrived|showed up|got here|let (?:me|us) in)|problem (?:is )?solved|(?:works|working) (?:again|now|fine now)|nvm|(?:it'?s|its|it is|everything'?s|everything is|all) (?:fine|ok|okay|good|quiet|calm|over|sorted|working) now|(?:^|[,.!;] ?)all good\b(?! ?\?)|(?:came|come)\b[^.?!]{0,40}\b(?:and )?(?:fixed|repaired|sorted|patched) (?:it|the|everything)|\b[a-z]+ let (?:me|us) in(?:,| and| -)? (?:all good|thanks|thank you|we'?re good|i'?m good|no need)|(?:i'?m|i am|we'?re|we are) now (?:back )?in(?:side)?|(?:please )?disregard (?:my|the) (?:earlier|previous|last|first) (?:message|e-?mail|note)|cancel the locksmith|(?:don'?t|do not|no longer) need (?:the|a) locksmith|\b(?:came|got here|arrived|showed up|came home|got home|came back)\b[^.?!]{0,30}\band (?:just )?let (?:me|us) in|(?:finally|just) let (?:me|us) in|thanks?(?: you)?(?: so much)?(?: to [a-z]+)? for (?:fixing|repairing|sorting|taking care|coming|getting|the (?:quick|fast) (?:fix|repair|response)))\b/;
const NOT_OVER =
  /\b(again|still|but now|however|unfortunately|another|new (?:leak|problem|issue)|couldn'?t|could not|can'?t|cannot|didn'?t|did not|won'?t|not (?:fixed|working|resolved))\b/;
const saysOver = (text: string) => RESOLVED.test(text) && !NOT_OVER.test(text);

/** The sender says the problem is over ("the locksmith came, I'm back inside", "all fixed now"). */
export function reportsResolved(subject: string, text: string): boolean {
  return saysOver(normalised(withoutSignature(text))) || (!text.trim() && saysOver(normalised(subject)));
}

/**
 * A reply in a tour thread that carries on with the tour: a day or time, picking or confirming
 * an offered time, moving or cancelling, or saying plans changed.
 */
export function looksLikeTourReply(subject: string, text: string): boolean {
  const t = normalised(withoutSignature(text) || subject);
  return /^\d{1,2}(?::\d{2})?\s*(?:am|pm)?\b|\b\d{1,2}:\d{2}\b|\b(tours?|visit|showing|view(?:ing)?|see (?:it|the|that)|book|schedul\w*|reschedul\w*|cancel\w*|move (?:it|my|the)|instead|works?|that works|yes|yeah|yep|sure|ok(?:ay)?|sounds good|perfect|first|second|third|last one|(?:mon|tues|wednes|thurs|fri|satur|sun)days?|tomorrow|today|tonight|next week|this week|weekend|morning|afternoon|evening|noon|\d{1,2}(?::\d{2})?\s*(?:am|pm)|at \d{1,2}|never ?mind|found (?:a|another|something)|signed|no longer|not interested|changed my mind|can'?t make it)\b/.test(
    t,
  );
}
const NEGATED_EMERGENCY =
  /\b(?:(?:not|isn'?t|aren'?t|wasn'?t|never|no longer) (?:\w+ ){0,2}?(?:locked out|an emergency|urgent|leaking|flooding|on fire)|(?:no|not any|without|never) (?:\w+ ){0,1}?(?:burning|smoke|smell|gas|sparks?|fire|flood\w*|leaks?))\b/g;

/**
 * Spanish, the second language of many tenants: the phrases that decide a mail's intent and
 * urgency, read as their English equivalents (accents are already folded away).
 */
const SPANISH: Array<[RegExp, string]> = [
  [/\b(?:huele|olor) (?:mucho )?a gas\b|\bfuga de gas\b/g, "smells like gas"],
  [/\bfuga de agua\b|\bfuga\b|\bgotea(?:ndo)?\b|\bgoteo\b/g, "leaking"],
  [/\b(?:hay )?(?:el )?agua (?:esta )?(?:por todo el piso|por todas partes|por todo|en (?:todo )?el piso)\b/g, "water everywhere"],
  [/\binundaci[oó]n\b|\binundad[oa]\b|\bse inunda\w*/g, "flooding"],
  [/\b(?:hay )?humo\b/g, "smoke coming"],
  [/\b(?:hay )?(?:fuego|incendio)\b/g, "fire in the apartment"],
  [/\bchispas\b/g, "sparks"],
  [/\bno (?:tengo|tenemos|hay) (?:calefaccion|calor)\b|\bla calefaccion no (?:funciona|sirve|prende)\b/g, "no heat"],
  [/\bno (?:tengo|tenemos|hay) agua caliente\b/g, "no hot water"],
  [/\bno (?:tengo|tenemos|hay) (?:luz|electricidad)\b/g, "no power"],
  [
    /\b(?:me |nos )?(?:quede|quedamos) (?:afuera|fuera)\b|\bno (?:puedo|podemos) entrar\b|\bperdi (?:mis |las )?llaves\b|\bllaves? (?:adentro|dentro)\b/g,
    "locked out",
  ],
  [/\bno (?:funciona|sirve|prende)\b|\besta (?:roto|rota|descompuesto|descompuesta)\b/g, "is not working"],
  [/\b(?:el )?(?:inodoro|escusado) (?:esta )?tapado\b/g, "toilet is clogged"],
  [/\baguas? negras?\b/g, "sewage"],
  [/\b(?:esta )?saliendo agua\b/g, "water coming up"],
  [/\bgotera\b|\bcharco\b/g, "leaking"],
  [/\b(?:quisiera|quiero|me gustaria|podria|podemos|puedo) (?:ver|visitar|conocer)\b/g, "i would like to see"],
  [/\ba las (\d{1,2})\b/g, "at $1"],
  [/\blunes\b/g, "monday"],
  [/\bmartes\b/g, "tuesday"],
  [/\bmiercoles\b/g, "wednesday"],
  [/\bjueves\b/g, "thursday"],
  [/\bviernes\b/g, "friday"],
  [/\bsabado\b/g, "saturday"],
  [/\bdomingo\b/g, "sunday"],
  [/\b(?:la )?(?:renta|alquiler)\b/g, "rent"],
  [/\bpagar\b/g, "pay"],
  [/\bcucarachas\b/g, "roaches"],
  [/\bratones\b/g, "mice"],
  [/\bhongos\b|\bmoho\b/g, "mold"],
];
function spanishToEnglish(t: string): string {
  if (!/\b(?:el|la|los|las|de|que|mi|hay|no|por|tengo|tenemos|esta|muy|mucho)\b/.test(t)) return t;
  return SPANISH.reduce((acc, [re, en]) => acc.replace(re, en), t);
}

/** Lower-case words with the common ways of writing contractions made one. */
function normalised(text: string): string {
  return spanishToEnglish(fold(text))
    .replace(/\b(is|are|was|were|does|do|did|has|have|had|could|would|should)nt\b/g, "$1n't")
    .replace(/\bcant\b/g, "can't")
    .replace(/\bwont\b/g, "won't")
    .replace(/\b(?:i'?m|im)\b/g, "i am")
    .replace(/\bouta\b|\boutta\b/g, "out of")
    .replace(/\btmrw?\b|\btmr\b|\btomm?or+ow\b|\b2moro\b|\btomorow\b/g, "tomorrow")
    .replace(/\b(heat|water|power|ac|heater|furnace)'s\b/g, "$1 is");
}

/**
 * The parts of a mail the rules read. `all` is everything the sender wrote (and the subject
 * of a new conversation); `reported` leaves out sentences that mention a problem without
 * reporting one now ("does the unit have a fire alarm?", "all fixed now, thanks").
 */
export function readMail(subject: string, text: string): { all: string; reported: string } {
  const body = withoutSignature(text);
  // A reply's subject names the conversation's first topic: left out when the reply says it is over.
  const isReply = /^\s*(?:re|aw|sv|antw)\s*:/i.test(subject);
  // A short acknowledgement ("Thanks, got it.") adds nothing to what the subject first reported.
  const acknowledgement =
    /^(?:ok(?:ay)?|thanks?(?: you)?|thx|ty|got it|great|perfect|sounds good|will do|noted|received|cool|awesome)(?:[,.! ]+(?:ok(?:ay)?|thanks?(?: you)?|got it|great|perfect|will do|noted|much appreciated|appreciate it|cheers)?)*[.! ]*$/.test(
      normalised(body).trim(),
    );
  const ownSubject = isReply && (saysOver(normalised(body)) || acknowledgement) ? "" : subject.replace(/^\s*(?:(?:re|fwd?|aw|sv|tr)\s*:\s*)+/i, "");
  const sentences = `${ownSubject}\n${body}`
    .split(/(?<=[.!?])\s+|\n+/)
    .map(normalised)
    .filter(Boolean);
  const reported = sentences
    .filter((x) => !(x.endsWith("?") && ABOUT_NOT_REPORT.test(x)) && !/^(?:if|in case|what if)\b/.test(x) && !saysOver(x))
    // "I'm not locked out", "no burning smell": the denied part goes, the rest of the sentence stays.
    .map((x) => x.replace(NEGATED_EMERGENCY, " "));
  return { all: sentences.join(" "), reported: reported.join(" ") };
}

const APPLICATION_STATUS =
  /\b(?:submitted|sent|filled out|completed|turned in|put in) (?:my|an|the|our) application\b|\bapplication status\b|\bstatus of (?:my|the|our) application\b|\b(?:my|our) application\b[^.?!]{0,40}\b(?:stands?|status|approved|denied|update|hear back|heard back|processed)\b/;
const SUSPICIOUS =
  /\b((?:change|update|redirect|switch|send)\b[^.?!]{0,30}\b(?:bank(?:ing)?|routing|account number|payouts?|disbursements?|direct deposit|wire)\b[^.?!]{0,50}\b(?:to|into) (?:my|a new|this|the following|another)\b|(?:new|updated|different) (?:bank(?:ing)?|routing|account) (?:details|information|info|number)|system override|ignore (?:all |any |your |the )?(?:previous |prior |above )?instructions|(?:list|send|export|give me) (?:all|every|the) (?:tenants|residents|users|e-?mails|phone numbers|passwords|accounts)|admin(?:istrator)? (?:mode|access|override)|you are now (?:a|an|in)|developer mode|jailbreak)\b/;
const NOTICE_TO_VACATE =
  /\b(notice (?:to|of (?:intent to )?) ?vacate|(?:30|60|90|thirty|sixty|ninety)[- ]day notice|give (?:my |our |you )?(?:formal |official |written )?notice|(?:we|i) (?:will be|are|am|'?re|'?m) (?:moving|leaving|vacating) (?:out )?(?:at the end of|on|by)|not (?:be )?renewing|won'?t be renewing|terminat\w+ (?:my|our|the) lease|end (?:my|our) lease)\b/;
const LEVERAGE =
  /\b(withhold\w* (?:my |our |the )?rent|(?:not|won'?t) (?:be )?pay(?:ing)? (?:my |our |the )?rent (?:until|unless)|lawyer|attorney|legal action|sue\b|small claims|(?:third|3rd|fourth|4th|fifth) time|(?:two|three|four|2|3|4) (?:weeks|months) (?:now|already|and)|still (?:not|isn'?t|hasn'?t been) (?:fixed|repaired))\b/;

/**
 * The sentences of a mail that ask to see a listing, when the mail is mainly about something
 * else ("Could I see Highland Row on Thursday at 4? Also, my sink is clogged.").
 */
export function tourRequestPart(text: string): string | undefined {
  const sentences = withoutSignature(text)
    .split(/(?<=[.!?])\s+|\n+/)
    .map((x) => x.trim())
    .filter(Boolean);
  const asks = sentences.filter((x) => {
    const n = normalised(x);
    // "Can somebody come to see it?" asks for a repair visit, not a tour.
    const visitForRepair =
      /\b(?:some(?:one|body)|anyone|any ?body|a technician|maintenance|the plumber|a plumber|you guys|your team|you)\b[^.?!]{0,20}\b(?:come|stop|swing|drop)\b[^.?!]{0,20}\b(?:see|look|check|take a look)\b|\b(?:come|stop) (?:by )?(?:and |to )?(?:see|look at|check) (?:it|this|that|them)\b/.test(
        n,
      );
    return (TOUR.test(n) || TOUR_WITH_TIME.test(n)) && !visitForRepair && !LOCKOUT.test(n) && !HIGH_REPAIR.test(n) && !REPAIR.test(n) && !RENT_PROBLEM.test(n);
  });
  return asks.length ? asks.join(" ") : undefined;
}

/**
 * A reply that only chases or acknowledges ("any update?", "still waiting", "hello??"): it is
 * about whatever the thread is about.
 */
export function isChaser(text: string): boolean {
  const t = normalised(withoutSignature(text)).trim();
  if (!t) return true;
  if (t.split(/\s+/).length > 25) return false;
  // A short line with no question of its own ("Monday works for me, thanks") carries on the thread.
  if (t.split(/\s+/).length <= 8 && !t.includes("?")) return true;
  return /^(?:hi|hello|hey|\?+|ok(?:ay)?|thanks?|thank you|any (?:update|news|word)|update\?|still (?:waiting|nothing|no (?:one|word|reply|response))|following up|just following up|checking in|when (?:will|can) (?:someone|somebody|you|they)|is (?:someone|anyone) coming|hello\?+|nobody (?:came|has come|showed)|no one (?:came|has come|showed))\b/.test(
    t,
  );
}

/**
 * What a tour request says besides the tour: a repair, a rent matter or a lock-out in the other
 * sentences ("Can I see Live Oak on Wednesday? Also, I was charged a late fee by mistake").
 */
export function otherThanTour(input: ClassifyInput): Classification | undefined {
  const sentences = withoutSignature(input.text)
    .split(/(?<=[.!?])\s+|\n+/)
    .map((x) => x.trim())
    .filter(Boolean);
  const rest = sentences.filter((x) => {
    const n = normalised(x);
    return !(TOUR.test(n) || TOUR_WITH_TIME.test(n));
  });
  if (!rest.length || rest.length === sentences.length) return undefined;
  const c = classifyMail({ ...input, subject: "", text: rest.join(" ") });
  // A prospect asking the rent is asking the assistant; a tenant's rent matter is for accounting.
  return c.intent === "maintenance" || c.intent === "locked_out" || (c.intent === "rent" && input.sender.isTenant) ? c : undefined;
}

/** Reads real tenant and prospect phrasing into an intent, a priority and a one-line summary. */
export function classifyOffline(input: ClassifyInput): Classification {
  // A reply that raises its own matter ("how do I renew?" under "Re: locked out!!") is read on its
  // own; the thread's subject only speaks for chasers and short notes.
  if (/^\s*(?:re|aw|sv|antw)\s*:/i.test(input.subject) && input.text.trim()) {
    const own = classifyMail({ ...input, subject: "" });
    if (own.intent !== "general" || own.priority !== "normal" || own.summary.includes("(")) return own;
    // "It's still there", "getting worse", "any update?": about the thread's matter. "How do I renew?": its own.
    const pointsBack = /\b(it|it'?s|this|that|still|again|worse|better|same|the problem|the issue|the leak|there)\b/.test(
      normalised(withoutSignature(input.text)),
    );
    if (!pointsBack && !isChaser(input.text)) return own;
  }
  return classifyMail(input);
}

function classifyMail(input: ClassifyInput): Classification {
  const { all: t, reported: r } = readMail(input.subject, input.text);
  let intent: Intent;
  let priority: Priority;
  let reason = "";

  // A carbon monoxide detector chirping for a battery is a repair; one going off is an emergency.
  const coChirp =
    /\b(chirp\w*|low battery|needs? (?:a )?new batter(?:y|ies)|batter(?:y|ies) (?:is |are )?(?:low|dying|dead))\b/.test(r) &&
    !/\b(going off|went off|sounding|keeps? (?:beeping|going)|won'?t stop|headaches?|dizzy|nause\w*|sick|alarm (?:is )?(?:on|loud))\b/.test(r);
  // Smoke from someone smoking (a neighbour on the balcony) is a complaint, not a fire.
  const smokingNotFire =
    /\b(smokes|smoking|smoker|cigarettes?|cigars?|weed|marijuana|vap(?:e|es|ing))\b/.test(r) &&
    !/\b(fire|flames?|burning|alarm (?:is )?going off|smoke alarm)\b/.test(r);
  const emergency = EMERGENCY.find(
    ([re, why]) => re.test(r) && !(why === "carbon monoxide alarm" && coChirp) && !(why === "fire or electrical hazard" && smokingNotFire),
  );
  const noHeat = NO_HEAT.test(r) || coldInside(r);
  const coldSeason = COLD.test(t) || [11, 12, 1, 2, 3].includes(input.month);
  const vulnerable = VULNERABLE.test(t);
  const tour = TOUR.test(t) || TOUR_WITH_TIME.test(t);
  const canGetIn =
    /\bcan (?:still )?get (?:in|into) (?:my |our |the )?(?:apartment|unit|place|home)\b|\b(?:apartment|unit) (?:door |key )?(?:is |works )?fine\b/.test(r);
  const lockboxOnly =
    /\block ?box\b/.test(r) &&
    !/\b(?:locked (?:myself |ourselves )?out|lock(?:ed)? (?:my|our)sel(?:f|ves) out|left (?:my |the )?keys?|lost (?:my |the )?keys?|can'?t get in|cannot get in|keys? (?:are |is )?(?:locked )?inside)\b/.test(
      r,
    );
  const lockedOut =
    LOCKOUT.test(r) &&
    !lockboxOnly &&
    !canGetIn &&
    !(
      /\b(?:gym|pool|mailbox|amenity|fitness|laundry room|package room)\b/.test(r) && !/\b(?:my |our |the )?(?:apartment|unit|home|place|front door)\b/.test(r)
    );
  const calm = /\b(not (?:an )?(?:emergency|urgent)|no emergency|nothing urgent)\b/.test(t);
  const tenantSpeak =
    input.sender.isTenant ||
    /\b((?:my|our) (?:unit|apartment|apt|place|home|lease|rent|landlord|kitchen|bathroom|bedroom|living room|ceiling|door|toilet|sink|heater|shower|fridge|stove|oven|dishwasher|window|floor|building|portal|balance|account|autopay|payment)|i live|we live|(?:unit|apt|apartment|suite|#)\.? ?#?[a-z]?-?\d+[a-z]?|\b\d{1,4}[a-z]\b|building [a-z]\b|tenant|resident|work order|maintenance request)\b/.test(
      t,
    );
  const gratitude =
    /^(?:hi[^a-z]{0,3}|hello[^a-z]{0,3})?(?:just (?:wanted|want) to (?:say|give)|thank you|thanks(?: so much)?(?: to| for)|love the|kudos|shout ?out|huge thanks|big thank you)/.test(
      fold(input.text).trim(),
    );
  const noRush =
    /\b(no rush|not in (?:any|a) rush|no hurry|not urgent|whenever|at some point|sometime|next year|next spring|next summer|next fall|in a few months|fyi|no action needed|just (?:a heads up|letting (?:you|the office) know))\b/.test(
      t,
    );

  const highRepair = HIGH_REPAIR.test(r);
  const repair = highRepair || REPAIR.test(r);
  const reportsProblem = lockedOut || Boolean(emergency) || noHeat || repair;

  if (gratitude && !reportsProblem && !tour) {
    intent = RENT.test(t) && /\brent\b/.test(t) ? "rent" : "general";
    priority = "low";
  } else if (lockedOut) {
    intent = "locked_out";
    priority = "urgent";
  } else if ((PERSONAL_SAFETY.test(r) || (VIOLENCE.test(r) && (IN_PROGRESS.test(r) || !repair))) && !emergency) {
    intent = "general";
    priority = VIOLENCE.test(r) && IN_PROGRESS.test(r) ? "urgent" : "high";
    reason = "personal safety";
  } else if (NEIGHBOUR.test(t) && !emergency) {
    intent = "general";
    priority = "normal";
  } else if (emergency && (tenantSpeak || !tour)) {
    intent = "maintenance";
    priority = calm ? "high" : "urgent";
    reason = emergency[1];
  } else if (noHeat && (tenantSpeak || !tour)) {
    intent = "maintenance";
    priority = (coldSeason || vulnerable) && !calm ? "urgent" : "high";
    reason = "no heat";
  } else if (APPLICATION_STATUS.test(t)) {
    // Where an application stands is for the leasing office, not a tour.
    intent = "general";
    priority = "normal";
  } else if (SUSPICIOUS.test(t)) {
    // Instructions aimed at software, or a request for everyone's data: for a person to look at.
    intent = "general";
    priority = "normal";
    reason = "suspicious request";
  } else if (NOTICE_TO_VACATE.test(t) && !repair) {
    // A notice to move out is for the leasing office, even when it asks about the deposit.
    intent = "general";
    priority = "normal";
    reason = "notice to vacate";
  } else if (/\b(renew\w*|lease renewal|extend (?:my|our|the) lease|lease extension)\b/.test(t) && !RENT_PROBLEM.test(t) && !repair && !tour) {
    // Renewals are the leasing office's, even when they ask about the new rent.
    intent = "general";
    priority = noRush ? "low" : "normal";
  } else if (repair && LEVERAGE.test(t)) {
    // "Fixed, or I withhold rent / call a lawyer": the repair is the matter, and it is pressing.
    intent = "maintenance";
    priority = "high";
    reason = "repeated or disputed repair";
  } else if (
    RENT.test(t) &&
    (tenantSpeak || /\b(?:my|our|the) (?:rent|payment|balance|account|autopay|deposit)\b|\bpay(?:ing)? (?:the |my )?rent\b/.test(t)) &&
    !tour &&
    !/\b(?:move[- ]out|moving out) (?:notice|process|date)\b/.test(t)
  ) {
    intent = "rent";
    priority = RENT_PROBLEM.test(t) && !/\b(?:was |were )?(?:charged|fee)\b.*\bmistake\b/.test(t) ? "high" : noRush ? "low" : "normal";
  } else if (repair && (tenantSpeak || !tour) && !(tour && !input.sender.isTenant && !tenantSpeak)) {
    intent = "maintenance";
    // Without cooling or heat, a baby or an elderly parent is in danger, not just uncomfortable.
    priority = highRepair
      ? vulnerable && /\b(ac|a\/c|air condition\w*|cooling|heat\w*)\b/.test(r) && !calm
        ? "urgent"
        : "high"
      : COSMETIC.test(t) || noRush
        ? "low"
        : "normal";
  } else if (tour) {
    intent = "tour_request";
    priority = noRush ? "low" : "normal";
  } else if (RENT.test(t) && tenantSpeak) {
    intent = "rent";
    priority = "normal";
  } else {
    intent = "general";
    priority = /\b(urgent|asap|emergency|immediately)\b/.test(r)
      ? "high"
      : /^(thanks?|thank you|ok|got it)[.! ]*$/.test(fold(input.text).trim()) ||
          (noRush && /\bfyi|just (?:a heads up|letting)/.test(t)) ||
          (gratitude && !reportsProblem)
        ? "low"
        : "normal";
  }

  const who = [
    input.sender.name || input.sender.email,
    input.sender.property ? `${input.sender.property}${input.sender.unit ? ` #${input.sender.unit}` : ""}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const decisive =
    intent === "locked_out"
      ? (x: string) => LOCKOUT.test(x)
      : emergency && intent === "maintenance"
        ? (x: string) => emergency[0].test(x)
        : reason === "no heat"
          ? (x: string) => NO_HEAT.test(x) || coldInside(x)
          : intent === "maintenance"
            ? (x: string) => HIGH_REPAIR.test(x) || REPAIR.test(x)
            : intent === "rent"
              ? (x: string) => RENT.test(x)
              : intent === "tour_request"
                ? (x: string) => TOUR.test(x) || TOUR_WITH_TIME.test(x)
                : undefined;
  const subjectOrText = keySentence(input.text || input.subject, decisive) || input.subject || "(no text)";
  const summary = `${LABEL[intent]}${reason ? ` (${reason})` : ""} — ${who}: ${subjectOrText}`;
  return { intent, priority, summary: summary.slice(0, 240), actionRequired: ACTIONS[intent][priority === "urgent" ? "urgent" : "other"] };
}

export const offlineClassifier: Classifier = {
  name: "offline",
  classify: async (input) => classifyOffline(input),
};
