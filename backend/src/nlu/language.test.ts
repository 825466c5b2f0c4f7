import { describe, expect, it } from "vitest";
import { detectLanguage, replyLanguage } from "./language";

describe("detectLanguage", () => {
  it("reads short messages by their common words, and keeps the conversation's language when they say nothing", () => {
    expect(detectLanguage("yes please book")).toBe("en");
    expect(detectLanguage("sí, por favor")).toBe("es");
    expect(detectLanguage("mañana a las 4")).toBe("es");
    expect(detectLanguage("soy Lucía Ortega")).toBe("es");
    expect(detectLanguage("3pm", "es")).toBe("es");
    expect(detectLanguage("ok", "en")).toBe("en");
    expect(detectLanguage("Highland Row", "es")).toBe("es");
  });

  it("tells longer messages apart, other languages included, and answers those in English", () => {
    expect(detectLanguage("what happens if I break my lease after 6 months?")).toBe("en");
    expect(detectLanguage("Hola, quiero ver el departamento de dos recámaras el jueves por la tarde")).toBe("es");
    expect(detectLanguage("Bonjour, je suis enfermé dehors et mes clés sont à l'intérieur")).toBe("fr");
    expect(replyLanguage("fr")).toBe("en");
    expect(replyLanguage("es")).toBe("es");
  });
});
