// Runs a zod schema over one part of a catalog file and turns the first failure into a CatalogFormatError
// naming the JSON path, because one wrong-typed field makes the whole file unimportable.
import { z } from "zod";
import { CatalogFormatError } from "./catalog-format-error";
import { isCalendarDate, utcDate } from "./entry-facts";
import { formatJsonPath } from "./json-text";
import type { CatalogWarning } from "./catalog-entry";

export function checkShape<S extends z.ZodType>(schema: S, value: unknown, path: ReadonlyArray<PropertyKey>, fileName: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new CatalogFormatError(issue.message, formatJsonPath([...path, ...issue.path]), fileName);
}

// Field types shared by both catalogs. JSON null counts as absent.
export const price = z.number({ error: "expected a number" }).nonnegative("a price cannot be negative").nullish();
export const tokenCount = z
  .number({ error: "expected a number" })
  .int("expected a whole number of tokens")
  .nonnegative("a token count cannot be negative")
  .nullish();
/** A date's shape is checked here; an impossible value ("2025-25-11") is a warning in the parser, not a file error. */
export const dateText = (form: string, pattern: RegExp) =>
  z
    .string({ error: `expected a date (${form})` })
    .regex(pattern, `expected a date (${form})`)
    .nullish();

/** The date, or null plus a warning when the text has a date's shape but is no calendar date. */
export function dateOrWarn(text: string | null | undefined, key: string, path: ReadonlyArray<PropertyKey>, warnings: CatalogWarning[]): Date | null {
  if (!text) return null;
  if (isCalendarDate(text)) return utcDate(text);
  warnings.push({ key, path: formatJsonPath(path), message: `"${text}" is not a calendar date; left empty` });
  return null;
}
