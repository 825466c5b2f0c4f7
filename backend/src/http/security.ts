import { timingSafeEqual, createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import helmet from "helmet";
import { AppError } from "../shared/app-error";

/**
 * helmet's security headers. helmet's default policy does not depend on the request, so its
 * headers are worked out once, by running helmet against a recording response, and every
 * response gets them in one step instead of passing through helmet's dozen middlewares.
 */
export function securityHeaders(): RequestHandler {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void headers.set(name, String(value)),
    removeHeader: (name: string) => void headers.delete(name),
    getHeader: (name: string) => headers.get(name),
  };
  let finished = false;
  helmet()(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (err?: unknown) => {
      if (err) throw err;
      finished = true;
    },
  );
  if (!finished || headers.size === 0) throw new Error("helmet did not produce its headers synchronously");
  return (_req, res, next) => {
    res.setHeaders(headers);
    next();
  };
}

/** CORS for an allow-list of origins; other origins get no CORS headers (the browser blocks them). */
export function corsAllowList(allowed: readonly string[]): RequestHandler {
  const set = new Set(allowed);
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin && set.has(origin)) {
      res.setHeader("Access-Control-Allow-Origin", origin);
      res.setHeader("Vary", "Origin");
      res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
      res.setHeader("Access-Control-Allow-Headers", "Content-Type, Authorization, X-CSRF-Token");
      res.setHeader("Access-Control-Max-Age", "600");
    }
    if (req.method === "OPTIONS") {
      res.status(origin && set.has(origin) ? 204 : 403).end();
      return;
    }
    next();
  };
}

/**
 * Per-IP fixed-window rate limit kept in memory (one process). Over the limit: 429 with
 * Retry-After. Cheap enough to sit in front of every API call.
 */
export function rateLimitPerIp(perMinute: number, windowMs = 60_000): RequestHandler {
  let windowStart = Date.now();
  let counts = new Map<string, number>();
  return (req, res, next) => {
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      windowStart = now - ((now - windowStart) % windowMs);
      counts = new Map();
    }
    const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
    const used = (counts.get(ip) ?? 0) + 1;
    counts.set(ip, used);
    if (used > perMinute) {
      const retryAfter = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
      res.setHeader("Retry-After", String(retryAfter));
      res.setHeader("RateLimit", `limit=${perMinute}, remaining=0, reset=${retryAfter}`);
      next(new AppError("rate_limited", "Too many requests. Please slow down and try again shortly."));
      return;
    }
    next();
  };
}

function digest(value: string): Buffer {
  return createHash("sha256").update(value).digest();
}

export function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
  if (!m) return false;
  return timingSafeEqual(digest(m[1].trim()), digest(token));
}

/** Requires `Authorization: Bearer <ADMIN_TOKEN>`. */
export function requireAdminToken(token: string): RequestHandler {
  return (req, _res, next) => {
    if (bearerMatches(req.headers.authorization, token)) return next();
    next(new AppError("unauthorized", "A valid admin token is required."));
  };
}
