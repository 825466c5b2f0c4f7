import fs from "node:fs";
import path from "node:path";
import type { Logger } from "pino";
import type { Ticket } from "../domain/tickets/ticket";

/** Writes each ticket as a JSON file (for a CRM to pick up). Failures are logged, never thrown. */
export function ticketExporter(dir: string, log: Logger): (t: Ticket) => void {
  return (t) => {
    try {
      fs.mkdirSync(dir, { recursive: true });
      const file = path.join(dir, `ticket-${String(t.id).padStart(6, "0")}.json`);
      fs.writeFileSync(`${file}.tmp`, JSON.stringify(t, null, 2));
      fs.renameSync(`${file}.tmp`, file);
    } catch (err) {
      log.error({ err, ticketId: t.id }, "ticket export failed");
    }
  };
}
