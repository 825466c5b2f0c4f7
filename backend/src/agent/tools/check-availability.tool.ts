import { tool } from "langchain";
import { z } from "zod";
import type { Slot } from "../../domain/availability/availability";
import { addDays, localDateOf, wallTimeToInstant } from "../../domain/availability/slot-math";
import { formatShortDay } from "../../domain/shared/time-format";
import { isAppError } from "../../shared/app-error";
import { conversationIdOf } from "../agent-context";
import { errorText, slotOption, slotWhen } from "./format";
import type { ToolDeps, ToolOutput } from "./tool-deps";

const schema = z.object({
  propertyId: z.number().int().positive().describe("Listing id"),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullish()
    .describe("First local date to look at, YYYY-MM-DD (default today)"),
  endDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullish()
    .describe("Last local date, YYYY-MM-DD (default: date, or a week when no date)"),
  time: z
    .string()
    .regex(/^\d{1,2}:\d{2}$/)
    .nullish()
    .describe("Preferred local start time HH:MM, 24-hour"),
  partOfDay: z.enum(["morning", "afternoon", "evening"]).nullish().describe("Preferred part of the day"),
  latest: z.boolean().nullish().describe("Prefer the latest times of the range instead of the earliest"),
  after: z
    .string()
    .regex(/^\d{1,2}:\d{2}$/)
    .nullish()
    .describe("Only times starting after this local time, HH:MM"),
  before: z
    .string()
    .regex(/^\d{1,2}:\d{2}$/)
    .nullish()
    .describe("Only times starting before this local time, HH:MM"),
});

const PART_HOURS = { morning: [0, 12], afternoon: [12, 17], evening: [17, 24] } as const;

/** "Thu, Dec 24" for a local date. */
function dayLabel(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-US", { weekday: "short", month: "short", day: "numeric", timeZone: "UTC" });
}
const MAX_SHOWN = 6;

/** Up to `max` slots, earliest first; over several days at most three per day, so several days are offered. */
function pick(slots: Slot[], max: number): Slot[] {
  const days = new Set(slots.map((s) => s.local.slice(0, 10)));
  if (days.size <= 1) return slots.slice(0, max);
  const perDay = new Map<string, number>();
  const out: Slot[] = [];
  for (const s of slots) {
    const day = s.local.slice(0, 10);
    if ((perDay.get(day) ?? 0) >= 3) continue;
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
    out.push(s);
    if (out.length === max) break;
  }
  return out;
}

export function createCheckAvailabilityTool(d: ToolDeps) {
  return tool(
    async (args, runtime): Promise<ToolOutput> => {
      const conversationId = conversationIdOf(runtime);
      try {
        const p = d.properties.getActive(args.propertyId);
        const today = localDateOf(d.clock.now(), p.timezone);
        const from = args.date && args.date > today ? args.date : today;
        const to = args.endDate ?? (args.date ? from : addDays(from, 6));
        let slots = d.availability.openSlots(p, { from, to: to < from ? from : to });
        const tz = p.timezone;
        let header = "";
        /** What the times answer, for the model to word: the time asked for is open, or not, and why others are shown. */
        let situation: "requested_open" | "unavailable" | "window_empty" | "part_empty" | "beyond_window" | "days_empty" | undefined;
        let requested: Slot | undefined;
        const language = d.conversations.get(conversationId).facts.language ?? "en";

        const hm = (x: string) => x.padStart(5, "0");
        if (args.after || args.before) {
          const bounded = slots.filter((s) => (!args.after || s.local.slice(11) >= hm(args.after)) && (!args.before || s.local.slice(11) < hm(args.before)));
          if (bounded.length) slots = bounded;
          else {
            header = `No times are open ${args.after ? `after ${args.after}` : `before ${args.before}`} then; other open times:`;
            situation = "window_empty";
          }
        }
        if (args.time && args.date) {
          const [h, m] = args.time.split(":").map(Number);
          const wanted = wallTimeToInstant(args.date, h * 60 + m, tz);
          if (wanted) {
            requested = slots.find((s) => s.start.getTime() === wanted.getTime());
            if (requested) {
              header = `${slotWhen(requested.start, tz)} is open at ${p.name}.`;
              situation = "requested_open";
            } else {
              const near = d.availability.nearestOpenSlots(p, wanted, 4);
              header = `${slotWhen(wanted, tz)} is not available at ${p.name} (booked, past, too soon or outside tour hours).`;
              situation = "unavailable";
              slots = near;
            }
          }
        } else if (args.partOfDay) {
          const [lo, hi] = PART_HOURS[args.partOfDay];
          const inPart = slots.filter((s) => {
            const hour = Number(s.local.slice(11, 13));
            return hour >= lo && hour < hi;
          });
          if (inPart.length === 0 && slots.length > 0) {
            header = `No ${args.partOfDay} times are open then; other open times:`;
            situation = "part_empty";
          } else slots = inPart;
        }

        // A day past how far ahead tours can be booked: say so, and offer the last times that can.
        let lastDayLabel: string | undefined;
        let askedDayLabel: string | undefined;
        const lastBookable = localDateOf(new Date(d.clock.now().getTime() + d.availability.policy.horizonDays * 86_400_000), p.timezone);
        if (slots.length === 0 && !requested && from > lastBookable) {
          const latest = d.availability.openSlots(p, { from: addDays(lastBookable, -6) < today ? today : addDays(lastBookable, -6), to: lastBookable });
          const bookingWindow = `${p.name} takes tour bookings up to ${d.availability.policy.horizonDays} days ahead (through ${dayLabel(lastBookable)})`;
          const lastDay = formatShortDay(new Date(`${lastBookable}T12:00:00Z`), "UTC", language);
          const horizonDays = d.availability.policy.horizonDays;
          if (latest.length === 0)
            return [`${bookingWindow}, and none are open before then.`, { ok: true, count: 0, situation: "beyond_window", lastDay, horizonDays }];
          header = `${bookingWindow}, so ${dayLabel(from)} can't be booked yet. The latest open times are:`;
          situation = "beyond_window";
          lastDayLabel = lastDay;
          askedDayLabel = formatShortDay(new Date(`${from}T12:00:00Z`), "UTC", language);
          slots = latest.slice(-MAX_SHOWN);
        }
        if (slots.length === 0 && !requested) {
          const after = d.availability.openSlots(p, { from: addDays(to, 1), to: addDays(to, 14) });
          if (after.length === 0) return [`${p.name} has no open tour times in the next few weeks.`, { ok: true, count: 0, situation: "none" }];
          header = `${p.name} has no open tour times between ${from} and ${to}. The next open times are:`;
          situation = "days_empty";
          slots = after;
        }

        const ordered = args.latest ? [...slots].reverse() : slots;
        let shown = requested
          ? [
              requested,
              ...pick(
                ordered.filter((s) => s !== requested),
                MAX_SHOWN - 1,
              ),
            ]
          : pick(ordered, MAX_SHOWN);
        if (args.latest) shown = shown.sort((a, b) => a.start.getTime() - b.start.getTime());
        d.conversations.updateFacts(conversationId, {
          focusPropertyId: p.id,
          offered: shown.map((s) => ({ propertyId: p.id, start: s.start.toISOString(), local: s.local })),
        });
        const lines = shown.map((s, i) => `${i + 1}. ${slotWhen(s.start, tz)} (start ${s.start.toISOString()})`);
        const text = `${header ? `${header}\n` : ""}Open tour times at ${p.name} (${tz}):\n${lines.join("\n")}`;
        return [
          text,
          {
            ok: true,
            propertyId: p.id,
            requestedOpen: requested ? requested.start.toISOString() : null,
            situation,
            lastDay: lastDayLabel,
            askedDay: askedDayLabel,
            horizonDays: d.availability.policy.horizonDays,
            options: shown.map((s) => slotOption(p, s, language)),
          },
        ];
      } catch (err) {
        return [`Cannot check availability: ${errorText(err)}`, { ok: false, code: isAppError(err) ? err.code : "internal" }];
      }
    },
    {
      name: "check_availability",
      description:
        "List open tour times for one listing, in the listing's local time zone. " +
        "Give a date or date range, and optionally a preferred time or part of the day; " +
        "if that exact time is taken or outside tour hours, the nearest open times are returned instead. " +
        "Each time includes its exact start to pass to book_tour.",
      schema,
      responseFormat: "content_and_artifact",
    },
  );
}
