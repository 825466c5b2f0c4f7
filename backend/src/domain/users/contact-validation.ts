import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js";
import { AppError, type FieldIssue } from "../../shared/app-error";

// Practical address syntax: one @, a dotted domain, no spaces or angle brackets; length per RFC 5321.
const EMAIL_RE = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function normalizeEmail(raw: string): string | null {
  const email = raw.trim();
  if (email.length > 254 || !EMAIL_RE.test(email)) return null;
  const [local, domain] = email.split("@");
  if (local.length > 64 || local.startsWith(".") || local.endsWith(".") || local.includes("..")) return null;
  const tld = domain.split(".").pop() ?? "";
  if (!/^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/.test(tld)) return null;
  return `${local}@${domain.toLowerCase()}`;
}

/** E.164 form of a phone number, or null when it is not a valid number. */
export function normalizePhone(raw: string, defaultRegion: CountryCode = "US"): string | null {
  // "0039 333 1234567": the international prefix dialled from Europe and elsewhere.
  const text = raw.trim().replace(/^00(?=[1-9])/, "+");
  if (!/\d/.test(text) || text.length > 40) return null;
  const parsed = parsePhoneNumberFromString(text, defaultRegion);
  if (!parsed?.isValid()) return null;
  return parsed.number;
}

export function normalizeName(raw: string): string | null {
  const name = raw.replace(/\s+/g, " ").trim();
  if (name.length === 0 || name.length > 120) return null;
  if (!/\p{L}/u.test(name)) return null;
  return name;
}

const HONORIFIC = /^(?:mr|mrs|ms|miss|mx|dr|prof)\.?$/i;

/**
 * A person's name as a mail client shows it, tidied for addressing them: "Rivera, Jamie" is
 * "Jamie Rivera", "ROBERT SMITH" and "jamie rivera" get capitals, and additions such as
 * "(Tenant)" or "via Zillow" are dropped. Mixed case ("McDonald", "O'Brien") is kept.
 */
export function tidyPersonName(raw: string): string | null {
  let name = raw
    .replace(/["]/g, "")
    .replace(/\s*[([{][^)\]}]*[)\]}]\s*/g, " ")
    .replace(/\s+(?:via|through|from)\s+.*$/i, "")
    .replace(/\s+/g, " ")
    .trim();
  if (/\d/.test(name)) return null;
  const lastFirst = /^([\p{L}'’-]+(?: [\p{L}'’-]+)?),\s*([\p{L}'’.-]+(?: [\p{L}'’.-]+)?)$/u.exec(name);
  if (lastFirst) name = `${lastFirst[2]} ${lastFirst[1]}`;
  const letters = name.replace(/[^\p{L}]/gu, "");
  if (letters && (letters === letters.toUpperCase() || letters === letters.toLowerCase())) {
    name = name.toLowerCase().replace(/(^|[\s'’-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
  }
  return normalizeName(name);
}

/** How to greet someone: the given name, or title and surname ("Dr. Rivera"). */
export function greetingName(fullName: string): string {
  const parts = fullName.trim().split(/\s+/);
  if (parts.length > 1 && HONORIFIC.test(parts[0])) return `${parts[0]} ${parts[parts.length - 1]}`;
  return parts[0] || "there";
}

export interface ContactInput {
  name: string;
  email: string;
  phone?: string | null;
}

export interface ValidContact {
  name: string;
  email: string;
  phone: string | null;
}

/** Validates every field at once and throws one `validation` error listing each problem. */
export function validateContact(input: ContactInput): ValidContact {
  const issues: FieldIssue[] = [];
  const name = normalizeName(input.name ?? "");
  if (!name) issues.push({ field: "name", message: "Please give a name." });
  const email = normalizeEmail(input.email ?? "");
  if (!email) issues.push({ field: "email", message: `"${String(input.email ?? "").slice(0, 80)}" is not a valid e-mail address.` });
  let phone: string | null = null;
  if (input.phone !== undefined && input.phone !== null && input.phone.trim() !== "") {
    phone = normalizePhone(input.phone);
    if (!phone) issues.push({ field: "phone", message: `"${input.phone.slice(0, 40)}" is not a valid phone number.` });
  }
  if (issues.length > 0) {
    throw new AppError("validation", issues.map((i) => i.message).join(" "), { issues });
  }
  return { name: name!, email: email!, phone };
}
