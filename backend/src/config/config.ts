import path from "node:path";
import { z } from "zod";

/**
 * The whole runtime configuration, read from an environment-like record in one place.
 * `loadConfig` is pure: it never touches process.env itself, so it is easy to test.
 */

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const intFrom = (def: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: "custom", message: `must be an integer between ${min} and ${max}` });
        return z.NEVER;
      }
      return n;
    });

const urlString = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL (${protocols.join(", ")})` },
  );

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: intFrom(3000, 0, 65535),
  HOST: optionalString,
  DATA_DIR: optionalString,
  PUBLIC_URL: urlString(["http:", "https:"]).optional(),
  ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  SMTP_URL: urlString(["smtp:", "smtps:"]).optional(),
  MAIL_FROM: optionalString,
  ALLOWED_ORIGINS: optionalString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  RATE_LIMIT_PER_MINUTE: intFrom(600, 1, 10_000_000),
  TOUR_MIN_NOTICE_MINUTES: intFrom(120, 0, 60 * 24 * 14),
  TOUR_HORIZON_DAYS: intFrom(30, 1, 365),
  TOUR_BUFFER_MINUTES: intFrom(0, 0, 240),
  OUTBOX_POLL_MS: intFrom(2000, 50, 600_000),
  OUTBOX_MAX_BACKOFF_MS: intFrom(5 * 60_000, 100, 24 * 3_600_000),
  OUTBOX_BASE_BACKOFF_MS: intFrom(1000, 10, 600_000),
  OUTBOX_LEASE_MS: intFrom(60_000, 500, 3_600_000),
  LLM_PROVIDER: z.enum(["openai", "offline"]).optional(),
  OPENAI_API_KEY: optionalString,
  OPENAI_MODEL: optionalString,
  OPENAI_BASE_URL: urlString(["http:", "https:"]).optional(),
  MODEL_TIMEOUT_MS: intFrom(30_000, 100, 600_000),
  IMAP_URL: urlString(["imap:", "imaps:"]).optional(),
  IMAP_HOST: optionalString,
  IMAP_PORT: intFrom(993, 1, 65535),
  IMAP_USER: optionalString,
  IMAP_PASSWORD: optionalString,
  IMAP_TLS: z.enum(["true", "false"]).optional(),
  IMAP_MAILBOX: optionalString,
  MAIL_POLL_MS: intFrom(30_000, 100, 3_600_000),
  MAIL_LOOKBACK_DAYS: intFrom(1, 1, 365),
  MAIL_MAX_ATTEMPTS: intFrom(3, 1, 20),
  STAKEHOLDER_NOTIFY: z.enum(["notice", "cc"]).default("notice"),
  TICKETS_EXPORT_DIR: optionalString,
  STAFF_ADMIN_EMAIL: optionalString,
  STAFF_ADMIN_PASSWORD: z.string().min(10, "must be at least 10 characters").optional(),
});

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  dbPath: string;
  outboxDir: string;
  publicUrl: string;
  adminToken: string;
  adminTokenIsDefault: boolean;
  smtpUrl?: string;
  mailFrom: { name: string; address: string };
  allowedOrigins: string[];
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  rateLimitPerMinute: number;
  tours: { minNoticeMinutes: number; horizonDays: number; bufferMinutes: number };
  outbox: { pollMs: number; baseBackoffMs: number; maxBackoffMs: number; leaseMs: number };
  llm: { provider: "openai" | "offline"; apiKey?: string; model: string; baseUrl?: string; timeoutMs: number };
  /** Set when an inbox is configured: the mail worker reads it. */
  imap?: { host: string; port: number; secure: boolean; user: string; pass: string; mailbox: string };
  mail: { pollMs: number; lookbackDays: number; maxAttempts: number; notify: "notice" | "cc"; ticketsExportDir?: string };
  /** The first console account, created when there is none. */
  staffAdmin: { email: string; password: string; passwordIsDefault: boolean };
}

/** Development-only console password, refused in production. */
export const DEV_STAFF_PASSWORD = "dev-console-password-change-me";

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Development-only admin token, accepted only outside production. */
export const DEV_ADMIN_TOKEN = "dev-admin-token-change-me";

function parseMailFrom(raw: string | undefined, problems: string[]): { name: string; address: string } {
  const value = raw ?? "Leasing Assistant <leasing@localhost>";
  const match = /^\s*(?:"?([^"<]*?)"?\s*<([^>]+)>|([^\s<>]+@[^\s<>]+))\s*$/.exec(value);
  if (!match) {
    problems.push("MAIL_FROM: must look like `Name <address@example.com>` or `address@example.com`");
    return { name: "Leasing Assistant", address: "leasing@localhost" };
  }
  const address = (match[2] ?? match[3]).trim();
  if (!/^[^\s@]+@[^\s@]+$/.test(address)) problems.push("MAIL_FROM: the address is not an e-mail address");
  return { name: (match[1] ?? "").trim() || "Leasing Assistant", address };
}

export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const cleaned: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    cleaned[key] = v === undefined || v.trim() === "" ? undefined : v;
  }
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join(".")}: ${issue.message}`);
  }
  const mailFrom = parseMailFrom(cleaned.MAIL_FROM, problems);
  const nodeEnv = (cleaned.NODE_ENV as Config["env"]) ?? "development";
  if (nodeEnv === "production" && !cleaned.ADMIN_TOKEN) {
    problems.push("ADMIN_TOKEN: required when NODE_ENV=production");
  }
  if (nodeEnv === "production" && !cleaned.STAFF_ADMIN_PASSWORD) {
    problems.push("STAFF_ADMIN_PASSWORD: required when NODE_ENV=production");
  }
  const origins = (cleaned.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  for (const origin of origins) {
    try {
      const u = new URL(origin);
      if (u.origin !== origin.replace(/\/$/, "")) problems.push(`ALLOWED_ORIGINS: "${origin}" must be a bare origin`);
    } catch {
      problems.push(`ALLOWED_ORIGINS: "${origin}" is not a URL origin`);
    }
  }
  if (cleaned.LLM_PROVIDER === "openai" && !cleaned.OPENAI_API_KEY) {
    problems.push("OPENAI_API_KEY: required when LLM_PROVIDER=openai (any value for a local server that ignores it)");
  }
  let imap: Config["imap"];
  if (cleaned.IMAP_URL) {
    try {
      const u = new URL(cleaned.IMAP_URL);
      const secure = u.protocol === "imaps:" || u.searchParams.get("tls") === "true";
      imap = {
        host: u.hostname,
        port: u.port ? Number(u.port) : secure ? 993 : 143,
        secure: u.searchParams.get("tls") === "false" ? false : secure,
        user: decodeURIComponent(u.username),
        pass: decodeURIComponent(u.password),
        mailbox: decodeURIComponent(u.pathname.replace(/^\//, "")) || cleaned.IMAP_MAILBOX || "INBOX",
      };
      if (!imap.user) problems.push("IMAP_URL: must include a user name (imap://user:password@host:port/INBOX)");
    } catch {
      /* reported by the schema */
    }
  } else if (cleaned.IMAP_HOST) {
    if (!cleaned.IMAP_USER || !cleaned.IMAP_PASSWORD) problems.push("IMAP_USER and IMAP_PASSWORD: required with IMAP_HOST");
    imap = {
      host: cleaned.IMAP_HOST,
      port: Number(cleaned.IMAP_PORT ?? 993),
      secure: (cleaned.IMAP_TLS ?? "true") === "true",
      user: cleaned.IMAP_USER ?? "",
      pass: cleaned.IMAP_PASSWORD ?? "",
      mailbox: cleaned.IMAP_MAILBOX ?? "INBOX",
    };
  }
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);

  const e = parsed.data;
  const dataDir = path.resolve(cwd, e.DATA_DIR ?? "./data");
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST ?? "0.0.0.0",
    dataDir,
    dbPath: path.join(dataDir, "leasing.db"),
    outboxDir: path.join(dataDir, "outbox"),
    publicUrl,
    adminToken: e.ADMIN_TOKEN ?? DEV_ADMIN_TOKEN,
    adminTokenIsDefault: !e.ADMIN_TOKEN,
    smtpUrl: e.SMTP_URL,
    mailFrom,
    allowedOrigins: [...new Set([new URL(publicUrl).origin, ...origins.map((o) => o.replace(/\/$/, ""))])],
    logLevel: e.LOG_LEVEL,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    tours: {
      minNoticeMinutes: e.TOUR_MIN_NOTICE_MINUTES,
      horizonDays: e.TOUR_HORIZON_DAYS,
      bufferMinutes: e.TOUR_BUFFER_MINUTES,
    },
    outbox: {
      pollMs: e.OUTBOX_POLL_MS,
      baseBackoffMs: e.OUTBOX_BASE_BACKOFF_MS,
      maxBackoffMs: e.OUTBOX_MAX_BACKOFF_MS,
      leaseMs: e.OUTBOX_LEASE_MS,
    },
    llm: {
      provider: e.LLM_PROVIDER ?? (e.OPENAI_API_KEY ? "openai" : "offline"),
      apiKey: e.OPENAI_API_KEY,
      model: e.OPENAI_MODEL ?? "gpt-4o-mini",
      baseUrl: e.OPENAI_BASE_URL,
      timeoutMs: e.MODEL_TIMEOUT_MS,
    },
    imap,
    mail: {
      pollMs: e.MAIL_POLL_MS,
      lookbackDays: e.MAIL_LOOKBACK_DAYS,
      maxAttempts: e.MAIL_MAX_ATTEMPTS,
      notify: e.STAKEHOLDER_NOTIFY,
      ticketsExportDir: e.TICKETS_EXPORT_DIR ? path.resolve(cwd, e.TICKETS_EXPORT_DIR) : undefined,
    },
    staffAdmin: {
      email: e.STAFF_ADMIN_EMAIL ?? "admin@localhost",
      password: e.STAFF_ADMIN_PASSWORD ?? DEV_STAFF_PASSWORD,
      passwordIsDefault: !e.STAFF_ADMIN_PASSWORD,
    },
  };
}
