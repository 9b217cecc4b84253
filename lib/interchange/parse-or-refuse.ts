// Validates part of an imported file; a mismatch becomes INVALID_INPUT naming where in the file it is.
import type { z } from "zod";
import { AppError, type ErrorIssue } from "../errors/app-error.ts";

const MAX_ISSUES = 20;

export function parseOrRefuse<S extends z.ZodType>(schema: S, data: unknown, what: string): z.infer<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues: ErrorIssue[] = parsed.error.issues.slice(0, MAX_ISSUES).map((issue) => ({
    field: issue.path.join(".") || undefined,
    message: issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
  }));
  throw new AppError("INVALID_INPUT", `This ${what} cannot be imported: ${issues[0]?.message ?? "it does not have the expected shape"}. Nothing was imported.`, issues);
}
