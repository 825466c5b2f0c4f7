/** What a message asks for. Several can be true at once ("cancel and rebook"). */
export interface Intents {
  greeting: boolean;
  thanks: boolean;
  bye: boolean;
  yes: boolean;
  no: boolean;
  search: boolean;
  tour: boolean;
  /** Explicit instruction to book now ("book it", "reserve 3pm"). */
  bookNow: boolean;
  availability: boolean;
  reschedule: boolean;
  cancel: boolean;
  /** Takes back what was just agreed ("changed my mind", "scratch that"), unlike a plain "no". */
  retract: boolean;
  listTours: boolean;
  human: boolean;
  /** A question about a listing: the first topic asked about. */
  question?: QuestionTopic;
  /** Every topic asked about ("pets and a pool?"); empty for "tell me more". */
  topics: QuestionTopic[];
  /** "tell me more about it": the general description. */
  details: boolean;
  /** "undo that", "don't book it", "I didn't want to book yet". */
  undo: boolean;
  /** "never mind", "not interested anymore": drop what is pending. */
  dropIt: boolean;
  /** "compare", "difference between", "which is better". */
  compare: boolean;
  /** "the cheaper one", "the bigger one": pick from what is shown. */
  pickBy?: "cheapest" | "priciest" | "biggest" | "smallest";
  /** "Where does my application stand?": for the leasing team, who can see applications. */
  applicationStatus: boolean;
  /** "Let me think about it", "I'll get back to you": not now, maybe later. */
  later: boolean;
  /** "I don't have e-mail": cannot give the address a booking needs. */
  noEmail: boolean;
  /** "Anything cheaper?": more listings, below the rents shown. */
  lowerRent: boolean;
  /** The person says they do not want something offered ("none of those", "other times"). */
  other: boolean;
  automated: boolean;
  /** Asks about or for someone else's tours, or everyone's ("her tour", "all bookings"). */
  thirdParty: boolean;
  /** Haggling over rent or terms ("would they take 1700?"). */
  negotiate: boolean;
  /** A current resident's matter rather than a rental enquiry. */
  resident?: "emergency" | "lockout" | "maintenance" | "rent" | "lease";
}

export type QuestionTopic =
  | "pets"
  | "parking"
  | "laundry"
  | "price"
  | "deposit"
  | "fees"
  | "utilities"
  | "lease"
  | "size"
  | "amenities"
  | "address"
  | "available"
  | "application"
  | "furnished"
  | "open_house"
  | "units"
  | "other";

const TOPIC_RULES: Array<[QuestionTopic, RegExp]> = [
  [
    "pets",
    /\b(pets?|dogs?|cats?|animals?|pet[- ]friendly|pet policy|pet rent|pet deposit|pupp(?:y|ies)|kittens?|lab|labrador|retriever|terrier|poodle|husky|breed|lbs?|pounds?|weight limit)\b/,
  ],
  ["parking", /\b(parking|garage|park (?:my|a|the) car|parking spot|car space)\b/],
  ["laundry", /\b(laundry|washer|dryer|w\/d|washing machine)\b/],
  ["deposit", /\b(deposit|security deposit)\b/],
  ["fees", /\b(fees?|application fee|admin fee|move-in cost|move in cost|move-in costs)\b/],
  ["utilities", /\b(utilities|electric|electricity|water bill|gas bill|internet|wifi|wi-fi|heat(?:ing)? included|heat)\b/],
  ["lease", /\b(lease (?:term|length)s?|how long is the lease|month-to-month|month to month|short[- ]term|12[- ]month|6[- ]month|lease terms?)\b/],
  [
    "size",
    /\b(square (?:feet|foot|footage)|sq\.? ?ft|sqft|how big|size|how large|footage|how many (?:bath(?:room)?s|bed(?:room)?s|rooms)|(?:is|it'?s) (?:it |that |this )?(?:a )?(?:studio|one[- ]bed(?:room)?|two[- ]bed(?:room)?|\d[- ]?(?:bed(?:room)?|br))|\b(?:a|an) (?:studio|one[- ]bed\w*|two[- ]bed\w*|\d[- ]?(?:bed\w*|br))\s*\?)/,
  ],
  [
    "amenities",
    /\b(amenit(?:y|ies)|gym|fitness|pool|rooftop|balcony|patio|yard|dishwasher|elevator|storage|concierge|ac|air condition\w*|fireplace|ev charg\w*|terrace|deck|porch|garden|bike (?:room|storage)|package (?:room|lockers)|doorman|roof deck|dog run|pet wash)\b/,
  ],
  ["furnished", /\b(furnished|furniture)\b/],
  ["open_house", /\b(open house|open houses|open viewing|walk-?in (?:hours|times))\b/],
  ["units", /\bhow many (?:units|apartments|homes|places|ones)\b|\b(?:number|count) of (?:units|apartments)\b|\bunits? (?:are )?(?:left|available|open)\b/],
  ["application", /\b(apply|application|credit check|background check|income requirement|qualif(?:y|ications?)|co-?signer|guarantor)\b/],
  ["price", /\b(how much|price|rent|cost|per month|monthly|expensive)\b/],
  [
    "other",
    /\bhow much (?:is|are|does|do|would|will)?\s*(?:the |a |my |it )?(?:parking|key|keys|replacement|owe|deposit|fee|fees|late|utilit\w*|pet rent|application|charge|cost to|bill|new rent|renewal|to park|to apply)\b|\bhow much do i owe\b/,
  ],
  ["address", /\b(where(?: exactly)? is|where'?s|address|located|location|what street|neighbou?rhood|directions|how do i get there)\b/],
  [
    "available",
    /\b(when (?:is|will) it (?:be )?available|available from|move[- ]in date|when can (?:i|we) move|(?:earliest|soonest) (?:i|we) (?:can|could) move|earliest (?:i could |i can |to )?move|move in (?:by|on|when)|availability date|still available)\b/,
  ],
];

const GENERAL_DETAILS =
  /\b(tell me (?:more )?about|more (?:info|information|details)|details (?:on|about|for)|what(?:'?s| is) (?!(?:the )?(?:weather|traffic|crime|area|neighbou?rhood|city|commute|school|schools|rent|price|parking|market)\b)(?:it|the place|[a-z&'-]+(?: [a-z&'-]+){0,3}) like|describe|info (?:on|about)|more about|learn more)\b/;

function questionTopics(t: string): QuestionTopic[] {
  const isQuestion =
    /\?|^(do|does|is|are|can|could|what|what's|whats|how|where|when|which|any|tell me|i was wondering|wondering|and)\b/.test(t) ||
    /\b(how much|how many|how big|is there|are there|does it|do they|do you|is it|what is|what's|whats|where is|where's|i'd like to know|want to know|wondering|tell me (?:if|whether|about|more)|let me know (?:if|whether)|can you tell)\b/.test(
      t,
    ) ||
    GENERAL_DETAILS.test(t);
  if (!isQuestion) return [];
  let topics = TOPIC_RULES.filter(([, re]) => re.test(t)).map(([topic]) => topic);
  // "How much is parking?" is a cost we may not know, not the rent.
  if (topics.includes("other") && topics.includes("price")) topics = topics.filter((x) => x !== "price");
  if (topics.length > 1) topics = topics.filter((x) => x !== "other");
  // "The pet deposit" is part of the pet policy.
  if (topics.includes("pets") && topics.includes("deposit") && /\bpet deposit\b/.test(t) && !/\bsecurity deposit\b/.test(t))
    topics = topics.filter((x) => x !== "deposit");
  // "How much is the deposit?" asks about the deposit, not the rent.
  if (
    topics.includes("price") &&
    topics.some((x) => x === "deposit" || x === "fees" || x === "utilities" || x === "pets") &&
    !/\brent\b/.test(t) &&
    /\b(?:how much|cost|price)\b(?:\s+(?!and\b)[\w'-]+){0,4}?\s+(?:deposit|fees?|utilit\w*|pets?|pet rent|dogs?|cats?)\b/.test(t)
  ) {
    topics = topics.filter((x) => x !== "price");
  }
  if (topics.length) return topics;
  return GENERAL_DETAILS.test(t) ? [] : ["other"];
}

/** Residents write about repairs, lock-outs, rent and their lease, not about renting. */
export function residentMatter(t: string): Intents["resident"] {
  const resident =
    /\b(i live|i'?m a (?:current )?(?:tenant|resident)|my (?:unit|apartment|apt|lease|landlord|rent|neighbou?r)|in (?:unit|apt|apartment) #?\w+|unit #?\d+|current (?:tenant|resident)|our (?:unit|apartment))\b/.test(
      t,
    );
  if (
    /\b(gas (?:smell|leak)|smell(?:s)? (?:of )?gas|smoke|fire|sparks?|sparking|electrical (?:fire|hazard)|burning smell|flood(?:ing|ed)?|water (?:pouring|gushing|everywhere|coming through)|burst pipe|pipe burst|carbon monoxide|co alarm|break[- ]?in|broken into|intruder)\b/.test(
      t,
    )
  )
    return "emergency";
  if (
    /\b(locked out|lock(?:ed)? myself out|lost (?:my )?keys?|can'?t get in(?:side)?|cannot get in|key (?:doesn'?t|won'?t|does not) work|keys? (?:is|are) (?:lost|stuck)|need a locksmith|send a locksmith)\b/.test(
      t,
    )
  )
    return "lockout";
  if (
    /\b(maintenance|locksmith|repair (?:person|guy|tech|request)|work order|super(?:intendent)?)\b/.test(t) &&
    !/\b(tour|for rent|looking for|apartment for)\b/.test(t)
  ) {
    if (/\blocksmith\b/.test(t)) return "lockout";
    return "maintenance";
  }
  // A link or the website that does not work is not a repair.
  if (
    /\b(link|website|site|page|portal|app|button|confirmation|e-?mail)\b[^.?!]{0,30}\b(?:doesn'?t|does not|won'?t|isn'?t|not|never)\b/.test(t) &&
    !/\b(door|lock|sink|toilet|heat|water|fridge|stove|oven|light|outlet|ac)\b/.test(t)
  )
    return undefined;
  const repair =
    /\b(leak\w*|drip\w*|broken|not working|doesn'?t work|won'?t (?:work|turn on|drain|flush|close|open)|clogged|no (?:heat|hot water|power|electricity|ac|air)|heat(?:er|ing)? (?:is )?(?:out|broken|off)|mold|mould|pests?|roaches|mice|rats|bugs|repair|maintenance|fix|stuck|noise complaint|noisy neighbou?r|package (?:missing|stolen)|missing package|dishwasher|fridge|toilet|sink|faucet|outlet|garbage disposal)\b/.test(
      t,
    );
  if (repair && (resident || /\b(my|our)\b/.test(t)) && !/\b(tour|available|for rent|looking for)\b/.test(t)) return "maintenance";
  if (
    /\b(pay(?:ing)? (?:my )?rent|rent (?:payment|portal|receipt|check|is late|was late|bounced)|late fee|payment plan|how much do i owe|my balance|balance due|where do i send (?:my )?rent|autopay|rent check|rent (?:increase|going up))\b/.test(
      t,
    )
  )
    return "rent";
  if (resident && /\b(notice|move out|moving out|sublet|sublease|renew|renewal|break (?:my|the) lease|lease end|end my lease)\b/.test(t)) return "lease";
  if (
    /\b(give (?:my )?notice|sublet|sublease|renew my lease|break my lease|move[- ]out inspection|(?:to|on|in|from|off) my lease|my (?:current )?lease (?:says|ends|is up|expires|agreement))\b/.test(
      t,
    )
  )
    return "lease";
  return undefined;
}

export function findIntents(t: string): Intents {
  const yes =
    /^(?:(?:yes|yeah|yea|yep|yup|ya|sure|ok|okay|k|kk|alright|all right|absolutely|definitely|of course|please|please do|do it|go ahead|go for it|sounds good|sounds great|sounds perfect|perfect|great|works|that works|that'?s? (?:fine|good|great|perfect)|works for me|correct|confirm(?:ed)?|book it|yes please|let'?s do it|let'?s do that|that one|lock it in|👍)[\s,.!]*)+(?:thanks?|thank you|please)?[.!]*$/.test(
      t,
    ) ||
    /^(yes|yeah|yep|yup|sure|ok|okay|absolutely|definitely|perfect|great|correct)\b[ ,!.]/.test(t) ||
    /\b(sounds good|that works|works for me|go ahead|please book|book it|confirm(?: it)?|lock it in)\b/.test(t);
  const no =
    /^(?:no|nope|nah|not really|no thanks|no thank you|not yet|never ?mind|nevermind|don'?t|do not|cancel that|not that one|neither)\b/.test(t) ||
    /\b(none of (those|these|them)|doesn'?t work|does not work|won'?t work|can'?t do (that|those)|not (a )?good (time|for me))\b/.test(t);
  const cancel =
    /\b(cancel+(?:ed|ing)?|call(?:ing)? off|can'?t make it|cannot make it|won'?t make it|will not make it|won'?t be able to (?:make|come|attend)|no longer (?:need|want|interested)|scrap (?:the|my) (?:tour|appointment|visit)|call (?:it|the tour|my tour) off|won'?t need (?:the|my) (?:tour|appointment)|don'?t need (?:the|my) (?:tour|appointment) anymore|found (?:a|another) place|can'?t come (?:anymore|any more|after all)|can no longer (?:make it|come|attend)|(?:not|never) (?:going|gonna) (?:to )?make it|(?:remove|delete|drop) (?:my|the|our|that) (?:booking|tour|appointment|visit|showing|reservation)|(?:go|going|went) with (?:another|a different|a other) (?:apartment|place|unit|property|building|option)|decided (?:to go with|on) (?:another|a different)|signed (?:a lease )?(?:somewhere else|elsewhere)|no longer looking)\b/.test(
      t,
    ) && !/\bcancel(?:lation)? (?:policy|fee)\b/.test(t);
  const reschedule =
    /\b(re-?schedul\w*|move (?:my|the|it|our|that)\b|change (?:my|the|it|that)\b(?: (?:tour|time|appointment|visit|booking|showing))?|push (?:it|my tour|the tour|that)\b|bump (?:it|my tour|the tour)\b|make it (?:at |for |on )?(?:\d|mon|tue|wed|thu|fri|sat|sun|tomorrow|later|earlier|an? )|different (?:time|day)|another (?:time|day)|earlier time|later time|switch (?:the|my|it) (?:time|tour|to)|a bit (?:later|earlier)|later that day|earlier that day)/.test(
      t,
    );
  const listTours =
    /\b(what (?:do|did) i have (?:booked|scheduled|lined up|coming up|on)|what'?ve i got|what i'?ve got (?:lined up|booked|scheduled|coming up)|(?:do|did) i have anything (?:else )?(?:booked|scheduled|lined up|coming up)|lined up|on my (?:calendar|schedule)|my schedule|remind me (?:when|what)|my (?:tours?|appointments?|bookings?|visits?|showings?|reservations?)|(?:what|which) tours? (?:do i|have i|did i)|do i have (?:a|any) (?:tours?|appointments?|bookings?)|when is my (?:tour|appointment|visit|showing)|what time is my|tours? (?:i have|i booked|booked for me)|did (?:it|that|my tour) (?:go through|get booked)|am i booked|what did i book|what do i have(?: now| booked| left| so far)?(?=\s*\?*$)|what'?s booked|what is booked|what have i (?:got )?booked|anything booked|(?:show|list) (?:me )?my (?:tours?|bookings?|appointments?)|i (?:already )?booked (?:a|the|my) (?:tour|showing|viewing|visit|appointment)\b.*\bwhen\b)\b/.test(
      t,
    );
  const tour =
    /\b(tours?|visit|view(?:ing)?|see (?:it|the|this|that|one|them|a|an|inside|in person|the place|the unit|the apartment)|come (?:by|see|look|over|take a look)|stop by|swing by|check (?:it|them|the place|the unit) out|look at (?:it|the|this|that)|showings?|appointment|schedul\w*|book\w*|reserve|walk ?through|in person|open house)\b/.test(
      t,
    ) && !cancel;
  const bookNow =
    /\b(book|reserve|schedule|lock in|sign me up|put me down|grab|take)\b.*\b(it|that|this|one|slot|time|tour|for|at|on|me)\b/.test(t) ||
    /^(?:book|reserve|schedule)\b/.test(t);
  const availability =
    /\b(availab\w*|open(?:ings?)? (?:slots?|times?)|free (?:slots?|times?)|when can i|what times?|which times?|what days?|times? (?:are|do you have)|any (?:slots?|times?|openings?)|slots?)\b/.test(
      t,
    );
  const search =
    /\b(looking for|look(?:ing)? to rent|in the market|searching|search|need (?:a|an|some) (?:place|apartment|unit|home|house|rental|studio|\w+ ?bed)|want (?:a|an) (?:place|apartment|unit|home|rental|studio)|show me|what do you have|do you have (?:any(?:thing)?|a|an)|anything (?:in|near|under|with|available)|any (?:apartments|units|places|listings|rentals|studios|homes|\d\s*(?:br|bed))|apartments?|rentals?|listings?|places? (?:in|near|under|for)|units? (?:in|near|under|available)|options|properties|homes? for rent|relocat\w+)\b/.test(
      t,
    );
  // "Anything in the afternoon?", "anything available Saturday?": times, not listings.
  const asksForTimes =
    /\b(?:anything|any ?thing|any(?: times?| slots?)?) (?:(?:open|available|free) )?(?:in the |on |for |later |earlier )?(?:morning|afternoon|evening|tonight|today|tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day|later|earlier|weekend)\b/.test(
      t,
    );
  const takesBack =
    /\b(forget (?:it|that|about it)|not interested(?: anymore)?|no longer interested|changed my mind|scratch that|i'?ll pass|pass on (?:it|that))\b/.test(t);
  const brokenLink =
    /\b(?:link|confirmation|manage (?:page|link)|website|page)\b[^.?!]{0,30}\b(?:doesn'?t|does not|won'?t|isn'?t|not|never) (?:work|working|open|load|arrive|come)\b|\bbroken link\b|\bcan'?t open the (?:link|page)\b|\b(?:never got|didn'?t get|haven'?t (?:got|received)) (?:the|my|a|any) (?:confirmation|e-?mail)\b/.test(
      t,
    );
  // "Is this a real person?" asks what it is talking to; it is not a request for one.
  const asksIfHuman =
    /\b(?:is (?:this|it)|are you|am i (?:talking|chatting|speaking) (?:to|with)) (?:a |an )?(?:real )?(?:person|human|bot|robot|ai|machine)\b/.test(t) &&
    !/\b(?:talk|speak|chat) (?:to|with) (?:a|an|someone|somebody|the)\b|\b(?:want|need|get me|connect me|transfer me)\b/.test(t);
  const human =
    !asksIfHuman &&
    (brokenLink ||
      (/\b(?:real (?:person|human)|human being|talk to (?:a|an|someone|somebody|the|your)\b|speak (?:to|with) (?:a|an|someone|somebody|the|your)\b|(?:an?|the) (?:agent|representative|rep|manager|person|human|leasing agent|staff member)\b(?! (?:said|told))|call me|customer service|operator)/.test(
        t,
      ) &&
        /\b(person|human|agent|representative|rep|manager|someone|somebody|staff|operator|customer service|call me|leasing (?:agent|office|team))\b/.test(t)));
  return {
    greeting: /^(?:hi|hello|hey|hiya|howdy|good (?:morning|afternoon|evening)|greetings|yo|hola|sup)\b/.test(t),
    thanks: /\b(thanks?|thank you|thx|ty|cheers|appreciate it|much appreciated)\b/.test(t),
    bye: /\b(bye|goodbye|see you|see ya|talk (?:to you )?later|have a (?:good|great|nice) (?:day|one|night|weekend))\b/.test(t),
    yes,
    no: no && !yes,
    search: search && !asksForTimes,
    tour,
    bookNow,
    availability,
    reschedule,
    cancel,
    listTours,
    human,
    question: questionTopics(t)[0],
    topics: questionTopics(t),
    details: GENERAL_DETAILS.test(t),
    retract: takesBack || /\b(change of plans?|take (?:it|that) back)\b/.test(t),
    undo: /\b(undo(?: that| it)?|don'?t book(?: it| that)?|do not book|didn'?t (?:want|mean) to book|shouldn'?t have booked|unbook|take (?:it|that) back|wasn'?t ready to book)\b/.test(
      t,
    ),
    dropIt: takesBack || /\bnever ?mind\b/.test(t),
    compare: /\b(compare|comparison|difference between|differences|which (?:one )?is (?:better|bigger|cheaper|nicer)|vs\.?|versus)\b/.test(t),
    pickBy: /\b(cheaper|cheapest|less expensive|least expensive|lower rent|more affordable|most affordable)\b/.test(t)
      ? "cheapest"
      : /\b(bigger|biggest|larger|largest|more space|more room|most space)\b/.test(t)
        ? "biggest"
        : /\b(smaller|smallest)\b/.test(t)
          ? "smallest"
          : /\b(pricier|most expensive|nicer|fancier)\b/.test(t)
            ? "priciest"
            : undefined,
    applicationStatus:
      /\b(?:submitted|sent|filled out|completed|turned in|put in) (?:my|an|the|our) application\b|\bapplication status\b|\bstatus of (?:my|the|our) application\b|\b(?:my|our) application\b[^.?!]{0,40}\b(?:stands?|status|approved|denied|update|hear back|heard back|processed)\b|\bheard back (?:on|about) (?:my|the|our) application\b/.test(
        t,
      ),
    later:
      /\b(not ready (?:to (?:tour|book|see|visit)|yet)|let me think|think (?:about )?it over|think about it|(?:i'?ll|i will|let me) get back to you|i'?ll let you know|need to (?:think|check with|talk to|ask) |not sure yet|maybe later|later maybe|not ready (?:yet|to book)|hold off)\b/.test(
        t,
      ),
    noEmail:
      /\b(?:don'?t|do not|dont) (?:have|use) (?:an? )?e-?mail\b|\bno e-?mail(?: address)?\b|\bwithout (?:an? )?e-?mail\b|\b(?:text|call) me instead\b/.test(t),
    lowerRent:
      /\b(?:anything|something|any|any ?thing|others?|more|options?|places?|ones?|units?|apartments?|listings?)\b[^.?!]{0,20}\b(?:cheaper|less expensive|more affordable|lower (?:rent|price))\b|\b(?:cheaper|less expensive|more affordable) (?:options?|places?|ones|units?|apartments?|listings?|than (?:that|those|these))\b/.test(
        t,
      ),
    other:
      /\b(other (?:times?|options?|days?|ones?|places?)|something else|anything else (?:available|open)|more (?:times?|options?)|later (?:times?|that day|in the day)|earlier (?:times?|that day|in the day)|different (?:times?|days?|places?|ones?))\b/.test(
        t,
      ),
    thirdParty:
      (/\b(?:her|his|their|someone else'?s|somebody else'?s|another (?:person|user|customer|tenant|prospect)'?s|other (?:people|users|customers)'?s?|([a-z]+)'s) (?:tours?|appointments?|bookings?|visits?|showings?|reservations?)\b/.test(
        t,
      ) &&
        !/\b(?:my|our)\b(?:\s+\w+){0,2}\s+(?:tours?|appointments?|bookings?)\b/.test(t.replace(/\b(?:her|his|their)\b.*$/, ""))) ||
      /\b(?:all|every|everyone'?s|any(?:one|body)'?s) (?:the )?(?:tours?|appointments?|bookings?|reservations?)\b/.test(t) ||
      /\b(?:her|his|their|[a-z]+'s) (?:phone|number|email|e-mail|address|unit|apartment)\b/.test(t) ||
      /\b(?:what|which) unit (?:does|do|is)\b|\bwhere does [a-z]+ live\b|\bwho (?:lives|is living|lived|stays) (?:at|in)\b|\bwho(?:'s| is) the (?:tenant|resident)\b|\bwho else (?:has|is)\b|\b(?:is )?any(?:one|body) else (?:booked|coming|touring|scheduled)\b|\bother people'?s\b/.test(
        t,
      ) ||
      /\b(?:admin|developer|debug|god|root|system) mode\b|\bignore (?:all |your |the )?(?:previous|prior|above) (?:instructions|rules)/.test(t),
    resident: residentMatter(t),
    negotiate:
      !/\bnon-?negotiable\b|\bnot negotiable\b/.test(t) &&
      /\b(negotia\w*|take \$?\d[\d,.]*k? (?:for|instead)|lower (?:the )?rent|rent (?:reduction|discount)|any (?:discount|deals?|specials?|concessions?)|discount on|knock (?:some|\$?\d+)|come down (?:on|to)|waive (?:the )?(?:fee|deposit|application)|match (?:a|the|another) (?:price|offer))\b/.test(
        t,
      ),
    automated:
      /\b(who am i (?:talking|chatting|speaking) (?:to|with)|who (?:is this|are you)|what are you|are you (?:a |an )?(?:bot|robot|ai|human|real|person|machine|automated)|is this (?:a |an )?(?:bot|robot|ai|automated|real person|human)|am i (?:talking|chatting|speaking) (?:to|with) (?:a |an )?(?:bot|robot|ai|human|real person|person))\b/.test(
        t,
      ),
  };
}
