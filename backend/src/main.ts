import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Logger } from "pino";
import { trimStoredThread } from "./agent/context-window";
import { createLeasingAgent, type LeasingAgent } from "./agent/leasing-agent";
import { createOpenAiModel } from "./agent/models/openai-model";
import { buildCatalog } from "./agent/offline/nlu/catalog";
import { OfflineChatModel } from "./agent/offline/offline-chat-model";
import { PersonaService } from "./agent/persona-service";
import { slotWhen } from "./agent/tools/format";
import { ChatService } from "./channels/chat/chat-service";
import followUpEn from "./channels/email/corpus/followup.en.json";
import followUpEs from "./channels/email/corpus/followup.es.json";
import mailEn from "./channels/email/corpus/mail.en.json";
import mailEs from "./channels/email/corpus/mail.es.json";
import mailDocuments from "./channels/email/corpus/mail-documents.json";
import { EmailPipeline } from "./channels/email/email-pipeline";
import { ImapMailWorker } from "./channels/email/imap-worker";
import { type MailDocument, MailUnderstanding, mailTrainingSets } from "./channels/email/mail-understanding";
import { modelClassifier } from "./channels/email/model-classifier";
import { EscalationService } from "./channels/staff/escalation-service";
import { StaffReplies } from "./channels/staff/staff-replies";
import { type Config, ConfigError, loadConfig } from "./config/config";
import { SqliteAvailabilityRepository } from "./db/availability-repository";
import { SqliteBookingRepository } from "./db/booking-repository";
import { SqliteConversationRepository } from "./db/conversation-repository";
import { type Db, openDatabase, transactionRunner } from "./db/database";
import { SqliteInboundRepository, SqliteMailThreadRepository } from "./db/inbound-repository";
import { SqliteOutboxRepository } from "./db/outbox-repository";
import { SqlitePropertyRepository } from "./db/property-repository";
import { SqliteSettingsRepository, SqliteStaffRepository } from "./db/staff-repository";
import { ThreadCheckpointer } from "./db/thread-checkpointer";
import { SqliteStakeholderRepository, SqliteTicketRepository } from "./db/ticket-repository";
import { SqliteUserRepository } from "./db/user-repository";
import { AvailabilityService } from "./domain/availability/availability-service";
import { BookingService } from "./domain/bookings/booking-service";
import { ConversationService } from "./domain/conversations/conversation-service";
import { PropertyService } from "./domain/properties/property-service";
import { StaffService } from "./domain/staff/staff-service";
import { TicketService } from "./domain/tickets/ticket-service";
import triageEn from "./domain/triage/corpus/triage.en.json";
import triageEs from "./domain/triage/corpus/triage.es.json";
import { Triage } from "./domain/triage/triage";
import { UserService } from "./domain/users/user-service";
import { createHttpApp } from "./http/app";
import { BookingMailer } from "./mail/booking-mailer";
import { Outbox } from "./mail/outbox";
import { ticketExporter } from "./mail/ticket-export";
import { transportFor } from "./mail/transport";
import type { Corpus } from "./nlu/intent-classifier";
import { detectLanguage, replyLanguage } from "./nlu/language";
import { trainedClassifier } from "./nlu/trained";
import { type Clock, systemClock } from "./shared/clock";
import { createLogger } from "./shared/logger";
import { randomToken } from "./shared/random-token";

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SEED_FILE = path.join(ROOT_DIR, "seed.sql");

/** What a caller may hand in instead of the defaults: the clock ("now" everywhere) and the logger. */
export interface Overrides {
  clock?: Clock;
  logger?: Logger;
}

export interface App {
  config: Config;
  db: Db;
  log: Logger;
  clock: Clock;
  services: Services;
  agent: LeasingAgent;
  /** The offline reading of mail. */
  understanding: MailUnderstanding;
  /** The safety triage that chat, mail and the model path share. */
  triage: Triage;
  repos: { outbox: SqliteOutboxRepository; inbound: SqliteInboundRepository; threads: SqliteMailThreadRepository };
  outbox: Outbox;
  /** The inbox reader, when an inbox is configured and the worker was started. */
  mailWorker?: ImapMailWorker;
  startMailWorker(): ImapMailWorker | undefined;
  server?: Server;
  url?: string;
  close(): Promise<void>;
}

type Services = Omit<ReturnType<typeof buildServices>, "tx" | "outbox" | "outboxRepo"> & {
  chat: ChatService;
  email: EmailPipeline;
  escalations: EscalationService;
  staffReplies: StaffReplies;
};

/** Repositories and domain services over one connection. */
function buildServices(db: Db, config: Config, clock: Clock, log: Logger) {
  const tx = transactionRunner(db);
  const outboxRepo = new SqliteOutboxRepository(db);
  const outbox = new Outbox(outboxRepo, transportFor(config, clock), config.mailFrom, clock, log, config.outbox);
  const propertyRepo = new SqlitePropertyRepository(db);
  const bookingRepo = new SqliteBookingRepository(db);
  const userRepo = new SqliteUserRepository(db);
  const properties = new PropertyService(propertyRepo, clock);
  const availability = new AvailabilityService(new SqliteAvailabilityRepository(db), bookingRepo, clock, config.tours);
  const users = new UserService(userRepo, clock);
  const bookings = new BookingService({
    bookings: bookingRepo,
    properties: propertyRepo,
    users: userRepo,
    availability,
    tx,
    notifier: new BookingMailer(outbox, { publicUrl: config.publicUrl, from: config.mailFrom }),
    clock,
    newToken: () => randomToken(),
  });
  const conversations = new ConversationService(new SqliteConversationRepository(db), clock, () => randomToken(18), tx);
  const tickets = new TicketService(new SqliteTicketRepository(db), new SqliteStakeholderRepository(db), clock);
  const staff = new StaffService(new SqliteStaffRepository(db), clock);
  const persona = new PersonaService(new SqliteSettingsRepository(db), () => sampleSlot(properties, availability));
  return { tx, outbox, outboxRepo, properties, availability, users, bookings, conversations, tickets, staff, persona };
}

/** An open tour time to show in the persona preview. */
function sampleSlot(properties: PropertyService, availability: AvailabilityService) {
  for (const p of properties.listActive()) {
    const [slot] = availability.openSlots(p);
    if (slot) return { property: p.name, when: slotWhen(slot.start, p.timezone) };
  }
  return undefined;
}

/** The configured chat model: OpenAI-compatible with a key, otherwise the offline model. */
function chatModel(config: Config, s: ReturnType<typeof buildServices>, clock: Clock): BaseChatModel {
  if (config.llm.provider === "openai") {
    const { apiKey, model, baseUrl, timeoutMs } = config.llm;
    return createOpenAiModel({ apiKey: apiKey!, model, baseUrl, timeoutMs });
  }
  return new OfflineChatModel({ catalog: () => buildCatalog(s.properties.listAll()), persona: () => s.persona.get(), clock });
}

/**
 * The emergency gate's two classes: the triage corpus's emergencies and the labelled mails that
 * report one, against everything else people write (the rest of the triage corpus, mail sentences
 * that are not urgent, and the other labelled mails).
 */
function emergencyGate(triage: Corpus, mail: Corpus, documents: readonly MailDocument[]): Corpus {
  const emergency: string[] = [];
  const other: string[] = [];
  for (const [intent, examples] of Object.entries(triage)) (intent.startsWith("emergency.") ? emergency : other).push(...examples);
  for (const intent of ["locked_out", "rent", "tour_request", "general", "priority.high", "priority.normal", "priority.low"])
    other.push(...(mail[intent] ?? []));
  for (const d of documents) (d.intent === "maintenance" && d.priority === "urgent" ? emergency : other).push(`${d.subject}\n${d.text}`);
  return { emergency, other };
}

/**
 * The follow-up cues, with the mail corpus's reports (repairs, lock-outs, rent) as what is none of
 * them. Its general notes are left out: many are thanks, a cue of their own.
 */
function followUpCorpus(cues: Corpus, mail: Corpus): Corpus {
  // A tour request in a tour thread carries the tour on.
  const reports = ["locked_out", "maintenance", "rent"].flatMap((intent) => mail[intent] ?? []);
  return {
    ...cues,
    "followup.tour": [...(cues["followup.tour"] ?? []), ...(mail.tour_request ?? [])],
    "followup.none": [...(cues["followup.none"] ?? []), ...reports],
  };
}

/** The understanding of messages: the shared safety triage and the mail reader, trained from their corpora. */
async function understanding() {
  // The labelled mails are in English but for a few; each language's classifier learns its own.
  const docs = (language: string) => mailDocuments.filter((d) => replyLanguage(detectLanguage(`${d.subject}\n${d.text}`)) === language);
  const en = mailTrainingSets(mailEn, docs("en"));
  const es = mailTrainingSets(mailEs, docs("es"));
  const triageKinds = (corpus: Corpus, mail: Corpus) => ({ ...corpus, "resident.locked_out": mail.locked_out });
  const [kinds, gate, intents, priorities, followUps] = await Promise.all([
    // Lock-outs are taught to the triage as what they are (a resident matter, not an emergency).
    trainedClassifier("triage", { en: triageKinds(triageEn, mailEn), es: triageKinds(triageEs, mailEs) }, { dropStopwords: true }),
    trainedClassifier(
      "emergency-gate",
      { en: emergencyGate(triageEn, mailEn, docs("en")), es: emergencyGate(triageEs, mailEs, docs("es")) },
      { dropStopwords: true },
    ),
    trainedClassifier("mail-intents", { en: en.intents, es: es.intents }),
    trainedClassifier("mail-priorities", { en: en.priorities, es: es.priorities }),
    // Everything a first mail says (a problem, a request) is what a reply that is none of these says.
    trainedClassifier("mail-follow-ups", { en: followUpCorpus(followUpEn, mailEn), es: followUpCorpus(followUpEs, mailEs) }),
  ]);
  const triage = new Triage(kinds, gate);
  return { triage, mail: MailUnderstanding.create({ intents, priorities, followUps, triage }) };
}

/** The composition root: config → database → repositories → services → agent → channels. */
export async function buildApp(config: Config, o: Overrides = {}): Promise<App> {
  const log = o.logger ?? createLogger(config.logLevel);
  const clock = o.clock ?? systemClock;
  // The demo data's dates count from the application's day.
  const { triage, mail } = await understanding();
  const db = openDatabase(config.dbPath, { seedFile: SEED_FILE, seedToday: clock.now() });
  const s = buildServices(db, config, clock, log);

  const persona = () => s.persona.get();
  const model = chatModel(config, s, clock);
  const { properties, availability, bookings, users, conversations } = s;
  const agent = createLeasingAgent({
    model,
    deps: { properties, availability, bookings, users, conversations, clock, publicUrl: config.publicUrl },
    checkpointer: new ThreadCheckpointer(db, trimStoredThread),
    persona,
  });
  const inbound = new SqliteInboundRepository(db);
  const threads = new SqliteMailThreadRepository(db);
  const mailEnv = { tx: s.tx, outbox: s.outbox, from: config.mailFrom };
  const escalations = new EscalationService({ ...mailEnv, conversations, tickets: s.tickets, users, publicUrl: config.publicUrl, log });
  const staffReplies = new StaffReplies({ ...mailEnv, conversations, users, threads });
  const chat = new ChatService({
    agent,
    conversations,
    escalations,
    triage,
    listingNames: () => properties.listAll().map((p) => p.name),
    emergencyPhone: () => s.tickets.stakeholdersFor("maintenance", null).find((x) => x.phone)?.phone ?? null,
    log,
    turnTimeoutMs: config.llm.timeoutMs,
  });
  const email = new EmailPipeline({
    ...mailEnv,
    inbound,
    threads,
    conversations,
    users,
    properties,
    bookings,
    tickets: s.tickets,
    agent,
    classifier: config.llm.provider === "openai" ? modelClassifier(model, config.llm.timeoutMs) : mail,
    understanding: mail,
    persona,
    clock,
    notifyMode: config.mail.notify,
    modelTimeoutMs: config.llm.timeoutMs,
    maxAttempts: config.mail.maxAttempts,
    onTicket: config.mail.ticketsExportDir ? ticketExporter(config.mail.ticketsExportDir, log) : undefined,
    log,
  });

  const { tx: _tx, outbox, outboxRepo, ...domain } = s;
  const app: App = {
    config,
    db,
    log,
    clock,
    agent,
    understanding: mail,
    triage,
    services: { ...domain, chat, email, escalations, staffReplies },
    repos: { outbox: outboxRepo, inbound, threads },
    outbox,
    startMailWorker() {
      if (!config.imap || app.mailWorker) return app.mailWorker;
      const settings = { ...config.imap, pollMs: config.mail.pollMs, lookbackDays: config.mail.lookbackDays };
      app.mailWorker = new ImapMailWorker(settings, email, inbound, clock, log);
      app.mailWorker.start();
      return app.mailWorker;
    },
    async close() {
      await app.mailWorker?.stop();
      await new Promise<void>((resolve) => {
        if (!app.server) return resolve();
        app.server.close(() => resolve());
        app.server.closeAllConnections();
      });
      await outbox.stop();
      db.close();
    },
  };
  return app;
}

/** Builds the app, starts the outbox and the inbox reader, and listens. Resolves once the port is open. */
export async function startServer(config: Config, o: Overrides = {}): Promise<App> {
  const app = await buildApp(config, o);
  await app.services.staff.ensureAdmin(config.staffAdmin.email, config.staffAdmin.password);
  const persona = () => app.services.persona.get();
  const http = createHttpApp({
    log: app.log,
    clock: app.clock,
    publicUrl: config.publicUrl,
    adminToken: config.adminToken,
    allowedOrigins: config.allowedOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    secureCookies: config.publicUrl.startsWith("https:"),
    health: () => ({ time: app.clock.now().toISOString(), model: config.llm.provider }),
    pages: {
      distDir: path.join(ROOT_DIR, "frontend/dist"),
      companyName: () => persona().companyName,
      assistantTitle: () => `${persona().name} · Leasing assistant`,
      greeting: () => persona().greeting,
    },
    ...app.services,
  });
  app.outbox.start();
  app.startMailWorker();
  await new Promise<void>((resolve, reject) => {
    const server = http.listen(config.port, config.host, () => resolve());
    server.once("error", reject);
    app.server = server;
  });
  const address = app.server!.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  app.url = `http://127.0.0.1:${port}`;
  return app;
}

export function readEnv(): Record<string, string | undefined> {
  const envFile = path.resolve(process.cwd(), ".env");
  if (fs.existsSync(envFile)) process.loadEnvFile(envFile);
  return process.env;
}

/** The configuration of a command-line entry point: every problem printed, then exit 1. */
export function configOrExit(defaults: Record<string, string> = {}): Config {
  try {
    return loadConfig({ ...defaults, ...readEnv() });
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}

/** Stops the app on SIGINT or SIGTERM, then exits. */
export function exitOnSignals(app: App): void {
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, "shutting down");
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

function warnAboutDevelopmentSecrets(config: Config, log: Logger): void {
  if (config.staffAdmin.passwordIsDefault) {
    log.warn(
      { email: config.staffAdmin.email },
      "STAFF_ADMIN_PASSWORD is not set: the console admin uses the development password (see README). Set it before going live.",
    );
  }
  if (config.adminTokenIsDefault) {
    log.warn("ADMIN_TOKEN is not set: the development admin token from .env.example is in use. Set ADMIN_TOKEN before going live.");
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const app = await startServer(config);
  warnAboutDevelopmentSecrets(config, app.log);
  const inbox = config.imap ? `${config.imap.host}/${config.imap.mailbox}` : "none";
  app.log.info(
    { url: config.publicUrl, port: config.port, dataDir: config.dataDir, mail: config.smtpUrl ? "smtp" : "file outbox", inbox, model: config.llm.provider },
    `Leasing assistant listening on ${config.publicUrl} (staff console: ${config.publicUrl}/console)`,
  );
  exitOnSignals(app);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
