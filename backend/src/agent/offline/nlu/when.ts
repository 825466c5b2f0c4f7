import * as chrono from "chrono-node";
import { addDays, localDateOf, weekdayOf } from "../../../domain/availability/slot-math";
import { offsetMinutes } from "../../../domain/shared/zone-offset";
import { ORDINALS, typoDistance } from "./text";

export type PartOfDay = "morning" | "afternoon" | "evening";

/** When someone wants to come, read in the property's zone. */
export interface WhenFinding {
  /** A specific local date, YYYY-MM-DD. */
  date?: string;
  /** A span of local dates ("next week", "this weekend"). */
  range?: { from: string; to: string };
  /** A clock time, HH:MM (24 h), when one was given. */
  time?: string;
  partOfDay?: PartOfDay;
  /** "after 4", "before noon": HH:MM bounds. */
  after?: string;
  before?: string;
  /** "same day" / "same time": keep that part of the tour being changed. */
  sameDay?: boolean;
  sameTime?: boolean;
  /** "the first available", "earliest", "asap". */
  earliest?: boolean;
  /** "the latest you have". */
  latest?: boolean;
  /** "An hour later", "push it back 30 minutes": minutes to move the time being changed. */
  shiftMinutes?: number;
  /** "Yesterday", "last Friday": a day already gone. */
  past?: boolean;
  /** "Postpone it by a week": days to move the tour being changed, keeping its time. */
  shiftDays?: number;
  /** "1pm Eastern": the time was given in this zone and has been converted to the reading zone. */
  givenIn?: { zone: string; label: string; time: string };
}

/** "Early afternoon" and the like, as [after, before] local times (one end open). */
const SHADED_PARTS: Record<string, [string | undefined, string | undefined]> = {
  "early morning": [undefined, "10:00"],
  "mid morning": ["09:30", "11:30"],
  "late morning": ["10:00", "12:00"],
  "early afternoon": ["12:00", "15:00"],
  "mid afternoon": ["13:00", "16:00"],
  "late afternoon": ["15:00", "18:00"],
  "early evening": ["17:00", "19:00"],
  "mid evening": ["18:00", "20:00"],
  "late evening": ["19:00", undefined],
};

/** What follows a number that makes it a count rather than a time. */
const COUNTED = /^\s*(?:bed\w*|br\b|bd\b|bath\w*|ba\b|people|persons?|pets?|dogs?|cats?|kids?|roommates?|cars?|parking|spots?|days?|weeks?|months?|years?|%)/;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A clock hour without am/pm, read the way people mean tour times: 8-11 in the morning,
 * 12 at noon, 1-7 in the afternoon or evening.
 */
export function businessHour(h: number): number {
  if (h >= 1 && h <= 7) return h + 12;
  return h;
}

const DAY_WORDS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "tomorrow"];
/** Real words that sit one slip away from a day's name. */
const NOT_DAY_TYPOS = new Set(["sundry", "sundae", "mondays", "fridge", "tomorrows", "tuesdays", "thursdays"]);

/**
 * Misspelled days ("thrusday", "wensday", "saterday", "tommorow") read as the day meant:
 * same first letter, one slip for short names, two for long ones, and one closest name.
 */
function fixDayTypos(t: string): string {
  return t.replace(/\b[a-z]{5,10}\b/g, (word) => {
    if (DAY_WORDS.includes(word) || NOT_DAY_TYPOS.has(word)) return word;
    const stem = word.endsWith("s") && DAY_WORDS.includes(word.slice(0, -1)) ? word.slice(0, -1) : word;
    if (stem !== word) return word;
    let best: string | undefined;
    let bestDistance = Infinity;
    let tie = false;
    for (const day of DAY_WORDS) {
      if (day[0] !== word[0]) continue;
      const dist = typoDistance(word, day);
      if (dist < bestDistance) [best, bestDistance, tie] = [day, dist, false];
      else if (dist === bestDistance) tie = true;
    }
    if (!best || tie) return word;
    return bestDistance <= (best.length >= 8 ? 2 : 1) ? best : word;
  });
}

const CLOCK_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};

/** Day names in Spanish, the second language of many prospects. */
const SPANISH_DAYS: Record<string, string> = {
  lunes: "monday",
  martes: "tuesday",
  miercoles: "wednesday",
  jueves: "thursday",
  viernes: "friday",
  sabado: "saturday",
  domingo: "sunday",
};

function normalize(folded: string): string {
  return fixDayTypos(folded)
    .replace(/\b(lunes|martes|miercoles|jueves|viernes|sabado|domingo)\b/g, (d) => SPANISH_DAYS[d])
    .replace(/\ba las (\d{1,2})\b/g, "at $1")
    .replace(/\b(?:a )?la misma hora\b/g, "same time")
    .replace(/\bel mismo dia\b/g, "same day")
    .replace(/\bnoonish\b/g, "around noon")
    .replace(/\b(\d{1,2}(?::\d{2})?)\s*-?ish\b/g, "around $1")
    .replace(/\btmrw?\b|\btmr\b|\btomm?or+ow\b|\b2moro\b|\btomorow\b/g, "tomorrow")
    .replace(/\btues\b/g, "tuesday")
    .replace(/\bweds?\b/g, "wednesday")
    .replace(/\bthur?s?\b/g, "thursday")
    .replace(/\bwknd\b/g, "weekend")
    .replace(/\bmidday\b|\blunch ?time\b|\blunch\b/g, "noon")
    .replace(
      /\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b(?=\s*(?:o'?clock|am\b|pm\b|thirty\b|fifteen\b|forty[- ]five\b|ish\b))|(?<=\b(?:at|around|by|past|after|before|till|until|to) )(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/g,
      (w) => String(CLOCK_WORDS[w]),
    )
    .replace(/\bhalf (?:past|after) (\d{1,2})\b/g, (_m, h: string) => `${h}:30`)
    .replace(/\bquarter (?:past|after) (\d{1,2})\b/g, (_m, h: string) => `${h}:15`)
    .replace(/\bquarter (?:to|till|til|of) (\d{1,2})\b/g, (_m, h: string) => `${Number(h) === 1 ? 12 : Number(h) - 1}:45`)
    .replace(/(\d)\s*(a|p)\.?m\.?\b/g, "$1$2m")
    .replace(/\b(\d{1,2}(?::\d{2})?)\s?(a|p)\b(?!\.?m)/g, "$1$2m")
    .replace(/\b(\d{1,2}) (thirty|fifteen|forty[- ]five)\b/g, (_m, h: string, m: string) => `${h}:${m === "thirty" ? "30" : m === "fifteen" ? "15" : "45"}`)
    .replace(/\b(\d{1,2})\s*o'?clock\b/g, "at $1")
    .replace(/\bo'?clock\b/g, "");
}

function nextDayOfMonth(today: string, day: number): string | undefined {
  const [y, m] = today.split("-").map(Number);
  for (let k = 0; k < 3; k++) {
    const year = y + Math.floor((m - 1 + k) / 12);
    const month = ((m - 1 + k) % 12) + 1;
    const candidate = `${year}-${pad(month)}-${pad(day)}`;
    if (new Date(`${candidate}T00:00:00Z`).getUTCMonth() + 1 !== month) continue;
    if (candidate >= today) return candidate;
  }
  return undefined;
}

function parseClock(h: string, m: string | undefined, mer: string | undefined): string | undefined {
  let hour = Number(h);
  const minute = m ? Number(m) : 0;
  if (hour > 23 || minute > 59) return undefined;
  if (mer === "pm" && hour < 12) hour += 12;
  else if (mer === "am" && hour === 12) hour = 0;
  else if (!mer) hour = businessHour(hour);
  return `${pad(hour)}:${pad(minute)}`;
}

export function findWhen(text: string, foldedText: string, ref: { nowMs: number; tz: string }): WhenFinding {
  let folded = foldedText;
  // "tomorrow at 3 no wait 4": what follows the correction wins.
  const correction =
    /\b(?:no wait|wait no|no,? i mean|i mean|i meant|make (?:it|that)|or rather|actually|sorry)\b(?!.*\b(?:no wait|wait no|i mean|i meant|make (?:it|that)|or rather|actually|sorry)\b)/.exec(
      folded,
    );
  if (correction && correction.index > 0) {
    const head = findWhen(text, folded.slice(0, correction.index), ref);
    const tail = findWhen(text, folded.slice(correction.index + correction[0].length).trim(), ref);
    return { ...head, ...Object.fromEntries(Object.entries(tail).filter(([, v]) => v !== undefined)) };
  }
  // "I work until 4:30", "in class till noon": when they are busy, so the earliest they can come.
  const busyUntil =
    /\b(?:work|working|at work|busy|in class|in classes|in meetings?|on shift)\b[^.?!]{0,30}\b(?:until|till|til)\s+(\d{1,2}(?::\d{2})?\s*(?:am|pm)?|noon)/.exec(
      folded,
    );
  if (busyUntil)
    folded = `${folded.slice(0, busyUntil.index)} ${folded.slice(busyUntil.index + busyUntil[0].length)}${/\bafter\s+\d/.test(folded) ? "" : ` after ${busyUntil[1] === "noon" ? "12" : busyUntil[1]}`}`;
  const t = normalize(folded);
  const today = localDateOf(new Date(ref.nowMs), ref.tz);
  const out: WhenFinding = {};
  const dow = weekdayOf(today);
  if (/\bsame day\b|\bthat same day\b|\bsame date\b|\b(?:later|earlier) (?:that|the same|on that) day\b|\bthat day\b/.test(t)) out.sameDay = true;
  if (/\b(?:latest|last (?:slot|time|tour|appointment|one of the day)|as late as)\b/.test(t)) out.latest = true;
  if (/\bsame (?:time|hour|slot)\b/.test(t)) out.sameTime = true;
  // "Postpone it by a week", "push it a week": the same time, days later.
  const dayShift = /\b(?:postpone|push|move|bump|delay)\b[^.?!]{0,25}\b(?:by )?(?:exactly )?(a|one|two|1|2) weeks?\b|\b(a|one|two|1|2) weeks? later\b/.exec(t);
  if (dayShift) out.shiftDays = 7 * ({ a: 1, one: 1, two: 2 }[(dayShift[1] ?? dayShift[2]) as string] ?? Number(dayShift[1] ?? dayShift[2]));
  // "The day after instead", "push it back a day", "a day earlier".
  else if (
    /\b(?:postpone|push|move|bump|delay)\b[^.?!]{0,20}\b(?:back |forward )?(?:by )?(?:a|one) day\b|\ba day later\b|\bthe (?:next|following) day\b|\bthe day after\b(?! (?:tomorrow|christmas|xmas|thanksgiving|new year))/.test(
      t,
    )
  )
    out.shiftDays = 1;
  else if (/\ba day (?:earlier|before)\b|\bthe day before\b(?! (?:christmas|xmas|thanksgiving|new year))/.test(t)) out.shiftDays = -1;
  if (
    /\b(first available|earliest|soonest|next available|first (?:open )?(?:slot|time|opening))\b(?! (?:i|we|you) (?:can|could) (?:move|get the keys)| move| possible move| move-in)/.test(
      t,
    )
  )
    out.earliest = true;

  // "Push it back an hour", "30 minutes earlier": a shift of the time being changed.
  const shift =
    /\b(?:(?:push|move|bump|set|put)(?: (?:it|that|the tour|my tour))?(?: (back|forward|up|later|earlier))?(?: by)? )?(an?|one|two|three|half an|1|2|3|15|20|30|45|90)\s*(hours?|hrs?|minutes?|mins?)\b(?: (later|earlier|back|forward|sooner))?/.exec(
      t,
    );
  if (shift && (shift[1] || shift[4])) {
    const amount = { a: 1, an: 1, one: 1, two: 2, three: 3, "half an": 0.5 }[shift[2]] ?? Number(shift[2]);
    const minutes = /^h/.test(shift[3]) ? amount * 60 : amount;
    const direction = shift[4] ?? shift[1];
    out.shiftMinutes = /^(?:forward|up|earlier|sooner)$/.test(direction) ? -minutes : minutes;
  }
  // Durations are not clock times ("an hour later" is not an hour from now).
  const tc0 = t.replace(
    /\b(?:in )?(?:an?|one|two|three|half an|\d{1,3})\s*(?:hours?|hrs?|minutes?|mins?)\b(?: (?:later|earlier|back|forward|sooner|from now))?/g,
    " ",
  );

  // Money is not a date or a time ("under 1800", "$2,500 max").
  const tc = tc0.replace(
    /\b(?:under|below|max(?:imum)?|up to|less than|no more than|budget(?: of| is)?|around|about|for)?\s*\$\s*\d[\d,]*(?:\.\d+)?\s*k?\b|\b(?:under|below|max(?:imum)?|up to|less than|no more than|budget(?: of| is)?)\s*\d[\d,]{2,}\s*k?\b|\b\d{1,2}(?:\.\d)?k\b/g,
    " ",
  );

  // "In two weeks", "a week from Monday", "the week after next": the week meant.
  const WEEKDAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
  let weekShift = 0;
  const inWeeks = /\b(?:in|about) (a|one|two|three|four|1|2|3|4) weeks?(?:'? time)?\b|\b(a|one|two|three|1|2|3) weeks? from (?:now|today)\b/.exec(tc);
  if (inWeeks) weekShift = { a: 1, one: 1, two: 2, three: 3, four: 4 }[(inWeeks[1] ?? inWeeks[2]) as string] ?? Number(inWeeks[1] ?? inWeeks[2]);
  const weekFrom = /\b(a|one|two|1|2) weeks? from (tomorrow|(?:this |next )?(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday))\b/.exec(tc);
  const afterNext = /\bweek after next\b/.test(tc);

  // Spans.
  if (afterNext) {
    const monday = addDays(today, ((8 - dow) % 7 || 7) + 7);
    out.range = { from: monday, to: addDays(monday, 6) };
  } else if (weekShift && !weekFrom) {
    const anchor = addDays(today, 7 * weekShift);
    const named = new RegExp(`\\b(${WEEKDAY_NAMES.join("|")})\\b`).exec(tc);
    if (named) {
      const monday = addDays(anchor, -((weekdayOf(anchor) + 6) % 7));
      out.date = addDays(monday, (WEEKDAY_NAMES.indexOf(named[1]) + 6) % 7);
    } else {
      const monday = addDays(anchor, -((weekdayOf(anchor) + 6) % 7));
      out.range = { from: monday < today ? today : monday, to: addDays(monday, 6) };
    }
  } else if (/\bnext week\b/.test(t)) {
    const monday = addDays(today, (8 - dow) % 7 || 7);
    out.range = { from: monday, to: addDays(monday, 6) };
  } else if (/\bthis week\b|\blater this week\b|\bthis coming week\b/.test(t)) {
    out.range = { from: today, to: addDays(today, (7 - dow) % 7) };
  } else if (/\b(?:this |the |next |over the |on the )?weekend\b/.test(t)) {
    const sat = addDays(today, (6 - dow + 7) % 7);
    const from = /\bnext weekend\b/.test(t) && dow !== 6 && dow !== 0 ? addDays(sat, 7) : dow === 0 ? today : sat;
    out.range = { from, to: dow === 0 ? today : addDays(sat, 1) };
  }
  // "Any time", "earliest": the coming week, unless a day is named (read below).
  const anyTime =
    !out.range &&
    !out.date &&
    /\b(?:any ?time|whenever|soon|asap|earliest|first available|next available|soonest)\b(?! (?:i|we|you) (?:can|could) (?:move|get the keys)| move| possible move| move-in)/.test(
      t,
    );

  // Parts of the day and bounds. "Early afternoon", "late morning": a window inside the part.
  const shaded = /\b(early|late|mid)[- ]?(morning|afternoon|evening)\b/.exec(t);
  if (shaded) {
    const [from, to] = SHADED_PARTS[`${shaded[1]} ${shaded[2]}`];
    if (from) out.after = from;
    if (to) out.before = to;
    if (!from || !to) out.partOfDay = shaded[2] as PartOfDay;
  } else if (/\bmornings?\b|\bearly\b(?! (?:dec|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|next|this))/.test(t)) out.partOfDay = "morning";
  else if (/\bafternoons?\b|\bafter lunch\b/.test(t)) out.partOfDay = "afternoon";
  else if (/\bevenings?\b|\bafter work\b|\btonight\b|\blate\b(?! (?:dec|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov))/.test(t)) out.partOfDay = "evening";
  const after = /\b(?:after|from|any ?time after|no earlier than|not before)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b(?!\s*(?:to|-|until|till|til)\b)/.exec(t);
  if (after && /\b(?:after|earlier|not before)\b/.test(after[0])) out.after = parseClock(after[1], after[2], after[3]);
  const before = /\b(?:before|by|no later than|not after)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b|\bbefore noon\b/.exec(t);
  if (before && (before[1] === undefined || /\b(?:before|later than|not after)\b/.test(before[0])))
    out.before = before[1] ? parseClock(before[1], before[2], before[3]) : "12:00";
  // "between 2 and 4", "from 1 to 3pm", "2-4pm": start times inside the window.
  const span =
    /\b(?:between|from|anywhere from|any ?time (?:between|from))?\s*\b(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*(?:and|to|-|–|until|till|til)\s*(\d{1,2}|noon)(?::(\d{2}))?\s*(am|pm)?\b(?!\s*(?:bed|br|bd|bath|ba|people|pets?|days?|weeks?|months?|years?|%|\/|\$|k\b))/.exec(
      t,
    );
  let spanned = false;
  if (span && (/\b(?:between|from)\b/.test(span[0]) || span[3] || span[6])) {
    const endMer = span[6] ?? (span[3] === "pm" ? "pm" : undefined);
    const end = span[4] === "noon" ? "12:00" : parseClock(span[4], span[5], endMer);
    let start = parseClock(span[1], span[2], span[3] ?? (endMer === "pm" && Number(span[1]) < Number(span[4]) ? "pm" : span[4] === "noon" ? "am" : undefined));
    if (start && end && start > end && !span[3]) start = parseClock(span[1], span[2], "am");
    if (start && end && start < end) {
      out.after = start;
      out.before = end;
      out.partOfDay = undefined;
      spanned = true;
    }
  }

  // "the 24th", "on the 3rd": the next date with that day of the month.
  const NOT_A_DAY = "(?!\\s+(?:one|option|choice|listing|place|property|apartment|unit|time|slot|floor|bedroom|building))";
  const dom = new RegExp(`\\b(?:the|on)\\s+(\\d{1,2})(st|nd|rd|th)\\b${NOT_A_DAY}`).exec(t) ?? new RegExp(`\\b(\\d{1,2})(st|nd|rd|th)\\b${NOT_A_DAY}`).exec(t);
  const monthNamed = new RegExp(`\\b(${MONTHS.join("|")})[a-z]*\\.?\\s+\\d`).test(t) || /\d\s*(?:st|nd|rd|th)?\s+of\s+[a-z]+/.test(t);
  if (dom && !monthNamed) {
    const d = nextDayOfMonth(today, Number(dom[1]));
    if (d) out.date = d;
  }

  // Weekdays, read here because chrono misreads phrases like "the evening on friday".
  const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
  const ABBR: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
  // With two days named, the one asked for instead wins ("Thursday is Thanksgiving — can I do
  // Friday instead?", "not Monday, Tuesday works"); otherwise the first.
  if (/\byesterday\b|\blast (?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\blast week\b|\bday before yesterday\b/.test(t)) out.past = true;
  const dayMentions = [
    ...t
      .replace(/\blast (?:mon|tues|wednes|thurs|fri|satur|sun)day\b/g, " ")
      .matchAll(new RegExp(`\\b(next |this |on |coming |this coming )?(${WEEKDAYS.join("|")})s?\\b`, "g")),
  ];
  const changeCue = /\b(?:instead|rather|how about|what about|can (?:i|we) (?:do|come|make it)|make it|switch|move (?:it )?to|prefer|better)\b/;
  const distinct = new Set(dayMentions.map((m) => m[2]));
  let chosenDay = dayMentions[0];
  if (distinct.size > 1) {
    const negated = (m: RegExpMatchArray) => /\bnot\s+(?:on\s+)?$/.test(t.slice(0, m.index));
    const kept = dayMentions.filter((m) => !negated(m));
    chosenDay = changeCue.test(t) ? (kept[kept.length - 1] ?? dayMentions[dayMentions.length - 1]) : (kept[0] ?? dayMentions[0]);
  }
  const wd =
    chosenDay ??
    /\b(next |this |on )?(mon|tue|wed|thu|fri|sat|sun)\.?\b(?=\s*(?:at\b|@|\d|morning|afternoon|evening|night|around|between|or\b|then\b|instead\b|works\b|is (?:fine|good|better)\b|please\b|pls\b|tours?\b|visit\b|viewing\b|showing\b|ok\b|,|\?|!|$))/.exec(
      t,
    );
  let weekdayDate = false;
  if (wd && !out.date && (!out.range || !weekShift)) {
    const target = wd[2].length <= 3 ? ABBR[wd[2]] : WEEKDAYS.indexOf(wd[2]);
    // "Tuesday next week": that day inside the span named; otherwise the coming one.
    const inRange =
      out.range && wd[1]?.trim() !== "next"
        ? Array.from({ length: 7 }, (_, k) => addDays(out.range!.from, k)).find((d) => d <= out.range!.to && weekdayOf(d) === target)
        : undefined;
    let ahead = (target - dow + 7) % 7;
    if (ahead === 0 && wd[1]?.trim() !== "this") ahead = 7;
    if (wd[1]?.trim() === "next" && ahead < 2) ahead += 7;
    out.date = inRange ?? addDays(today, ahead);
    out.range = undefined;
    weekdayDate = true;
  }

  // Holidays by name: their next date ("the day after Thanksgiving": the next one).
  if (!out.date && !out.range) {
    const holiday = holidayDate(t, today);
    if (holiday) out.date = /\bday after (?:christmas|xmas|thanksgiving|new year)/.test(t) ? addDays(holiday, 1) : holiday;
  }

  // "Tomorrow" and "today" wherever they stand ("late morning tomorrow").
  if (!out.date && !out.range) {
    if (/\b(?:the )?day after tomorrow\b/.test(t)) out.date = addDays(today, 2);
    else if (/\btomorrow\b/.test(t)) out.date = addDays(today, 1);
    else if (/\b(?:today|tonight|this (?:morning|afternoon|evening))\b/.test(t)) out.date = today;
  }
  // "A week from Monday", "two weeks from tomorrow".
  if (weekFrom && out.date) out.date = addDays(out.date, 7 * ({ a: 1, one: 1, two: 2 }[weekFrom[1]] ?? Number(weekFrom[1])));

  // Everything else: chrono, in the property's zone.
  const results = chrono.parse(tc, { instant: new Date(ref.nowMs), timezone: offsetMinutes(ref.tz, ref.nowMs) }, { forwardDate: true });
  for (const r of results) {
    const s = r.start;
    const matched = r.text;
    if (/^\d+$/.test(matched.trim())) continue;
    // "2 to 3 bedrooms", "1-2 people": counts, not times.
    if (COUNTED.test(tc.slice(r.index + matched.length))) continue;
    // "Last Friday" is gone (said above), whatever a forward reading makes of it.
    if (/\blast\b|\byesterday\b/.test(matched)) continue;
    // A bare "sat" or "sun" is usually not a day ("I sat down", "the sun").
    if (/^(?:on )?(mon|tue|wed|thu|fri|sat|sun)\.?$/.test(matched.trim())) continue;
    // A date with its month ("Saturday morning, Dec 5th") wins over the weekday alone.
    const monthAndDay = s.isCertain("month") && s.isCertain("day");
    if (((!out.date && !out.range) || (weekdayDate && monthAndDay && !weekShift && !weekFrom)) && (s.isCertain("day") || s.isCertain("weekday"))) {
      if (!/\bnext week\b|\bweekend\b/.test(matched)) {
        const date = `${s.get("year")}-${pad(s.get("month")!)}-${pad(s.get("day")!)}`;
        // "November 15" a week after it: gone, not next year's.
        const thisYear = `${today.slice(0, 4)}-${pad(s.get("month")!)}-${pad(s.get("day")!)}`;
        if (monthAndDay && !s.isCertain("year") && thisYear < today && Date.parse(today) - Date.parse(thisYear) < 90 * 86_400_000) out.past = true;
        else if (date >= today) out.date = date;
      }
    }
    // A window read above ("2-4pm", "from 9 to 11") is not one clock time, nor is a bound
    // ("after 5pm", "before noon").
    if (spanned) continue;
    if (
      /\b(?:after|before|until|till|til|no later than|no earlier than)\s*$/.test(tc.slice(Math.max(0, r.index - 16), r.index)) ||
      /^(?:after|before)\b/.test(matched.trim())
    )
      continue;
    if (!out.time && s.isCertain("hour") && !/^(?:noon)$/.test(matched.trim()) === true) {
      const h = s.get("hour")!;
      const m = s.get("minute") ?? 0;
      const hasMeridiem = s.isCertain("meridiem") || /\b(am|pm|noon)\b/.test(matched);
      out.time = `${pad(hasMeridiem ? h : businessHour(h % 12 === 0 && h !== 12 ? 12 : h))}:${pad(m)}`;
    } else if (!out.time && /^noon$/.test(matched.trim())) {
      out.time = "12:00";
    }
  }

  // Bare hours chrono does not take: "how about 3?", "3 works", "around 2:30", "@4".
  if (!out.time && !spanned) {
    // "1030", "230pm", "@ 1130".
    const compact =
      /(?:\b(?:at|around|by)|@)\s*(\d{1,2})(\d{2})\s*(am|pm)?\b/.exec(t) ??
      /\b(\d{1,2})(\d{2})\s*(am|pm)\b/.exec(t) ??
      // A message that is only "330" or "1045" (not "1200", more likely a rent).
      /^(\d{1,2})(15|30|45)()[.!?]*$/.exec(t.trim()) ??
      /^([1-9])(00)()[.!?]*$/.exec(t.trim());
    if (compact && Number(compact[2]) < 60) {
      const clock = parseClock(compact[1], compact[2], compact[3]);
      const hour = clock ? Number(clock.slice(0, 2)) : -1;
      if (clock && hour >= 7 && hour <= 21) out.time = clock;
    }
  }
  if (!out.time && !spanned) {
    const bare =
      /(?:\b(?:at|around|about|how about|what about|maybe|say|by|for|meant|make it|change it to|move it to|switch(?: it)? to|push it to|do|try|like|prefer|rather|then)|@)\s*(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b(?!\s*(?:st|nd|rd|th|bed|br|bd|bath|ba|b\b|k\b|people|pets?|dogs?|cats?|kids?|days?|weeks?|months?|years?|%|\/|\$))/.exec(
        t,
      ) ??
      /^(\d{1,2})(?::(\d{2}))?\s*(am|pm)?\s*(?:works|is good|is fine|is better|sounds good|please|would work|is perfect|is great|pls|then|instead|it is|is best|works better)?[.!?]*$/.exec(
        t.trim(),
      ) ??
      /\b(\d{1,2}):(\d{2})\s*(am|pm)?\b/.exec(t);
    if (bare) {
      const clock = parseClock(bare[1], bare[2], bare[3]);
      const hour = clock ? Number(clock.slice(0, 2)) : -1;
      if (clock && hour >= 7 && hour <= 21) out.time = clock;
    }
  }
  if (out.time && out.partOfDay) {
    const hour = Number(out.time.slice(0, 2));
    // A morning hour with "afternoon" (or the reverse) contradicts itself: keep the part of day.
    if ((out.partOfDay === "morning" && hour >= 12) || (out.partOfDay !== "morning" && hour < 12)) out.time = undefined;
    else out.partOfDay = undefined;
  }
  if (anyTime && !out.date && !out.range) out.range = { from: today, to: addDays(today, 6) };
  // "A week later" moves the tour's own day; it names no date of its own.
  if (
    out.shiftDays !== undefined &&
    !/\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d/.test(t)
  ) {
    out.date = undefined;
    out.range = undefined;
  }
  if (out.date && out.range) out.range = undefined;
  return out;
}

const US_ZONES: Array<[RegExp, string, string]> = [
  [/^(?:eastern|et|est|edt|east coast|new york|nyc|ny|boston|massachusetts|florida|miami|atlanta|dc|philadelphia)$/, "America/New_York", "Eastern"],
  [/^(?:central|ct|cst|cdt|chicago|texas|austin|dallas|houston)$/, "America/Chicago", "Central"],
  [/^(?:mountain|mt|mst|mdt|denver|colorado)$/, "America/Denver", "Mountain"],
  [
    /^(?:pacific|pt|pst|pdt|west coast|california|los angeles|la|san francisco|sf|bay area|seattle|oregon|washington state|portland)$/,
    "America/Los_Angeles",
    "Pacific",
  ],
];

/**
 * "1pm Eastern", "10am my time (I'm in California)": a clock time in another US zone, read into
 * `tz`. Returns the finding with its times converted, or unchanged when no other zone is named.
 */
export function inReadingZone(w: WhenFinding, folded: string, tz: string, nowMs: number): WhenFinding {
  const named =
    /\d(?:\s*(?:am|pm|a\.m\.|p\.m\.))?\s*(?:\(|,)?\s*(eastern|central|mountain|pacific|est|edt|cst|cdt|mst|mdt|pst|pdt|et|ct|mt|pt)(?:\s+time)?(?=\s*(?:[).,!?;]|$|(?:time|please|pls|thanks|then|ok|on|for|and|if|is|works|right)\b))/.exec(
      folded,
    ) ??
    /\b(eastern|central|mountain|pacific) time\b/.exec(folded) ??
    (/\b(?:my time|my local time|(?:where|here) i am)\b/.test(folded)
      ? /\b(?:i'?m|i am|we'?re|we are|i live|living|based) (?:in|on) (?:the )?(east coast|west coast|new york|nyc|ny|boston|massachusetts|florida|miami|atlanta|dc|philadelphia|california|los angeles|la|san francisco|sf|bay area|seattle|oregon|washington state|texas|austin|dallas|houston|chicago|colorado|denver)\b/.exec(
          folded,
        )
      : null);
  if (!named || !(w.time || w.after || w.before)) return w;
  const zone = US_ZONES.find(([re]) => re.test(named[1]));
  if (!zone || zone[1] === tz) return w;
  const delta = offsetMinutes(tz, nowMs) - offsetMinutes(zone[1], nowMs);
  const move = (time: string | undefined) => (time ? shiftedLocal(w.date ?? "", time, delta)?.time : undefined);
  const out: WhenFinding = { ...w };
  if (w.time) out.time = move(w.time);
  if (w.after) out.after = move(w.after);
  if (w.before) out.before = move(w.before);
  if (w.time) out.givenIn = { zone: zone[1], label: zone[2], time: w.time };
  return out;
}

/** The next date (from `today`) of a holiday named in the text. */
function holidayDate(t: string, today: string): string | undefined {
  const year = Number(today.slice(0, 4));
  const fixed: Array<[RegExp, string]> = [
    [/\bchristmas eve\b/, "12-24"],
    [/\b(?:christmas|xmas)(?: day)?\b/, "12-25"],
    [/\bnew year'?s eve\b/, "12-31"],
    [/\bnew year'?s(?: day)?\b/, "01-01"],
    [/\b(?:july 4th|fourth of july|4th of july|independence day)\b/, "07-04"],
  ];
  for (const [re, md] of fixed) {
    if (!re.test(t)) continue;
    const date = `${year}-${md}`;
    return date >= today ? date : `${year + 1}-${md}`;
  }
  if (/\bthanksgiving\b/.test(t)) {
    for (const y of [year, year + 1]) {
      const first = weekdayOf(`${y}-11-01`);
      const date = addDays(`${y}-11-01`, ((4 - first + 7) % 7) + 21);
      if (date >= today) return date;
    }
  }
  return undefined;
}

/** A local "YYYY-MM-DD" and "HH:MM" moved by some minutes, within the same day. */
export function shiftedLocal(date: string, time: string, minutes: number): { date: string; time: string } | undefined {
  const [h, m] = time.split(":").map(Number);
  const total = h * 60 + m + minutes;
  if (total < 0 || total >= 24 * 60) return undefined;
  return { date, time: `${pad(Math.floor(total / 60))}:${pad(total % 60)}` };
}

/** A move-in date from a fragment such as "january 1st", "asap", "next month", "mid december". */
export function moveInDate(fragment: string, ref: { nowMs: number; tz: string }): string | undefined {
  const today = localDateOf(new Date(ref.nowMs), ref.tz);
  const f = fragment.trim();
  if (/^(asap|immediately|right away|now|today)$/.test(f)) return today;
  if (f === "next month") {
    const [y, m] = today.split("-").map(Number);
    return m === 12 ? `${y + 1}-01-01` : `${y}-${pad(m + 1)}-01`;
  }
  const part = /^(early|mid|late|end of|beginning of|start of)\s+(\w+)/.exec(f);
  const results = chrono.parse(part ? part[2] : f, { instant: new Date(ref.nowMs), timezone: offsetMinutes(ref.tz, ref.nowMs) }, { forwardDate: true });
  const r = results[0];
  if (!r) return undefined;
  let day = r.start.isCertain("day") ? r.start.get("day")! : 1;
  if (part) day = /mid/.test(part[1]) ? 15 : /late|end/.test(part[1]) ? 28 : 1;
  const date = `${r.start.get("year")}-${pad(r.start.get("month")!)}-${pad(day)}`;
  return date < today ? undefined : date;
}

export { ORDINALS };
