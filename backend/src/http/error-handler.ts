import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { AppError, type ErrorCode } from "../shared/app-error";

/** The one table from error codes to HTTP status codes. */
export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation: 400,
  invalid_json: 400,
  payload_too_large: 413,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  rate_limited: 429,
  slot_unavailable: 409,
  slot_in_past: 422,
  insufficient_notice: 422,
  beyond_horizon: 422,
  outside_tour_hours: 422,
  property_inactive: 422,
  property_not_found: 404,
  user_not_found: 404,
  user_busy: 409,
  booking_not_found: 404,
  booking_cancelled: 409,
  conflict: 409,
  upstream_unavailable: 503,
  upstream_rejected: 502,
  timeout: 504,
  internal: 500,
};

export function errorBody(err: AppError) {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.issues ? { issues: err.issues } : {}),
      ...(err.details ? { details: err.details } : {}),
    },
  };
}

/** Body-parser and other library errors carry `type`/`status`; turn them into AppErrors. */
export function toAppError(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as { type?: string; status?: number; statusCode?: number };
  switch (e?.type) {
    case "entity.parse.failed":
      return new AppError("invalid_json", "The request body is not valid JSON.");
    case "entity.too.large":
      return new AppError("payload_too_large", "The request body is too large.");
    case "encoding.unsupported":
      return new AppError("validation", "Compressed request bodies are not accepted.");
    case "charset.unsupported":
      return new AppError("validation", "The request body must be UTF-8 JSON.");
    case "request.aborted":
    case "request.size.invalid":
    case "stream.encoding.set":
      return new AppError("validation", "The request body could not be read.");
  }
  const status = e?.status ?? e?.statusCode;
  if (typeof status === "number" && status >= 400 && status < 500) {
    return new AppError(status === 413 ? "payload_too_large" : status === 404 ? "not_found" : "validation", "Bad request.");
  }
  return undefined;
}

export function createErrorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appErr = toAppError(err);
    if (res.headersSent) {
      log.error({ err, path: req.path }, "error after response started");
      res.end();
      return;
    }
    if (appErr) {
      const status = STATUS_BY_CODE[appErr.code] ?? 500;
      if (status >= 500) log.error({ err, path: req.path, code: appErr.code }, "request failed");
      else log.debug({ path: req.path, code: appErr.code }, "request rejected");
      res.status(status).json(errorBody(appErr));
      return;
    }
    log.error({ err, path: req.path, method: req.method }, "unhandled error");
    res.status(500).json({ error: { code: "internal", message: "Something went wrong on our side. Please try again." } });
  };
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError("not_found", `No route for ${req.method} ${req.path}.`));
};
