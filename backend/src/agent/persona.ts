/** How the assistant presents itself; editable by staff. */
export interface Persona {
  name: string;
  tone: "professional" | "friendly" | "concise";
  greeting: string;
  customInstruction: string;
  companyName: string;
}

export const DEFAULT_PERSONA: Persona = {
  name: "Avery",
  tone: "friendly",
  greeting: "Hi! I'm Avery, the automated leasing assistant. I can help you find a place and book a tour. What are you looking for?",
  customInstruction: "",
  companyName: "Lead to Lease Properties",
};
