// Turns zod failures into a DomainError with per-field messages, the one shape forms and APIs show.
import { DomainError } from "./errors";
import type { z } from "zod";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages[0]}`)
    .join("; ");
  throw new DomainError("validation", `Invalid input: ${summary}`, fieldErrors);
}
