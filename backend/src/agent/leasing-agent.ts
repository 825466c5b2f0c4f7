import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import { createAgent } from "langchain";
import { agentContextSchema } from "./agent-context";
import { contextWindowMiddleware } from "./context-window";
import type { Persona } from "./persona";
import { buildSystemPrompt } from "./system-prompt";
import { createLeasingTools } from "./tools/leasing-tools";
import type { ToolDeps } from "./tools/tool-deps";

export interface LeasingAgentOptions {
  model: BaseChatModel;
  deps: ToolDeps;
  checkpointer: BaseCheckpointSaver;
  persona: () => Persona;
}

/** The one agent behind every channel: same tools, same prompt rules, any model. */
export function createLeasingAgent(o: LeasingAgentOptions) {
  return createAgent({
    model: o.model,
    tools: createLeasingTools(o.deps),
    checkpointer: o.checkpointer,
    contextSchema: agentContextSchema,
    systemPrompt: buildSystemPrompt(o.persona()),
    middleware: [contextWindowMiddleware(o.deps, () => buildSystemPrompt(o.persona()))],
  });
}

export type LeasingAgent = ReturnType<typeof createLeasingAgent>;
