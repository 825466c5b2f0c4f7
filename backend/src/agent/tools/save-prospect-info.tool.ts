import { tool } from "langchain";
import { z } from "zod";
import { normalizeEmail, normalizeName, normalizePhone } from "../../domain/users/contact-validation";
import { conversationIdOf } from "../agent-context";
import { errorText } from "./format";
import { sessionUpcomingTours } from "./session-tours";
import type { ToolDeps, ToolOutput } from "./tool-deps";

const schema = z.object({
  name: z.string().max(200).nullish().describe("Full name as the prospect gave it"),
  email: z.string().max(320).nullish().describe("E-mail address"),
  phone: z.string().max(40).nullish().describe("Phone number in any format"),
});

/**
 * Saves the prospect this conversation is talking to. Later tools act for this person only.
 * An e-mail that already belongs to someone links the conversation to them for new bookings,
 * but never reveals or changes their existing tours or stored details.
 */
export function createSaveProspectInfoTool(d: ToolDeps) {
  return tool(
    async (args, runtime): Promise<ToolOutput> => {
      const conversationId = conversationIdOf(runtime);
      const conversation = d.conversations.get(conversationId);
      const contact = { ...conversation.facts.contact };
      const problems: string[] = [];
      /** The values that could not be saved, by field, for the model to word. */
      const rejected: Array<{ field: "name" | "email" | "phone" | "other"; value: string }> = [];
      if (args.name) {
        const name = normalizeName(args.name);
        if (name) contact.name = name;
        else {
          problems.push(`"${args.name}" is not a usable name`);
          rejected.push({ field: "name", value: args.name });
        }
      }
      if (args.email) {
        const email = normalizeEmail(args.email);
        if (email) contact.email = email;
        else {
          problems.push(`"${args.email}" is not a valid e-mail address`);
          rejected.push({ field: "email", value: args.email });
        }
      }
      if (args.phone) {
        const phone = normalizePhone(args.phone);
        if (phone) contact.phone = phone;
        else {
          problems.push(`"${args.phone}" is not a valid phone number`);
          rejected.push({ field: "phone", value: args.phone });
        }
      }
      d.conversations.updateFacts(conversationId, { contact });

      let saved = "";
      let emailCorrected = false;
      const linked = conversation.userId ? d.users.get(conversation.userId) : undefined;
      const existing = contact.email ? d.users.findByEmail(contact.email) : undefined;
      const booked = sessionUpcomingTours(d, conversationId);
      const createdHere = linked !== undefined && conversation.facts.createdUserId === linked.id;
      if (linked && createdHere && contact.email && !existing && linked.email.toLowerCase() !== contact.email.toLowerCase() && booked.length) {
        // A typo noticed after booking: fix the address and send the confirmations again.
        try {
          d.users.correctEmail(linked.id, contact.email);
          for (const b of booked) d.bookings.resendConfirmation(b.id);
          saved = `Updated the e-mail to ${contact.email} and re-sent the confirmation of tour ${booked.map((b) => b.id).join(", ")}.`;
          emailCorrected = true;
        } catch (err) {
          problems.push(errorText(err));
          rejected.push({ field: "other", value: contact.email });
        }
      } else if (contact.email && (contact.name || existing)) {
        try {
          // An address already on file links this conversation to that person for new bookings;
          // what is stored about them (their name included) is never read back into the chat.
          const user = existing ?? d.users.upsertProspect({ name: contact.name!, email: contact.email, phone: contact.phone ?? null });
          // A person this conversation created can add a phone or fix their name later on.
          if (existing && conversation.facts.createdUserId === existing.id && contact.name) {
            d.users.upsertProspect({ name: contact.name, email: contact.email, phone: contact.phone ?? null });
          }
          d.conversations.linkUser(conversationId, user.id);
          d.conversations.updateFacts(conversationId, existing ? { contact } : { contact, createdUserId: user.id });
          saved = `Saved prospect: ${[contact.name, contact.email, contact.phone].filter(Boolean).join(", ")}.`;
        } catch (err) {
          problems.push(errorText(err));
          rejected.push({ field: "other", value: contact.email });
        }
      }
      const missing = [!contact.name && "name", !contact.email && "e-mail"].filter(Boolean).join(" and ");
      const parts = [
        saved || `Noted: ${[contact.name, contact.email, contact.phone].filter(Boolean).join(", ") || "nothing yet"}.`,
        missing ? `Still needed before booking: ${missing}.` : "",
        problems.length ? `Problems: ${problems.join("; ")}. Ask the prospect to correct this.` : "",
      ].filter(Boolean);
      return [parts.join(" "), { ok: problems.length === 0, saved: Boolean(saved), emailCorrected, contact, invalid: problems, rejected }];
    },
    {
      name: "save_prospect_info",
      description:
        "Save the prospect's name, e-mail and phone number (any may be given; later calls add to or correct earlier ones). " +
        "Invalid values are reported back so you can ask again. A name and e-mail are required before book_tour.",
      schema,
      responseFormat: "content_and_artifact",
    },
  );
}
