import type { ChoiceOption } from "../../domain/conversations/conversation";
import type { FactsSnapshot } from "../conversation-facts";
import type { Catalog } from "./nlu/catalog";
import type { OfflineState } from "./offline-state";
import type { Interpretation } from "./understand";
import type { Wording } from "./wording";

/** A tool the model already called in this turn, with what it returned. */
export interface DoneCall {
  name: string;
  args: Record<string, unknown>;
  content: string;
  artifact?: { ok?: boolean; options?: ChoiceOption[]; [k: string]: unknown };
}

export interface PolicyContext {
  facts: FactsSnapshot;
  interp: Interpretation;
  prev: OfflineState;
  done: DoneCall[];
  catalog: Catalog;
  w: Wording;
}

/** The model's next move: call a tool, or answer (with optional quick replies and new state). */
export interface Decision {
  call?: { name: string; args: Record<string, unknown> };
  reply?: string;
  state?: OfflineState;
  options?: ChoiceOption[];
  /** The reply does not settle a pending proposal; keep it for the next turn. */
  keepProposal?: boolean;
  /** False when the reply could not help (the conversation made no progress). */
  progress?: boolean;
}

export type Offered = FactsSnapshot["offered"][number];
export type Tour = FactsSnapshot["tours"][number];

export function did(ctx: PolicyContext, name: string): DoneCall | undefined {
  for (let i = ctx.done.length - 1; i >= 0; i--) if (ctx.done[i].name === name) return ctx.done[i];
  return undefined;
}

export const call = (name: string, args: Record<string, unknown>): Decision => ({ call: { name, args } });
