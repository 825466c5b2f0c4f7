import { ChatOpenAI } from "@langchain/openai";

export interface OpenAiSettings {
  apiKey: string;
  model: string;
  baseUrl?: string;
  timeoutMs: number;
}

/** OpenAI, or any server speaking the Chat Completions protocol (Ollama, vLLM, LM Studio). */
export function createOpenAiModel(s: OpenAiSettings): ChatOpenAI {
  return new ChatOpenAI({
    model: s.model,
    apiKey: s.apiKey,
    temperature: 0.2,
    timeout: s.timeoutMs,
    maxRetries: 1,
    configuration: s.baseUrl ? { baseURL: s.baseUrl } : undefined,
  });
}
