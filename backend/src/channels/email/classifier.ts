import type { Intent, Priority } from "../../domain/tickets/ticket";

export interface Classification {
  intent: Intent;
  priority: Priority;
  summary: string;
  actionRequired: string;
}

export interface ClassifyInput {
  subject: string;
  text: string;
  sender: { name: string; email: string; isTenant: boolean; property?: string; unit?: string | null };
  /** Month of the year at the property (1-12), to judge "no heat". */
  month: number;
}

export interface Classifier {
  readonly name: string;
  classify(input: ClassifyInput): Promise<Classification>;
}

export const ACTIONS: Record<Intent, Record<"urgent" | "other", string>> = {
  locked_out: { urgent: "Send the locksmith or let the resident in now, then confirm with them.", other: "Arrange access for the resident." },
  maintenance: { urgent: "Dispatch emergency maintenance now and confirm the resident is safe.", other: "Schedule the repair with the resident." },
  rent: { urgent: "Review the resident's account today and reply.", other: "Review the resident's account and reply about the payment." },
  tour_request: { urgent: "Confirm the tour with the prospect.", other: "Confirm or offer tour times to the prospect." },
  general: { urgent: "Reply to the sender today.", other: "Reply to the sender." },
};
