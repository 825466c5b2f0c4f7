import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { Server } from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMainThread } from "node:worker_threads";
import type { Logger } from "pino";
import { ConfigError, loadConfig, type Config } from "./config/config";
import { deferWalCheckpoints, openDatabase, transactionRunner, type Db, type WalCheckpointResult } from "./db/database";
import { SqliteAvailabilityRepository } from "./db/availability-repository";
import { CATALOG_RECHECK_MS } from "./db/catalog-version";
import { SqliteBookingRepository } from "./db/booking-repository";
import { SqliteOutboxRepository } from "./db/outbox-repository";
import { SqlitePropertyRepository } from "./db/property-repository";
import { SqliteUserRepository } from "./db/user-repository";
import { AvailabilityService } from "./domain/availability/availability-service";
import { BookingService } from "./domain/bookings/booking-service";
import { PropertyService } from "./domain/properties/property-service";
import { UserService } from "./domain/users/user-service";
import { createHttpApp } from "./http/app";
import { createHttpServer } from "./http/http-server";
import { inProcessTourDesk, type TourDesk } from "./http/tour-desk";
import { TourDeskThread } from "./http/tour-desk-thread";
import { BookingMailer } from "./mail/booking-mailer";
import { inlineDelivery, transportFor } from "./mail/mail-delivery";
import { OutboxThreadDelivery } from "./mail/outbox-thread";
import { OutboxWorker, type MailDelivery, type OutboxPacing, type OutboxRunner } from "./mail/outbox-worker";
import type { MailTransport } from "./mail/transport";
import { AppError } from "./shared/app-error";
import { systemClock, type Clock } from "./shared/clock";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ThreadCheckpointer } from "./db/thread-checkpointer";
import { trimStoredThread } from "./agent/context-window";
import { createLeasingAgent, type LeasingAgent } from "./agent/leasing-agent";
import { createOpenAiModel } from "./agent/models/openai-model";
import { buildCatalog, type Catalog } from "./agent/offline/nlu/catalog";
import { OfflineChatModel } from "./agent/offline/offline-chat-model";
import { DEFAULT_PERSONA, type Persona } from "./agent/persona";
import { slotWhen } from "./agent/tools/format";
import type { ToolDeps } from "./agent/tools/tool-deps";
import { ChatService } from "./channels/chat/chat-service";
import { ChatThreadPool } from "./channels/chat/chat-thread-pool";
import { SqliteConversationRepository } from "./db/conversation-repository";
import { ConversationService } from "./domain/conversations/conversation-service";
import { EmailPipeline } from "./channels/email/email-pipeline";
import { ImapMailWorker } from "./channels/email/imap-worker";
import { modelClassifier } from "./channels/email/model-classifier";
import { offlineClassifier } from "./channels/email/offline-classifier";
import { SqliteInboundRepository, SqliteMailThreadRepository } from "./db/inbound-repository";
import { SqliteStakeholderRepository, SqliteTicketRepository } from "./db/ticket-repository";
import { TicketService } from "./domain/tickets/ticket-service";
import { ticketExporter } from "./mail/ticket-export";
import { PersonaService } from "./agent/persona-service";
import { EscalationService } from "./channels/staff/escalation-service";
import { StaffReplies } from "./channels/staff/staff-replies";
import { SqliteSettingsRepository, SqliteStaffRepository } from "./db/staff-repository";
import { StaffService } from "./domain/staff/staff-service";
import { createLogger } from "./shared/logger";
import { timeOrderedToken } from "./shared/time-ordered-token";

export const ROOT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SEED_FILE = path.join(ROOT_DIR, "seed.sql");

export interface Overrides {
  /** The business clock: "now" for slots and bookings. */
  clock?: Clock;
  /** The clock of the mail outbox (retry timing); real time unless a test says otherwise. */
  mailClock?: Clock;
  logger?: Logger;
  /** A transport of the caller's; the outbox then runs in this thread. */
  transport?: MailTransport;
  /** A chat model of the caller's instead of the configured one. */
  model?: BaseChatModel;
  /**
   * Mail queued by this instance is delivered by another thread's outbox (a chat thread):
   * this is called after each enqueue instead, and no delivery runs here.
   */
  mailQueued?: () => void;
  /** Makes the ids of new conversations (a chat thread makes ids of sessions that stay on it). */
  newConversationId?: () => string;
  /**
   * How long this connection's catalogue caches trust the version they read, outside a
   * transaction (see CatalogVersion; 0 by default: read every time). The server's request thread
   * uses CATALOG_RECHECK_MS.
   */
  catalogRecheckMs?: number;
}

export interface App {
  config: Config;
  db: Db;
  log: Logger;
  services: {
    properties: PropertyService;
    availability: AvailabilityService;
    bookings: BookingService;
    users: UserService;
    /** Tour changes of the public API, in this thread. */
    tours: TourDesk;
    conversations: ConversationService;
    chat: ChatService;
    tickets: TicketService;
    email: EmailPipeline;
    staff: StaffService;
    persona: PersonaService;
    escalations: EscalationService;
    staffReplies: StaffReplies;
  };
  agent: LeasingAgent;
  repos: { outbox: SqliteOutboxRepository; inbound: SqliteInboundRepository; threads: SqliteMailThreadRepository };
  /** The threads that answer chat turns, when the server runs them off the main thread. */
  chatThreads?: ChatThreadPool;
  /** The thread that commits the public API's tour changes, when the server runs one. */
  tourThread?: TourDeskThread;
  /** The inbox reader, when an inbox is configured and the worker was started. */
  mailWorker?: ImapMailWorker;
  startMailWorker(): ImapMailWorker | undefined;
  outbox: OutboxRunner;
  server?: Server;
  url?: string;
  close(): Promise<void>;
}

/** An unguessable conversation (session) id. */
export function newConversationId(): string {
  return randomBytes(18).toString("base64url");
}

/** The outbox of an instance whose mail another thread delivers: it is never started. */
const deliveredElsewhere: MailDelivery = {
  deliver: () => Promise.reject(new AppError("internal", "this instance's mail is delivered by the server's outbox")),
  close: async () => {},
};

/** The offline model's view of the catalogue, rebuilt only when the listings change. */
function catalogOf(properties: PropertyService) {
  let source: unknown;
  let catalog: Catalog | undefined;
  return (): Catalog => {
    const all = properties.listAllCached();
    if (all !== source || !catalog) {
      source = all;
      catalog = buildCatalog(all.map((p) => ({ ...p })));
    }
    return catalog;
  };
}

/**
 * The listings, tour hours, people and bookings over one database connection: what every thread
 * that books tours needs. Queued confirmations are announced through `mailQueued`.
 */
export function buildBookingCore(db: Db, config: Config, o: { clock: Clock; mailClock: Clock; mailQueued: () => void; catalogRecheckMs?: number }) {
  const propertyRepo = new SqlitePropertyRepository(db, { catalogRecheckMs: o.catalogRecheckMs });
  const bookingRepo = new SqliteBookingRepository(db);
  const userRepo = new SqliteUserRepository(db);
  const outboxRepo = new SqliteOutboxRepository(db);
  const mailer = new BookingMailer(outboxRepo, o.mailClock, { publicUrl: config.publicUrl, from: config.mailFrom }, o.mailQueued);
  const properties = new PropertyService(propertyRepo);
  const availability = new AvailabilityService(new SqliteAvailabilityRepository(db, { catalogRecheckMs: o.catalogRecheckMs }), bookingRepo, o.clock, config.tours);
  const users = new UserService(userRepo);
  const bookings = new BookingService({
    bookings: bookingRepo,
    properties: propertyRepo,
    users: userRepo,
    availability,
    tx: transactionRunner(db),
    notifier: mailer,
    clock: o.clock,
    newToken: () => timeOrderedToken(),
  });
  return { properties, availability, users, bookings, outboxRepo };
}

function outboxOptions(config: Config) {
  return {
    pollMs: config.outbox.pollMs,
    maxBackoffMs: config.outbox.maxBackoffMs,
    baseBackoffMs: config.outbox.baseBackoffMs,
    concurrency: config.outbox.concurrency,
    leaseMs: config.outbox.leaseMs,
  };
}

/**
 * The outbox over this connection, delivering as configured: by default a mail thread renders
 * and sends (and checkpoints the WAL); a caller's transport or OUTBOX_MODE=inline sends here.
 */
export function buildOutbox(
  db: Db,
  config: Config,
  outboxRepo: SqliteOutboxRepository,
  log: Logger,
  mailClock: Clock,
  extra: {
    /** Sends through this transport on the calling thread instead of the configured delivery. */
    transport?: MailTransport;
    pacing?: OutboxPacing;
    /** Each WAL checkpoint the mail thread makes (see finishWalCheckpoint). */
    onWalCheckpointed?: (r: WalCheckpointResult) => void;
  } = {},
): OutboxWorker {
  const { transport, pacing, onWalCheckpointed } = extra;
  let delivery: MailDelivery;
  if (transport !== undefined) delivery = inlineDelivery(transport, config.mailFrom);
  else if (config.outbox.mode === "inline") delivery = inlineDelivery(transportFor(config), config.mailFrom);
  else {
    // The mail thread also checkpoints the WAL; SQLite's own checkpoint stays as a backstop.
    deferWalCheckpoints(db);
    const thread = new OutboxThreadDelivery(
      { smtpUrl: config.smtpUrl, outboxDir: config.outboxDir, mailFrom: config.mailFrom, checkpoint: { dbPath: config.dbPath, everyMs: 500 } },
      log,
      onWalCheckpointed,
    );
    thread.warmUp();
    delivery = thread;
  }
  return new OutboxWorker(outboxRepo, delivery, mailClock, log, { ...outboxOptions(config), pacing });
}

/** The composition root: config → database → repositories → services → HTTP and workers. */
export function buildApp(config: Config, o: Overrides = {}): App {
  const log = o.logger ?? createLogger(config.logLevel);
  const clock = o.clock ?? systemClock;
  const mailClock = o.mailClock ?? systemClock;
  // The demo data's dates count from the application's day, which tests may set.
  const db = openDatabase(config.dbPath, { seedFile: SEED_FILE, seedToday: clock.now() });

  // Mail is announced only after a commit, by which time the outbox below exists.
  const mailQueued = o.mailQueued ?? (() => outbox.nudge());
  const { properties, availability, users, bookings, outboxRepo } = buildBookingCore(db, config, { clock, mailClock, mailQueued, catalogRecheckMs: o.catalogRecheckMs });

  // Mail queued here is sent by this instance's outbox, or, with `mailQueued`, by another thread's.
  const outbox: OutboxRunner = o.mailQueued
    ? new OutboxWorker(outboxRepo, deliveredElsewhere, mailClock, log, outboxOptions(config))
    : buildOutbox(db, config, outboxRepo, log, mailClock, { transport: o.transport });

  const conversations = new ConversationService(new SqliteConversationRepository(db), clock, o.newConversationId ?? newConversationId, transactionRunner(db));
  const personaService = new PersonaService(new SqliteSettingsRepository(db), () => {
    for (const p of properties.listAllCached()) {
      if (!p.active) continue;
      const [slot] = availability.openSlots(p);
      if (slot) return { property: p.name, when: slotWhen(slot.start, p.timezone) };
    }
    return undefined;
  });
  const persona = (): Persona => personaService.get();
  const staff = new StaffService(new SqliteStaffRepository(db), clock);
  staff.ensureAdmin(config.staffAdmin.email, config.staffAdmin.password);
  const toolDeps: ToolDeps = { properties, availability, bookings, users, conversations, clock, publicUrl: config.publicUrl };
  const model =
    o.model ??
    (config.llm.provider === "openai"
      ? createOpenAiModel({ apiKey: config.llm.apiKey!, model: config.llm.model, baseUrl: config.llm.baseUrl, timeoutMs: config.llm.timeoutMs })
      : new OfflineChatModel({ catalog: catalogOf(properties), persona }));
  const agent = createLeasingAgent({ model, deps: toolDeps, checkpointer: new ThreadCheckpointer(db, { liveThreads: config.chat.liveThreads, trim: trimStoredThread }), persona });
  const tickets = new TicketService(new SqliteTicketRepository(db), new SqliteStakeholderRepository(db), clock);
  const inbound = new SqliteInboundRepository(db);
  const threads = new SqliteMailThreadRepository(db);
  const mailEnv = { tx: transactionRunner(db), outbox: outboxRepo, onQueued: mailQueued, mailClock, from: config.mailFrom };
  const escalations = new EscalationService({ ...mailEnv, conversations, tickets, users, publicUrl: config.publicUrl, log });
  const staffReplies = new StaffReplies({ ...mailEnv, conversations, users, threads });
  const chat = new ChatService({
    agent,
    conversations,
    escalations,
    emergencyPhone: () => tickets.stakeholdersFor("maintenance", null).find((s) => s.phone)?.phone ?? null,
    log,
    turnTimeoutMs: config.llm.timeoutMs,
  });
  const email = new EmailPipeline({
    tx: transactionRunner(db),
    inbound,
    threads,
    outbox: outboxRepo,
    onQueued: mailQueued,
    conversations,
    users,
    properties,
    bookings,
    tickets,
    agent,
    classifier: config.llm.provider === "openai" || o.model ? modelClassifier(model, config.llm.timeoutMs) : offlineClassifier,
    persona,
    clock,
    mailClock,
    from: config.mailFrom,
    notifyMode: config.mail.notify,
    modelTimeoutMs: config.llm.timeoutMs,
    maxAttempts: config.mail.maxAttempts,
    onTicket: config.mail.ticketsExportDir ? ticketExporter(config.mail.ticketsExportDir, log) : undefined,
    log,
  });

  const app: App = {
    config,
    db,
    log,
    agent,
    services: { properties, availability, bookings, users, tours: inProcessTourDesk(bookings, users), conversations, chat, tickets, email, staff, persona: personaService, escalations, staffReplies },
    repos: { outbox: outboxRepo, inbound, threads },
    outbox,
    startMailWorker() {
      if (!config.imap || app.mailWorker) return app.mailWorker;
      app.mailWorker = new ImapMailWorker(
        { ...config.imap, pollMs: config.mail.pollMs, lookbackDays: config.mail.lookbackDays, concurrency: config.mail.concurrency },
        email,
        inbound,
        clock,
        log,
      );
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
      await app.chatThreads?.close();
      await app.tourThread?.close();
      await outbox.stop();
      db.close();
    },
  };
  return app;
}

/** Builds the app, starts the outbox worker and listens. Resolves once the port is open. */
export async function startServer(config: Config, o: Overrides = {}): Promise<App> {
  // With a tour thread, bookings and the outbox (its claims and records) share that thread's
  // connection, so the request thread never waits on SQLite's write lock for them; mail queued
  // here or on the chat threads is announced to it.
  const useTourThread = config.tours.thread && !o.clock && !o.transport && !o.mailClock && !o.mailQueued;
  let tourThread: TourDeskThread | undefined;
  // This thread edits the catalogue (staff console) and sees its own edits at once; changes from
  // other processes show within CATALOG_RECHECK_MS.
  const own = { catalogRecheckMs: CATALOG_RECHECK_MS, ...o };
  const app = buildApp(config, useTourThread ? { ...own, mailQueued: () => tourThread?.nudgeOutbox() } : own);
  if (useTourThread) {
    tourThread = new TourDeskThread({ config, log: app.log });
    app.tourThread = tourThread;
    app.outbox = tourThread.outbox();
    deferWalCheckpoints(app.db);
  }
  // The tour thread starts while the chat threads do.
  const tourThreadReady = app.tourThread
    ?.start()
    .catch((err) => app.log.error({ err }, "tour thread could not start; it is retried with the next booking or queued mail"));
  // Chat turns run on worker threads, unless the caller handed in objects (a clock, a model,
  // a transport) that only exist in this thread.
  if (config.chat.threads > 0 && !o.clock && !o.model && !o.transport && !o.mailClock) {
    app.chatThreads = new ChatThreadPool({
      config,
      threads: config.chat.threads,
      conversations: app.services.conversations,
      onPersonaUpdate: (l) => app.services.persona.onUpdate(l),
      mailQueued: () => app.outbox.nudge(),
      log: app.log,
    });
    await app.chatThreads.start().catch((err) => app.log.error({ err }, "chat threads could not start; they are retried with the next turn"));
  }
  await tourThreadReady;
  const http = createHttpApp({
    log: app.log,
    publicUrl: config.publicUrl,
    adminToken: config.adminToken,
    allowedOrigins: config.allowedOrigins,
    rateLimitPerMinute: config.rateLimitPerMinute,
    secureCookies: config.publicUrl.startsWith("https:"),
    health: () => ({ time: new Date().toISOString(), model: config.llm.provider }),
    pages: {
      distDir: path.join(ROOT_DIR, "frontend/dist"),
      companyName: () => app.services.persona.get().companyName,
      assistantTitle: () => `${app.services.persona.get().name} · Leasing assistant`,
      greeting: () => app.services.persona.get().greeting,
    },
    ...app.services,
    chat: app.chatThreads ?? app.services.chat,
    tours: app.tourThread ?? app.services.tours,
  });
  app.outbox.start();
  app.startMailWorker();
  await new Promise<void>((resolve, reject) => {
    const server = createHttpServer(http).listen(config.port, config.host, () => resolve());
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

async function main(): Promise<void> {
  const config = configOrExit();
  const app = await startServer(config);
  const log = app.log;
  if (config.staffAdmin.passwordIsDefault) {
    log.warn({ email: config.staffAdmin.email }, "STAFF_ADMIN_PASSWORD is not set: the console admin uses the development password (see README). Set STAFF_ADMIN_PASSWORD before going live.");
  }
  if (config.adminTokenIsDefault) {
    log.warn("ADMIN_TOKEN is not set: the development admin token from .env.example is in use. Set ADMIN_TOKEN before going live.");
  }
  log.info(
    { url: config.publicUrl, port: config.port, dataDir: config.dataDir, mail: config.smtpUrl ? "smtp" : "file outbox", inbox: config.imap ? `${config.imap.host}/${config.imap.mailbox}` : "none", model: config.llm.provider },
    `Leasing assistant listening on ${config.publicUrl} (staff console: ${config.publicUrl}/console)`,
  );
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, "shutting down");
    app.close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

if (isMainThread && process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
