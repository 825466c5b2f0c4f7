import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler } from "express";
import { AppError } from "../shared/app-error";
import type { Clock } from "../shared/clock";

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
export function rateLimitPerIp(perMinute: number, clock: Clock, windowMs = 60_000): RequestHandler {
  let windowStart = clock.now().getTime();
  let counts = new Map<string, number>();
  return (req, res, next) => {
    const now = clock.now().getTime();
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
