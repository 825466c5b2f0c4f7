import { timingSafeEqual, createHash } from "node:crypto";
import type { RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { AppError } from "../shared/app-error";

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

export function rateLimitPerIp(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    handler: (_req, _res, next) => next(new AppError("rate_limited", "Too many requests. Please slow down and try again shortly.")),
  });
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
