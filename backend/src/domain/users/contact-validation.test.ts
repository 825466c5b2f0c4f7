import { describe, expect, it } from "vitest";
import { isAppError } from "../../shared/app-error";
import { greetingName, normalizeEmail, normalizePhone, tidyPersonName, validateContact } from "./contact-validation";

describe("e-mail syntax", () => {
  it.each(["jane@example.com", "Jane.Doe+tours@Example.CO.uk", "o'neil@mail.example.org"])("accepts %s", (e) => {
    expect(normalizeEmail(e)).not.toBeNull();
  });
  it("lower-cases the domain only", () => {
    expect(normalizeEmail(" Jane.Doe@Example.COM ")).toBe("Jane.Doe@example.com");
  });
  it.each([
    "jane",
    "jane@",
    "@example.com",
    "jane@example",
    "jane@@example.com",
    "jane doe@example.com",
    "jane..doe@example.com",
    "<jane@example.com>",
    "jane@example.c0m1",
  ])("rejects %s", (e) => {
    expect(normalizeEmail(e)).toBeNull();
  });
});

describe("phone numbers", () => {
  it.each([
    ["(512) 555-0199", "+15125550199"],
    ["512.555.0199", "+15125550199"],
    ["512-555-0199", "+15125550199"],
    ["+1 512 555 0199", "+15125550199"],
    ["1-512-555-0199", "+15125550199"],
    ["+44 20 7946 0958", "+442079460958"],
  ])("stores %s as %s", (raw, e164) => {
    expect(normalizePhone(raw)).toBe(e164);
  });
  it.each(["123", "555-0199", "phone", "+1 000 000 0000"])("rejects %s", (raw) => {
    expect(normalizePhone(raw)).toBeNull();
  });
});

describe("validateContact", () => {
  it("returns clean values", () => {
    expect(validateContact({ name: "  Jo   Tester ", email: "JO@Example.com", phone: "(512) 555-0199" })).toEqual({
      name: "Jo Tester",
      email: "JO@example.com",
      phone: "+15125550199",
    });
  });
  it("treats the phone as optional", () => {
    expect(validateContact({ name: "Jo", email: "jo@example.com" }).phone).toBeNull();
  });
  it("lists every problem at once", () => {
    try {
      validateContact({ name: " ", email: "nope", phone: "12" });
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err, "validation")).toBe(true);
      expect((err as any).issues.map((i: any) => i.field)).toEqual(["name", "email", "phone"]);
    }
  });
});

describe("names as mail clients show them", () => {
  it.each([
    ["Rivera, Jamie", "Jamie Rivera", "Jamie"],
    ["ROBERT SMITH", "Robert Smith", "Robert"],
    ["jamie rivera", "Jamie Rivera", "Jamie"],
    ["Sean O'Brien", "Sean O'Brien", "Sean"],
    ["Jamie Rivera (Tenant)", "Jamie Rivera", "Jamie"],
    ["Jamie Rivera via Zillow", "Jamie Rivera", "Jamie"],
    ["Dr. Ana Ruiz", "Dr. Ana Ruiz", "Dr. Ruiz"],
    ["McDonald, Ann", "Ann McDonald", "Ann"],
  ])("%s", (raw, tidy, greeting) => {
    expect(tidyPersonName(raw)).toBe(tidy);
    expect(greetingName(tidy)).toBe(greeting);
  });
  it("is not a name when it is a handle", () => {
    expect(tidyPersonName("renter123")).toBeNull();
  });
});
