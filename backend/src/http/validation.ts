import type { z } from "zod";
import { AppError } from "../shared/app-error";

/** Parses request input with a zod schema; all problems become one 400 `validation` error. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    field: i.path.join(".") || "body",
    message: i.message,
  }));
  throw new AppError("validation", issues.map((i) => `${i.field}: ${i.message}`).join("; "), { issues });
}
