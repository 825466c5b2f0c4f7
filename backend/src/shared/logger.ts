import pino, { type Logger } from "pino";

/** Structured JSON logs. Credentials and message bodies are redacted wherever they appear. */
export function createLogger(level: string, base: Record<string, unknown> = {}): Logger {
  return pino({
    level,
    base: { service: "lead-to-lease", ...base },
    redact: {
      paths: [
        "req.headers.authorization",
        "req.headers.cookie",
        "*.password",
        "*.pass",
        "*.apiKey",
        "*.token",
        "*.adminToken",
        "*.smtpUrl",
        "*.apiKey",
        "*.OPENAI_API_KEY",
        "*.password",
        "*.STAFF_ADMIN_PASSWORD",
        "*.text",
        "*.html",
      ],
      censor: "[redacted]",
    },
  });
}
