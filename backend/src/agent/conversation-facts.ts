import { localDateOf, toLocalString } from "../domain/availability/slot-math";
import type { Conversation } from "../domain/conversations/conversation";
import { formatDay } from "../domain/shared/time-format";
import { slotWhen } from "./tools/format";
import { sessionUpcomingTours } from "./tools/session-tours";
import type { ToolDeps } from "./tools/tool-deps";

/** The machine-readable snapshot of a conversation that is appended to the system prompt. */
export interface FactsSnapshot {
  channel?: "chat" | "email";
  /** The language the person writes in and is answered in; labels below are written in it. */
  language?: "en" | "es";
  today: string;
  weekday: string;
  now: string;
  prospect: { name?: string; email?: string; phone?: string; saved: boolean };
  criteria?: Record<string, unknown>;
  shown: Array<{ n: number; id: number; name: string; city: string; neighborhood: string; address: string; beds: number; rent: number }>;
  focus?: { id: number; name: string; timezone: string };
  offered: Array<{ n: number; propertyId: number; start: string; local: string; label: string }>;
  tours: Array<{ id: number; propertyId: number; property: string; start: string; startLocal: string; localTime: string; label: string }>;
}

export const FACTS_OPEN = "<facts>";
export const FACTS_CLOSE = "</facts>";

export function buildFacts(d: ToolDeps, c: Conversation): FactsSnapshot {
  const now = d.clock.now();
  const focusProperty = c.facts.focusPropertyId ? d.properties.find(c.facts.focusPropertyId) : undefined;
  const tz = focusProperty?.timezone ?? "America/Chicago";
  const language = c.facts.language ?? "en";
  const shown = (c.facts.shown ?? [])
    .map((id) => d.properties.find(id))
    .filter((p): p is NonNullable<typeof p> => Boolean(p))
    .map((p, i) => ({ n: i + 1, id: p.id, name: p.name, city: p.city, neighborhood: p.neighborhood, address: p.address, beds: p.beds, rent: p.rent }));
  const offered = (c.facts.offered ?? []).map((o, i) => {
    const p = d.properties.find(o.propertyId);
    return { n: i + 1, propertyId: o.propertyId, start: o.start, local: o.local, label: p ? slotWhen(new Date(o.start), p.timezone, language) : o.local };
  });
  const tours = sessionUpcomingTours(d, c.id).map((b) => {
    const p = d.properties.get(b.propertyId);
    return {
      id: b.id,
      propertyId: p.id,
      property: p.name,
      start: b.start.toISOString(),
      startLocal: localDateOf(b.start, p.timezone),
      localTime: toLocalString(b.start, p.timezone).slice(11, 16),
      label: slotWhen(b.start, p.timezone, language),
    };
  });
  return {
    channel: c.channel,
    language,
    today: localDateOf(now, tz),
    weekday: formatDay(now, tz),
    now: now.toISOString(),
    prospect: { ...c.facts.contact, saved: c.userId !== null },
    ...(c.facts.criteria && Object.keys(c.facts.criteria).length ? { criteria: { ...c.facts.criteria } } : {}),
    shown,
    ...(focusProperty ? { focus: { id: focusProperty.id, name: focusProperty.name, timezone: focusProperty.timezone } } : {}),
    offered,
    tours,
  };
}

export function factsBlock(f: FactsSnapshot): string {
  return (
    `Conversation facts (from tools; newer than anything said earlier). Today is ${f.weekday}, ${f.today}.\n` +
    `${FACTS_OPEN}${JSON.stringify(f)}${FACTS_CLOSE}`
  );
}

export function parseFactsBlock(text: string): FactsSnapshot | undefined {
  const a = text.indexOf(FACTS_OPEN);
  const b = text.indexOf(FACTS_CLOSE, a);
  if (a < 0 || b < 0) return undefined;
  try {
    return JSON.parse(text.slice(a + FACTS_OPEN.length, b)) as FactsSnapshot;
  } catch {
    return undefined;
  }
}
