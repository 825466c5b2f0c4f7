import type { Persona } from "../persona";

/** Small tone-aware phrases so the offline model sounds like the configured persona. */
export class Wording {
  constructor(readonly persona: Persona) {}

  ack(): string {
    return { friendly: "Great!", professional: "Certainly.", concise: "OK." }[this.persona.tone];
  }

  thanks(name?: string): string {
    const first = name?.split(" ")[0];
    if (this.persona.tone === "concise") return first ? `Thanks, ${first}.` : "Thanks.";
    if (this.persona.tone === "professional") return first ? `Thank you, ${first}.` : "Thank you.";
    return first ? `Thanks, ${first}!` : "Thanks!";
  }

  sorry(): string {
    return { friendly: "Sorry about that —", professional: "I apologise —", concise: "Sorry —" }[this.persona.tone];
  }

  greeting(): string {
    return this.persona.greeting;
  }

  capabilities(): string {
    return "I can search our listings, answer questions about them, check tour times, and book, reschedule or cancel tours.";
  }
}

export function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

export function money(n: number): string {
  return `$${n.toLocaleString("en-US")}`;
}

export function beds(n: number): string {
  return n === 0 ? "studio" : `${n}-bedroom`;
}
