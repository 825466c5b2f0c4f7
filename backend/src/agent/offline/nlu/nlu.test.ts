import { describe, expect, it } from "vitest";
import { buildCatalog, type CatalogEntry } from "./catalog";
import { findContact } from "./contact";
import { findBeds, findBudget, findCriteria, findMoveIn, findPets } from "./criteria";
import { findIntents } from "./intents";
import { findOrdinal, findProperty } from "./references";
import { fold } from "./text";
import { findWhen, inReadingZone, moveInDate } from "./when";

const entry = (id: number, name: string, address: string, city: string, neighborhood: string, active = true): CatalogEntry => ({
  id,
  name,
  address,
  city,
  neighborhood,
  beds: 1,
  rent: 2000,
  timezone: "America/Chicago",
  active,
});
const catalog = buildCatalog([
  entry(1, "The Alder", "1200 E 6th St", "Austin", "East Austin"),
  entry(2, "Maple Court Lofts", "410 W 2nd St", "Austin", "Downtown"),
  entry(7, "Live Oak Terrace", "3100 Oak Springs Dr", "Austin", "East Austin"),
  entry(15, "The Fernwood", "1010 NW Hoyt St", "Portland", "Pearl District"),
  entry(19, "Douglas Fir Apartments", "500 SW Oak St", "Portland", "Downtown"),
  entry(28, "Willow Glen Gardens", "1200 Lincoln Ave", "San José", "Willow Glen"),
  entry(32, "The Birchwood", "701 W 5th St", "Austin", "Downtown", false),
  entry(21, "Beacon & Vine", "220 Beacon St", "Boston", "Back Bay"),
]);

// Monday 23 Nov 2026, 08:00 in Austin.
const ref = { nowMs: Date.parse("2026-11-23T14:00:00Z"), tz: "America/Chicago" };
const when = (t: string) => findWhen(t, fold(t), ref);

describe("contact details", () => {
  it.each([
    ["I'm Jo Tester, jo@example.com, (512) 555-0199", "Jo Tester", "jo@example.com", "+15125550199"],
    ["my name is maria lopez and my email is MARIA.L@Example.com", "Maria Lopez", "MARIA.L@example.com", undefined],
    ["Raj Patel raj.patel@outlook.com 503 555 0123", "Raj Patel", "raj.patel@outlook.com", "+15035550123"],
    ["book it for tomorrow, Sam Ortiz sam.ortiz@gmail.com", "Sam Ortiz", "sam.ortiz@gmail.com", undefined],
    ["Name's O'Brien, Sean - sean+apts@gmail.com", "Sean O'Brien", "sean+apts@gmail.com", undefined],
    ["this is Dana, cell 720.555.0147", "Dana", undefined, "+17205550147"],
    ["name's Carlos Mendes, email carlos.m@example.com", "Carlos Mendes", "carlos.m@example.com", undefined],
    ["my email is beth dot moore at gmail dot com", undefined, "beth.moore@gmail.com", undefined],
    ["greg at hotmail dot com", undefined, "greg@hotmail.com", undefined],
    ["ok she says fine. go ahead. elle@gmail.com, Elle Dubois", "Elle Dubois", "elle@gmail.com", undefined],
    ["it's not jen@gmail.com. Jen Ho jen.ho@gmail.com", "Jen Ho", "jen.ho@gmail.com", undefined],
    ["my number is 0039 333 1234567", undefined, undefined, "+393331234567"],
  ])("reads %s", (text, name, email, phone) => {
    const c = findContact(text);
    expect([c.name, c.email, c.phone]).toEqual([name, email, phone]);
  });
  it("does not take ordinary sentences for names", () => {
    for (const t of ["I'm looking for a 2 bedroom", "I am interested in the Alder", "I'm moving to Denver in May", "im free tuesday"])
      expect(findContact(t).name, t).toBeUndefined();
  });
  it("notices an invalid address and the wording of a correction", () => {
    const c = findContact("sorry, my email is actually sam.lee@gmail");
    expect(c.invalidEmail).toBe("sam.lee@gmail");
    expect(c.correction).toBe(true);
  });
});

describe("search criteria", () => {
  it.each([
    ["2br", { beds: 2 }],
    ["two bedroom apartment", { beds: 2 }],
    ["a studio please", { beds: 0 }],
    ["2 bed 2 bath", { beds: 2 }],
    ["3bd", { beds: 3 }],
    ["at least 2 bedrooms", { minBeds: 2 }],
    ["3+ beds", { minBeds: 3 }],
    ["a studio or a one bedroom", { minBeds: 0, maxBeds: 1 }],
    ["studio or 1br is fine", { minBeds: 0, maxBeds: 1 }],
    ["1 bed or studio", { minBeds: 0, maxBeds: 1 }],
    ["1 or 2 bedrooms", { minBeds: 1, maxBeds: 2 }],
    ["2-3 beds", { minBeds: 2, maxBeds: 3 }],
    ["two to three bedroom places", { minBeds: 2, maxBeds: 3 }],
    ["up to 2 bedrooms", { maxBeds: 2 }],
    ["2 bedrooms, 1 or 2 baths", { beds: 2 }],
    ["a 2 bedroom for my 3 kids", { beds: 2 }],
  ])("bedrooms in %s", (t, expected) => {
    expect(findBeds(fold(t))).toEqual(expected);
  });
  it.each([
    ["under $2,800", 2800],
    ["max 3k", 3000],
    ["budget is 2.5k", 2500],
    ["no more than 1900 a month", 1900],
    ["$1800-2200/mo", 2200],
    ["can't go over 2700", 2700],
    ["nothing above $3,100 please", 3100],
    ["around 2k a month", 2200],
    ["3 grand tops", 3000],
    ["up to 2400", 2400],
    ["max twenty five hundred", 2500],
    ["under two thousand five hundred", 2500],
    ["budget is three grand", 3000],
  ])("budget in %s", (t, expected) => {
    expect(findBudget(fold(t))).toBe(expected);
  });
  it("ignores numbers that are not rent", () => {
    for (const t of ["2 bedrooms at 1200 E 6th St", "tour at 3pm on the 24th", "move in 2027"]) expect(findBudget(fold(t)), t).toBeUndefined();
  });
  it.each([
    ["I have a dog", "dog"],
    ["my golden retriever comes with me", "dog"],
    ["two cats", "cat"],
    ["pet friendly", "any"],
  ])("pets in %s", (t, pet) => {
    expect(findPets(fold(t)).pets).toBe(pet);
  });
  it("reads bedrooms and pets said in other words or in Spanish", () => {
    expect(findBeds("1 sleeping room")).toEqual({ beds: 1 });
    expect(findBeds("2 recamaras con perro")).toEqual({ beds: 2 });
    expect(findBeds("una recamara en austin")).toEqual({ beds: 1 });
    expect(findPets("2 recamaras con perro")).toEqual({ pets: "dog" });
    expect(findPets("my 70lb lab")).toEqual({ pets: "dog", petWeightLbs: 70 });
  });
  it("reads places from the catalogue, accents and partial names included", () => {
    expect(findCriteria("anything in san jose?", "anything in san jose?", catalog).location).toBe("San José");
    expect(findCriteria("east austin please", "east austin please", catalog).location).toBe("East Austin");
    expect(findCriteria("something in the pearl", "something in the pearl", catalog).location).toBe("Pearl District");
    expect(findCriteria("sorry i meant portland not austin", "sorry i meant portland not austin", catalog).location).toBe("Portland");
    expect(findCriteria("do you have anything in Seattle", "do you have anything in seattle", catalog).unknownPlace).toBe("Seattle");
    expect(findCriteria("Austin or Portland under 3000", "austin or portland under 3000", catalog).location).toBe("Austin or Portland");
    expect(findCriteria("moving from austin to portland", "moving from austin to portland", catalog).location).not.toMatch(/ or /);
  });
});

describe("dates and times, read in the property's zone", () => {
  it.each([
    ["Tuesday at 3pm", { date: "2026-11-24", time: "15:00" }],
    ["tomorrow afternoon", { date: "2026-11-24", partOfDay: "afternoon" }],
    ["Nov 24 at 10:30", { date: "2026-11-24", time: "10:30" }],
    ["the 27th at 1", { date: "2026-11-27", time: "13:00" }],
    ["wed 10am", { date: "2026-11-25", time: "10:00" }],
    ["friday evening", { date: "2026-11-27", partOfDay: "evening" }],
    ["thursday at half past 2", { date: "2026-11-26", time: "14:30" }],
    ["tmrw @ 1030", { date: "2026-11-24", time: "10:30" }],
    ["12/3 at 4:30pm", { date: "2026-12-03", time: "16:30" }],
  ])("%s", (t, expected) => {
    expect(when(t)).toMatchObject(expected);
  });
  it("reads spans", () => {
    expect(when("next week").range).toEqual({ from: "2026-11-30", to: "2026-12-06" });
    expect(when("this weekend").range).toEqual({ from: "2026-11-28", to: "2026-11-29" });
  });
  it("takes bare hours as tour-time hours and skips non-times", () => {
    expect(when("3:30 works").time).toBe("15:30");
    expect(when("how about 4?").time).toBe("16:00");
    expect(when("2 bedrooms for 2 people").time).toBeUndefined();
    expect(when("I sat down").date).toBeUndefined();
  });
  it("reads misspelled days as the day meant, and leaves real words alone", () => {
    expect(when("can I come thrusday at 3pm")).toMatchObject({ date: "2026-11-26", time: "15:00" });
    expect(when("wensday morning")).toMatchObject({ date: "2026-11-25", partOfDay: "morning" });
    expect(when("saterday?").date).toBe("2026-11-28");
    expect(when("tommorow at 10")).toMatchObject({ date: "2026-11-24", time: "10:00" });
    expect(when("the fridge is broken").date).toBeUndefined();
    expect(when("I need a sundry list").date).toBeUndefined();
  });
  it("reads windows of time: between two hours, early or late in a part of the day", () => {
    expect(when("between 2 and 4 works")).toMatchObject({ after: "14:00", before: "16:00" });
    expect(when("2-4pm on friday")).toMatchObject({ date: "2026-11-27", after: "14:00", before: "16:00" });
    expect(when("2-4pm on friday").time).toBeUndefined();
    expect(when("from 9 to 11am")).toMatchObject({ after: "09:00", before: "11:00" });
    expect(when("tuesday between 10am and noon")).toMatchObject({ date: "2026-11-24", after: "10:00", before: "12:00" });
    expect(when("early afternoon next wednesday")).toMatchObject({ date: "2026-11-25", after: "12:00", before: "15:00" });
    expect(when("late morning tomorrow")).toMatchObject({ date: "2026-11-24", after: "10:00", before: "12:00" });
    expect(when("any time after 3").after).toBe("15:00");
    expect(when("2 to 3 bedrooms under 2500")).toEqual({});
  });
  it("reads shifts, weeks ahead, dates with their month, loose hours and day names in Spanish", () => {
    expect(when("can we push it back an hour")).toEqual({ shiftMinutes: 60 });
    expect(when("30 minutes earlier?")).toEqual({ shiftMinutes: -30 });
    expect(when("in two weeks, on a Friday").date).toBe("2026-12-11");
    expect(when("a week from wednesday").date).toBe("2026-12-02");
    expect(when("saturday morning dec 5th?")).toMatchObject({ date: "2026-12-05", partOfDay: "morning" });
    expect(when("any time thursday after 3?")).toMatchObject({ date: "2026-11-26", after: "15:00" });
    expect(when("monday then, earliest")).toMatchObject({ date: "2026-11-30", earliest: true });
    expect(when("dec 3 between 1 and 3")).toMatchObject({ date: "2026-12-03", after: "13:00", before: "15:00" });
    expect(when("tuesday 5ish")).toMatchObject({ date: "2026-11-24", time: "17:00" });
    expect(when("330").time).toBe("15:30");
    expect(when("noonish").time).toBe("12:00");
    expect(when("1200")).toEqual({});
    expect(when("el jueves a las 3pm")).toMatchObject({ date: "2026-11-26", time: "15:00" });
    expect(when("podemos cambiar la visita al miercoles a la misma hora")).toMatchObject({ date: "2026-11-25", sameTime: true });
  });
  it("reads the day asked for instead, holidays, money that is not a time, and loose clock phrasings", () => {
    expect(when("wait thursday is thanksgiving right? can i do friday instead").date).toBe("2026-11-27");
    expect(when("not monday, tuesday works").date).toBe("2026-11-24");
    expect(when("tuesday or wednesday").date).toBe("2026-11-24");
    expect(when("christmas eve at 10")).toMatchObject({ date: "2026-12-24", time: "10:00" });
    expect(when("the day after thanksgiving").date).toBe("2026-11-27");
    expect(when("1br denver under 1800 w/ cat")).toEqual({});
    expect(when("2.5k budget, tuesday at 3")).toMatchObject({ date: "2026-11-24", time: "15:00" });
    expect(when("the 2 oclock").time).toBe("14:00");
    expect(when("10:30a").time).toBe("10:30");
    expect(when("then 1").time).toBe("13:00");
    expect(when("what's the earliest I can move in?")).toEqual({});
  });
  it("reads parts of the day in the plural ('evenings are better')", () => {
    expect(when("evenings are better").partOfDay).toBe("evening");
    expect(when("mornings work best").partOfDay).toBe("morning");
  });
  it("reads clock times in words, a shift of days and 'same hour'", () => {
    expect(when("nine o'clock").time).toBe("09:00");
    expect(when("a quarter past eleven").time).toBe("11:15");
    expect(when("around two thirty").time).toBe("14:30");
    expect(when("can we postpone by exactly one week")).toEqual({ shiftDays: 7 });
    expect(when("thursday, same hour")).toMatchObject({ sameTime: true, date: "2026-11-26" });
    expect(when("I have two dogs")).toEqual({});
  });
  it("knows a day already gone", () => {
    expect(when("can i tour it yesterday?")).toEqual({ past: true });
    expect(when("last friday").past).toBe(true);
    expect(when("last friday").date).toBeUndefined();
  });
  it("reads a time given in another US zone into the listing's zone", () => {
    const t = "monday 1pm eastern";
    expect(inReadingZone(findWhen(t, t, ref), t, "America/Los_Angeles", ref.nowMs)).toMatchObject({
      date: "2026-11-30",
      time: "10:00",
      givenIn: { label: "Eastern", time: "13:00" },
    });
    const same = "monday 1pm central";
    expect(inReadingZone(findWhen(same, same, ref), same, "America/Chicago", ref.nowMs).time).toBe("13:00");
    const street = "tour at 1 mt tabor flats";
    expect(inReadingZone(findWhen(street, street, ref), street, "America/Los_Angeles", ref.nowMs).time).toBe("13:00");
  });
  it("reads move-in dates", () => {
    expect(moveInDate("january 1st", ref)).toBe("2027-01-01");
    expect(moveInDate("asap", ref)).toBe("2026-11-23");
    expect(moveInDate("mid december", ref)).toBe("2026-12-15");
  });
});

describe("listing references", () => {
  it("finds a listing by name, word, address, street or a typo", () => {
    expect(findProperty("can I see the alder?", catalog)?.id).toBe(1);
    expect(findProperty("maple court on friday", catalog)?.id).toBe(2);
    expect(findProperty("is 500 sw oak st still open", catalog)?.id).toBe(19);
    expect(findProperty("the Oak Street one", catalog)?.id).toBe(19);
    expect(findProperty("the fernwod tomorrow", catalog)?.id).toBe(15);
    expect(findProperty("live oak terrace", catalog)?.id).toBe(7);
  });
  it("recognises an off-market listing only by its full name", () => {
    expect(findProperty("the birchwood", catalog)?.active).toBe(false);
    expect(findProperty("something with birch trees", catalog)).toBeUndefined();
  });
  it("reads ordinals", () => {
    expect(findOrdinal("the second one")).toBe(2);
    expect(findOrdinal("option 3")).toBe(3);
    expect(findOrdinal("#1")).toBe(1);
    expect(findOrdinal("the last one")).toBe(-1);
    expect(findOrdinal("2 bedrooms")).toBeUndefined();
  });
});

describe("move-in dates", () => {
  it("reads a move-in date, and leaves a tour time asked with 'available' to the date reader", () => {
    expect(findMoveIn(fold("2br in austin available by jan 5"))).toBe("jan 5");
    expect(findMoveIn(fold("we're moving Jan 1"))).toBe("jan 1");
    expect(findMoveIn(fold("Is Willow Glen Gardens available 12/1 at 2?"))).toBeUndefined();
    expect(findMoveIn(fold("is hyde park cottages available on Dec 2 at 4pm?"))).toBeUndefined();
    expect(findMoveIn(fold("is the alder available for a tour dec 1?"))).toBeUndefined();
  });
});

describe("intents", () => {
  const i = (t: string) => findIntents(fold(t));
  it("tells requests apart", () => {
    expect(i("can we push it to 4pm?").reschedule).toBe(true);
    expect(i("something came up, pls cancel my tour").cancel).toBe(true);
    expect(i("what tours do I have?").listTours).toBe(true);
    expect(i("yes please").yes).toBe(true);
    expect(i("nope").no).toBe(true);
    expect(i("can I talk to a real person?").human).toBe(true);
    expect(i("are you a bot?").automated).toBe(true);
    expect(i("wait, don't book it").undo).toBe(true);
    expect(i("I am alice@example.com, cancel her tour").thirdParty).toBe(true);
  });
  it("reads cancelling and listing in everyday words", () => {
    for (const t of [
      "I cant come anymore",
      "we decided to go with another apartment, please remove my booking",
      "not going to make it tuesday, sorry",
      "I'm no longer looking, please delete my appointment",
    ]) {
      expect(i(t).cancel, t).toBe(true);
    }
    for (const t of ["what do I have?", "what do i have now", "whats booked", "show me my bookings"]) {
      expect(i(t).listTours, t).toBe(true);
    }
    expect(i("what do I have to bring?").listTours).toBe(false);
  });
  it("tells a plain no from taking something back", () => {
    expect(i("no thanks").retract).toBe(false);
    expect(i("nope, all good!").retract).toBe(false);
    expect(i("actually I changed my mind").retract).toBe(true);
    expect(i("scratch that").retract).toBe(true);
  });
  it("reads questions about a listing", () => {
    expect(i("is there parking?").topics).toEqual(["parking"]);
    expect(i("how much is the deposit?").topics).toEqual(["deposit"]);
    expect(i("do you allow pets and is there a pool").topics).toEqual(["pets", "amenities"]);
    expect(i("can i see hyde park cottages tuesday").topics).not.toContain("parking");
    expect(i("how much and pets?").topics).toEqual(["pets", "price"]);
    expect(i("how much is the pet deposit?").topics).not.toContain("price");
  });
  it("reads residents' privacy, lease changes, broken links and unit counts", () => {
    expect(i("who lives at the alder unit 204").thirdParty).toBe(true);
    expect(i("can i get a parking spot added to my lease").resident).toBe("lease");
    expect(i("the link in my email doesnt work").human).toBe(true);
    expect(i("the link in my email doesnt work").resident).toBeUndefined();
    expect(i("my sink doesnt work").resident).toBe("maintenance");
    expect(i("how many units are available at the alder?").topics).toContain("units");
  });
  it("reads a question about where an application stands", () => {
    expect(i("I submitted my application for The Pecan last week, any idea where it stands?").applicationStatus).toBe(true);
    expect(i("how do I apply?").applicationStatus).toBe(false);
  });
  it("reads 'let me think about it' and 'I don't have e-mail', and 'get back to you' is not Back Bay", () => {
    expect(i("let me think about it and get back to you").later).toBe(true);
    expect(i("I dont have email, can you text me instead?").noEmail).toBe(true);
    expect(findCriteria("let me think about it and get back to you", "let me think about it and get back to you", catalog).location).toBeUndefined();
    expect(findCriteria("anything in back bay?", "anything in back bay?", catalog).location).toBe("Back Bay");
  });
  it("tells 'anything cheaper?' (more listings) from 'the cheaper one' (a pick), and reads who it is talking to", () => {
    expect(i("anything cheaper?").lowerRent).toBe(true);
    expect(i("any cheaper options?").lowerRent).toBe(true);
    expect(i("the cheaper one").lowerRent).toBe(false);
    expect(i("the cheaper one").pickBy).toBe("cheapest");
    expect(i("who am i talking to").automated).toBe(true);
  });
});
