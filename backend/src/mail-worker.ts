import path from "node:path";
import { pathToFileURL } from "node:url";
import { buildApp, configOrExit, exitOnSignals } from "./main";

/**
 * The mail worker on its own (`npm run mail:worker`): reads the configured inbox and sends
 * the outbox, without the HTTP server. `npm start` runs the same worker inside the server.
 */
async function main(): Promise<void> {
  const config = configOrExit();
  if (!config.imap) {
    console.error("No inbox configured: set IMAP_URL (imap://user:password@host:port/INBOX) or IMAP_HOST, IMAP_USER and IMAP_PASSWORD.");
    process.exit(1);
  }
  const app = await buildApp(config);
  app.outbox.start();
  app.startMailWorker();
  app.log.info({ inbox: `${config.imap.host}/${config.imap.mailbox}` }, "mail worker running");
  exitOnSignals(app);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
