// Before → after of an audit event as a readable list of changed fields: nested objects are followed to
// dotted paths ("thresholds.accuracy"), lists and scalars shown as text, unchanged fields left out. Pure,
// so the page, the model's history and the PDF audit pack show the same diff.

export interface FieldChange {
  field: string;
  /** Absent when the field is new in "after". */
  before?: string;
  /** Absent when the field was removed. */
  after?: string;
}

export function displayValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === "object" && v !== null ? JSON.stringify(v) : String(v))).join(", ") : "—";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>, depth: number) {
  if (isPlainObject(value) && depth < 4 && Object.keys(value).length > 0) {
    for (const [key, item] of Object.entries(value)) flatten(item, prefix ? `${prefix}.${key}` : key, out, depth + 1);
  } else if (prefix) {
    out.set(prefix, value);
  }
}

export function auditDiff(before: unknown, after: unknown): FieldChange[] {
  const b = new Map<string, unknown>();
  const a = new Map<string, unknown>();
  // A scalar before or after (rare: a bare value) is shown under "value".
  if (isPlainObject(before)) flatten(before, "", b, 0);
  else if (before !== null && before !== undefined) b.set("value", before);
  if (isPlainObject(after)) flatten(after, "", a, 0);
  else if (after !== null && after !== undefined) a.set("value", after);
  const fields = [...new Set([...b.keys(), ...a.keys()])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    const had = b.has(field);
    const has = a.has(field);
    const was = displayValue(b.get(field));
    const is = displayValue(a.get(field));
    if (had && has && was === is) continue;
    changes.push({ field, ...(had ? { before: was } : {}), ...(has ? { after: is } : {}) });
  }
  return changes;
}
