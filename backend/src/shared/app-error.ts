/**
 * The one error type of the application. Every layer throws it with a stable code;
 * the HTTP layer maps codes to status codes in one table (http/error-handler.ts).
 */
export type ErrorCode =
  | "validation"
  | "invalid_json"
  | "payload_too_large"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "rate_limited"
  | "slot_unavailable"
  | "slot_in_past"
  | "insufficient_notice"
  | "beyond_horizon"
  | "outside_tour_hours"
  | "property_inactive"
  | "property_not_found"
  | "user_not_found"
  | "user_busy"
  | "booking_not_found"
  | "booking_cancelled"
  | "conflict"
  | "upstream_unavailable"
  | "upstream_rejected"
  | "timeout"
  | "internal";

export interface FieldIssue {
  field: string;
  message: string;
}

export interface AppErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
  issues?: FieldIssue[];
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  readonly issues?: FieldIssue[];

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.details = options.details;
    this.issues = options.issues;
  }
}

export function isAppError(value: unknown, code?: ErrorCode): value is AppError {
  return value instanceof AppError && (code === undefined || value.code === code);
}
