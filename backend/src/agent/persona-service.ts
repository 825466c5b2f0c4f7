import { z } from "zod";
import { AppError } from "../shared/app-error";
import { Wording } from "./offline/wording";
import { DEFAULT_PERSONA, type Persona } from "./persona";
import { buildSystemPrompt } from "./system-prompt";

export const personaSchema = z.object({
  name: z.string().trim().min(1).max(40),
  tone: z.enum(["professional", "friendly", "concise"]),
  greeting: z.string().trim().min(1).max(400),
  customInstruction: z.string().trim().max(1000),
  companyName: z.string().trim().min(1).max(80),
});

export interface SettingsStore {
  get<T>(key: string): T | undefined;
  set(key: string, value: unknown): void;
}

/** The assistant's persona, editable by staff; used by the model prompt and the offline wording. */
export class PersonaService {
  /**
   * @param sampleSlot an open tour time to show in the preview's sample reply (a real one, so
   *   staff see the assistant as prospects will), or undefined when none is open.
   */
  constructor(
    private readonly settings: SettingsStore,
    private readonly sampleSlot: () => { property: string; when: string } | undefined = () => undefined,
  ) {}

  get(): Persona {
    return { ...DEFAULT_PERSONA, ...(this.settings.get<Partial<Persona>>("persona") ?? {}) };
  }

  validate(patch: unknown): Persona {
    const merged = { ...this.get(), ...(typeof patch === "object" && patch ? patch : {}) };
    const parsed = personaSchema.safeParse(merged);
    if (!parsed.success) {
      throw new AppError("validation", parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "), {
        issues: parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
      });
    }
    return parsed.data;
  }

  /** What prospects would see with a persona, without saving it: its greeting, a sample reply in its tone, and the model's instructions. */
  preview(patch: unknown): { greeting: string; sampleReply: string; systemPrompt: string } {
    const p = this.validate(patch);
    return {
      greeting: p.greeting,
      sampleReply: this.sampleReply(p),
      systemPrompt: buildSystemPrompt(p),
    };
  }

  private sampleReply(p: Persona): string {
    const ack = new Wording(p).ack();
    const slot = this.sampleSlot();
    if (!slot) return `${ack} I can check open tour times at any of our listings and book one for you.`;
    return `${ack} ${slot.property} on ${slot.when} is open. To book it, I just need your name and your e-mail.`;
  }

  update(patch: unknown): Persona {
    const next = this.validate(patch);
    this.settings.set("persona", next);
    return next;
  }
}
