import { AppError, isAppError } from "../shared/app-error";
import { renderQueuedMail } from "./mail-renderer";
import type { QueuedMail } from "./outgoing-mail";
import type { MailDelivery } from "./outbox-worker";
import { createFileTransport, createSmtpTransport, type MailTransport } from "./transport";

export interface DeliverySettings {
  smtpUrl?: string;
  outboxDir: string;
  mailFrom: { name: string; address: string };
}

export function transportFor(s: DeliverySettings): MailTransport {
  return s.smtpUrl ? createSmtpTransport(s.smtpUrl, s.mailFrom) : createFileTransport(s.outboxDir, s.mailFrom);
}

/** Renders and sends in this thread. */
export function inlineDelivery(transport: MailTransport, from: { name: string; address: string }): MailDelivery {
  return {
    async deliver(mail: QueuedMail) {
      let rendered;
      try {
        rendered = renderQueuedMail(mail, { from });
      } catch (err) {
        throw isAppError(err) ? err : new AppError("validation", `Cannot render message: ${(err as Error).message}`, { cause: err });
      }
      await transport.send(rendered);
    },
    async close() {
      transport.close();
    },
  };
}
