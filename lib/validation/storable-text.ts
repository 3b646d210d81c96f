// Text the database cannot store: PostgreSQL refuses a NUL character in text and JSON, and a lone UTF-16
// surrogate is not valid UTF-8. Such input is refused at the boundary with the field it came in, as a
// 422, instead of failing deep in a query as a 500. Pure: walks strings in objects and arrays.
import { DomainError } from "@/lib/errors";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string cannot be stored, or null when it can. */
export function unstorableReason(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character (\\u0000), which cannot be stored";
  if (LONE_SURROGATE.test(text)) return "contains an unpaired UTF-16 surrogate, which is not valid text";
  return null;
}

/** The first field (a dotted path, "" for the value itself) whose text cannot be stored, with why. */
export function findUnstorableText(value: unknown, path = ""): { field: string; reason: string } | null {
  if (typeof value === "string") {
    const reason = unstorableReason(value);
    return reason ? { field: path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      const found = findUnstorableText(item, path ? `${path}.${i}` : String(i));
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = unstorableReason(key);
      if (keyReason) return { field: path ? `${path}.${key}` : key, reason: `its name ${keyReason}` };
      const found = findUnstorableText(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

/** Throws a 422 DomainError naming the field when any text in `value` cannot be stored. */
export function assertStorableText(value: unknown, what = "The input"): void {
  const found = findUnstorableText(value);
  if (!found) return;
  const field = found.field || "body";
  throw new DomainError("validation", `${found.field ? `Field "${found.field}"` : what} ${found.reason}.`, { [field]: [`This field ${found.reason}.`] });
}
