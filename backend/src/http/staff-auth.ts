import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Staff } from "../domain/staff/staff";
import type { StaffService } from "../domain/staff/staff-service";
import { AppError } from "../shared/app-error";
import { bearerMatches } from "./security";

export const SESSION_COOKIE = "l2l_staff";

/** Who is calling the admin API: a signed-in staff member, or a script with the bearer token (staff null). */
export interface AdminCaller {
  staff: Staff | null;
}

export function cookies(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) {
      try {
        out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        /* a malformed cookie is ignored */
      }
    }
  }
  return out;
}

export function setSessionCookie(res: Response, token: string, secure: boolean, maxAgeSeconds: number): void {
  res.setHeader(
    "Set-Cookie",
    `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? "; Secure" : ""}`,
  );
}

export function clearSessionCookie(res: Response): void {
  res.setHeader("Set-Cookie", `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The admin API accepts `Authorization: Bearer $ADMIN_TOKEN` (scripts) or a staff session
 * cookie. With the cookie, every state-changing request must carry the session's CSRF token
 * in `X-CSRF-Token`.
 */
export function requireStaff(adminToken: string, staff: StaffService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.headers.authorization) {
      if (bearerMatches(req.headers.authorization, adminToken)) {
        res.locals.caller = { staff: null } satisfies AdminCaller;
        return next();
      }
      return next(new AppError("unauthorized", "A valid admin token or staff sign-in is required."));
    }
    const session = staff.authenticate(cookies(req)[SESSION_COOKIE]);
    if (!session) return next(new AppError("unauthorized", "A valid admin token or staff sign-in is required."));
    if (!SAFE.has(req.method) && req.headers["x-csrf-token"] !== session.csrfToken) {
      return next(new AppError("forbidden", "Missing or wrong CSRF token."));
    }
    res.locals.caller = { staff: session.staff } satisfies AdminCaller;
    next();
  };
}

export function caller(res: Response): AdminCaller {
  return (res.locals.caller as AdminCaller | undefined) ?? { staff: null };
}
