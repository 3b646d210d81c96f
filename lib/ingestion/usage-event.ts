// One usage event (docs/data-formats.md), normalised to the shape of the UsageEvent row, and the zod schema
// that turns one raw record (CSV strings or JSON values, keyed by our column names) into it.
//
// Decisions (each one tested in malformed-corpus.test.ts):
// - timestamp: ISO 8601 with a zone (`Z` or `±hh:mm` / `±hhmm`), or epoch milliseconds (number or digit
//   string). A date-time without a zone is rejected: "2026-03-01 10:00" means a different instant in every
//   office, and guessing turns into silently shifted charts. Numbers below 1e11 look like epoch seconds
//   and are rejected with that hint; numbers of 1e14 and above look like microseconds. Calendar dates
//   are checked (2026-02-30 is rejected). Instants before 2000-01-01 or more than one day after `now`
//   (clock skew allowance) are rejected as implausible.
// - numbers: finite, non-negative, whole where the column is a count, and bounded: latency and ttft at
//   most one hour, tokens at most 10 M, retries at most 100, cost at most 10,000 USD. ttft_ms may not
//   exceed latency_ms.
// - status: ok | error (case-insensitive). error_type is optional with status=error, but an error_type
//   with status=ok is contradictory and rejected.
// - booleans: true / false / 1 / 0 (case-insensitive) or JSON booleans; feedback -1 / 0 / 1; quality 0..1.
// - empty strings (CSV) and null (JSON) mean "absent".
// - user: never stored as given. A value that already is a hex digest (32–128 hex characters) is kept
//   (lowercased); anything else (an email, a login, an id) is replaced by its SHA-256 hex digest (emails
//   trimmed and lowercased first so case variants collide), or by an HMAC-SHA-256 when a secret is given,
//   which resists dictionary reversal of common emails.
// - unknown columns are errors that name them (strict): a typo such as `latncy_ms` would otherwise drop
//   data silently.
// - event_id: optional; when absent, the SHA-256 hex digest of the canonical normalised record (every
//   field but eventId, in a fixed order, timestamp as ISO) so that the same row ingested twice, even from
//   a different format, gets the same id and dedupes.
import { createHash, createHmac } from "node:crypto";
import { z } from "zod";

export interface UsageEvent {
  eventId: string;
  timestamp: Date;
  model: string;
  responseModel: string | null;
  provider: string | null;
  workflow: string | null;
  bundle: string | null;
  latencyMs: number | null;
  ttftMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  /** null when the source has none: the writer computes it from the catalog (costEstimated). */
  costUsd: number | null;
  status: "ok" | "error";
  errorType: string | null;
  isFallback: boolean;
  retries: number;
  region: string | null;
  userHash: string | null;
  qualityScore: number | null;
  feedback: -1 | 0 | 1 | null;
}

export interface RowError {
  /** The column (our name, or the source's for LiteLLM files); `_row` for the whole row, `_file` for the file. */
  column: string;
  reason: string;
}

export const USAGE_COLUMNS = [
  "event_id",
  "timestamp",
  "model",
  "response_model",
  "provider",
  "workflow",
  "bundle",
  "latency_ms",
  "ttft_ms",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "status",
  "error_type",
  "is_fallback",
  "retries",
  "region",
  "user",
  "quality_score",
  "feedback",
] as const;
export type UsageColumn = (typeof USAGE_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly UsageColumn[] = ["timestamp", "model", "status"];

export const LIMITS = {
  maxLatencyMs: 3_600_000,
  maxTokens: 10_000_000,
  maxRetries: 100,
  maxCostUsd: 10_000,
  maxTextLength: 256,
  earliestTimestamp: Date.UTC(2000, 0, 1),
  futureSkewMs: 24 * 3_600_000,
} as const;

export interface EventOptions {
  /** "Now" for the far-future check; defaults to the current time. */
  now?: Date;
  /** When set, user values are hashed with HMAC-SHA-256 under this secret instead of plain SHA-256. */
  userHashSecret?: string;
  /** Accept zone-less ISO timestamps as UTC (only the LiteLLM mapping sets this: see parse-usage-file.ts). */
  naiveTimestampsAreUtc?: boolean;
}

type Ctx = z.core.$RefinementCtx;

/**
 * Reports a column's problem. Every column rule below is written once against this callback and runs in
 * two ways: inside the zod schema (the callback adds the issue and returns z.NEVER, as zod transforms
 * do, so the schema collects every column's reason) and on the fast path (the callback throws, and a row
 * with any problem is handed to the schema for its messages). One rule, so the two cannot disagree on
 * what is accepted or on the values produced.
 */
type Fail = (message: string) => never;

function zodFail(ctx: Ctx): Fail {
  return (message) => {
    ctx.addIssue({ code: "custom", message });
    return z.NEVER as never;
  };
}

const absent = (v: unknown) => v === undefined || v === null || (typeof v === "string" && v.trim() === "");
const show = (v: unknown) => {
  const s = typeof v === "string" ? JSON.stringify(v) : String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
};

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

function textValue(v: unknown, required: boolean, fail: Fail): string | null {
  if (absent(v)) return required ? fail("is required") : null;
  if (typeof v !== "string" && typeof v !== "number") return fail(`must be text, got ${typeof v}`);
  const s = String(v).trim();
  if (s.length > LIMITS.maxTextLength) return fail(`is longer than ${LIMITS.maxTextLength} characters`);
  if (CONTROL_CHARACTERS.test(s)) return fail("contains control characters");
  return s;
}

const NOT_FINITE = /^[+-]?(nan|inf|infinity)$/i;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A number from a JSON number or a decimal string; never Number("") or Number("0x10") leniency. */
function toNumber(v: unknown, fail: Fail): number {
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return fail(`must be a finite number, got ${show(v)}`);
    return v;
  }
  if (typeof v !== "string") return fail(`must be a number, got ${typeof v}`);
  const s = v.trim();
  if (NOT_FINITE.test(s)) return fail(`must be a finite number, got ${show(v)}`);
  if (!DECIMAL.test(s)) return fail(`must be a number, got ${show(v)}`);
  const n = Number(s);
  if (!Number.isFinite(n)) return fail(`must be a finite number, got ${show(v)}`);
  return n;
}

interface NumberRule {
  integer: boolean;
  max: number;
  unit?: string;
  min?: number;
}

function numberValue(v: unknown, opts: NumberRule, fail: Fail): number | null {
  if (absent(v)) return null;
  const n = toNumber(v, fail);
  const min = opts.min ?? 0;
  if (n < min) return fail(min === 0 ? `must not be negative, got ${show(v)}` : `must be at least ${min}`);
  if (opts.integer && !Number.isInteger(n)) return fail(`must be a whole number, got ${show(v)}`);
  if (n > opts.max) return fail(`must be at most ${opts.max}${opts.unit ? ` ${opts.unit}` : ""}, got ${show(v)}`);
  return n;
}

function boolValue(v: unknown, fail: Fail): boolean | null {
  if (absent(v)) return null;
  if (typeof v === "boolean") return v;
  const s = String(v).trim().toLowerCase();
  if (s === "true" || s === "1") return true;
  if (s === "false" || s === "0") return false;
  return fail(`must be true, false, 1 or 0, got ${show(v)}`);
}

function timestampValue(v: unknown, options: EventOptions, fail: Fail): Date {
  if (absent(v)) return fail("is required");
  const r = parseTimestamp(v, options);
  return "date" in r ? r.date : fail(r.reason);
}

function statusValue(v: unknown, fail: Fail): "ok" | "error" {
  if (absent(v)) return fail("is required (ok or error)");
  const s = String(v).trim().toLowerCase();
  if (s === "ok" || s === "error") return s;
  return fail(`must be ok or error, got ${show(v)}`);
}

function feedbackValue(v: unknown, fail: Fail): -1 | 0 | 1 | null {
  if (absent(v)) return null;
  const s = String(v).trim();
  if (s === "-1" || s === "0" || s === "1") return Number(s) as -1 | 0 | 1;
  return fail(`must be -1, 0 or 1, got ${show(v)}`);
}

const LATENCY_RULE: NumberRule = { integer: true, max: LIMITS.maxLatencyMs, unit: "ms (1 hour)" };
const TOKENS_RULE: NumberRule = { integer: true, max: LIMITS.maxTokens };
const COST_RULE: NumberRule = { integer: false, max: LIMITS.maxCostUsd, unit: "USD" };
const RETRIES_RULE: NumberRule = { integer: true, max: LIMITS.maxRetries };
const QUALITY_RULE: NumberRule = { integer: false, max: 1 };

const text = (required: boolean) => z.unknown().transform((v, ctx): string | null => textValue(v, required, zodFail(ctx)));
const num = (rule: NumberRule) => z.unknown().transform((v, ctx): number | null => numberValue(v, rule, zodFail(ctx)));
const bool = z.unknown().transform((v, ctx): boolean | null => boolValue(v, zodFail(ctx)));

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

export function parseTimestamp(v: unknown, options: EventOptions = {}): { date: Date } | { reason: string } {
  const now = (options.now ?? new Date()).getTime();
  let ms: number;
  const s = typeof v === "string" ? v.trim() : v;
  if (typeof s === "number" || (typeof s === "string" && /^\d+(\.\d+)?$/.test(s))) {
    const n = Number(s);
    if (!Number.isFinite(n)) return { reason: `must be a finite number, got ${show(v)}` };
    if (n < 1e11) return { reason: `${show(v)} looks like epoch seconds; expected epoch milliseconds (multiply by 1000) or ISO 8601` };
    if (n >= 1e14) return { reason: `${show(v)} looks like epoch microseconds or nanoseconds; expected epoch milliseconds` };
    ms = Math.floor(n);
  } else if (typeof s === "string") {
    const m = ISO.exec(s);
    if (!m) return { reason: `must be ISO 8601 with a time zone (e.g. 2026-03-01T10:00:00Z) or epoch milliseconds, got ${show(v)}` };
    const [, y, mo, d, h, mi, sec, frac, zone] = m;
    if (h === undefined) return { reason: `${show(v)} is a date without a time; give a full timestamp with a zone` };
    if (!zone && !options.naiveTimestampsAreUtc) {
      return { reason: `${show(v)} has no time zone; add Z or an offset such as +02:00 (local times are ambiguous)` };
    }
    const [Y, M, D, H, MI, S] = [y, mo, d, h, mi, sec ?? "0"].map(Number);
    const local = Date.UTC(Y, M - 1, D, H, MI, S);
    const check = new Date(local);
    if (check.getUTCFullYear() !== Y || check.getUTCMonth() !== M - 1 || check.getUTCDate() !== D || H > 23 || MI > 59 || S > 59) {
      return { reason: `${show(v)} is not a real date or time` };
    }
    let offsetMin = 0;
    if (zone && zone.toUpperCase() !== "Z") {
      const z2 = zone.replace(":", "");
      const oh = Number(z2.slice(1, 3));
      const om = Number(z2.slice(3, 5));
      if (oh > 14 || om > 59) return { reason: `${show(v)} has an impossible offset ${zone}` };
      offsetMin = (z2[0] === "-" ? -1 : 1) * (oh * 60 + om);
    }
    ms = local - offsetMin * 60_000 + (frac ? Math.floor(Number(`0${frac}`) * 1000) : 0);
  } else {
    return { reason: `must be an ISO 8601 string or epoch milliseconds, got ${typeof v}` };
  }
  if (ms < LIMITS.earliestTimestamp) return { reason: `${show(v)} is before 2000-01-01; not a plausible usage event` };
  if (ms > now + LIMITS.futureSkewMs) return { reason: `${show(v)} is in the future (more than a day ahead of now)` };
  return { date: new Date(ms) };
}

export function hashUser(value: string, secret?: string): string {
  const v = value.trim();
  if (/^[0-9a-f]{32,128}$/i.test(v)) return v.toLowerCase();
  const canonical = v.includes("@") ? v.toLowerCase() : v;
  return secret ? createHmac("sha256", secret).update(canonical).digest("hex") : createHash("sha256").update(canonical).digest("hex");
}

export function usageRecordSchema(options: EventOptions = {}) {
  return z
    .strictObject({
      event_id: text(false),
      timestamp: z.unknown().transform((v, ctx): Date => timestampValue(v, options, zodFail(ctx))),
      model: text(true),
      response_model: text(false),
      provider: text(false),
      workflow: text(false),
      bundle: text(false),
      latency_ms: num(LATENCY_RULE),
      ttft_ms: num(LATENCY_RULE),
      input_tokens: num(TOKENS_RULE),
      output_tokens: num(TOKENS_RULE),
      cost_usd: num(COST_RULE),
      status: z.unknown().transform((v, ctx): "ok" | "error" => statusValue(v, zodFail(ctx))),
      error_type: text(false),
      is_fallback: bool,
      retries: num(RETRIES_RULE),
      region: text(false),
      user: text(false),
      quality_score: num(QUALITY_RULE),
      feedback: z.unknown().transform((v, ctx): -1 | 0 | 1 | null => feedbackValue(v, zodFail(ctx))),
    })
    .superRefine((r, ctx) => {
      if (r.status === "ok" && r.error_type) {
        ctx.addIssue({ code: "custom", path: ["error_type"], message: "is set but status is ok (use status=error)" });
      }
      if (r.ttft_ms !== null && r.latency_ms !== null && r.ttft_ms > r.latency_ms) {
        ctx.addIssue({ code: "custom", path: ["ttft_ms"], message: `(${r.ttft_ms}) exceeds latency_ms (${r.latency_ms})` });
      }
    });
}

type ValidatedRecord = z.output<ReturnType<typeof usageRecordSchema>>;

/** The content hash used as eventId when the source has none. */
export function contentHash(event: Omit<UsageEvent, "eventId">): string {
  const canonical = [
    event.timestamp.toISOString(),
    event.model,
    event.responseModel,
    event.provider,
    event.workflow,
    event.bundle,
    event.latencyMs,
    event.ttftMs,
    event.inputTokens,
    event.outputTokens,
    event.costUsd,
    event.status,
    event.errorType,
    event.isFallback,
    event.retries,
    event.region,
    event.userHash,
    event.qualityScore,
    event.feedback,
  ];
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex");
}

const ABSENT: Record<string, null> = Object.fromEntries(USAGE_COLUMNS.map((c) => [c, null]));
const KNOWN_COLUMNS: ReadonlySet<string> = new Set(USAGE_COLUMNS);

export type ValidationResult = { ok: true; event: UsageEvent } | { ok: false; errors: RowError[] };

const BAIL = Symbol("bail");
const bail: Fail = () => {
  throw BAIL;
};

/**
 * The schema's rules applied directly, without zod's machinery: the same column functions in the same
 * order, but the first problem abandons the row (null) instead of collecting reasons. Rows that pass get
 * exactly the values the schema would produce; rows that do not are validated again by the schema, which
 * words their errors. Most rows of a real file are good, and zod costs several times more per row.
 */
function validateFast(raw: Record<string, unknown>, options: EventOptions): ValidatedRecord | null {
  for (const key in raw) if (!KNOWN_COLUMNS.has(key)) return null;
  try {
    const r: ValidatedRecord = {
      event_id: textValue(raw.event_id, false, bail),
      timestamp: timestampValue(raw.timestamp, options, bail),
      model: textValue(raw.model, true, bail),
      response_model: textValue(raw.response_model, false, bail),
      provider: textValue(raw.provider, false, bail),
      workflow: textValue(raw.workflow, false, bail),
      bundle: textValue(raw.bundle, false, bail),
      latency_ms: numberValue(raw.latency_ms, LATENCY_RULE, bail),
      ttft_ms: numberValue(raw.ttft_ms, LATENCY_RULE, bail),
      input_tokens: numberValue(raw.input_tokens, TOKENS_RULE, bail),
      output_tokens: numberValue(raw.output_tokens, TOKENS_RULE, bail),
      cost_usd: numberValue(raw.cost_usd, COST_RULE, bail),
      status: statusValue(raw.status, bail),
      error_type: textValue(raw.error_type, false, bail),
      is_fallback: boolValue(raw.is_fallback, bail),
      retries: numberValue(raw.retries, RETRIES_RULE, bail),
      region: textValue(raw.region, false, bail),
      user: textValue(raw.user, false, bail),
      quality_score: numberValue(raw.quality_score, QUALITY_RULE, bail),
      feedback: feedbackValue(raw.feedback, bail),
    };
    if (r.status === "ok" && r.error_type) return null;
    if (r.ttft_ms !== null && r.latency_ms !== null && r.ttft_ms > r.latency_ms) return null;
    return r;
  } catch (error) {
    if (error === BAIL) return null;
    throw error;
  }
}

function validateWithSchema(raw: Record<string, unknown>, schema: ReturnType<typeof usageRecordSchema>, secret: string | undefined): ValidationResult {
  // Every known column present (null when absent), so each column's own transform decides "required".
  const result = schema.safeParse({ ...ABSENT, ...raw });
  if (result.success) return { ok: true, event: toEvent(result.data, secret) };
  const errors: RowError[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        errors.push({ column: key, reason: `unknown column; expected one of ${USAGE_COLUMNS.join(", ")}` });
      }
    } else {
      const column = issue.path.length ? issue.path.join(".") : "_row";
      // One reason per column: "abc" is not a number, and saying it is not a whole number adds nothing.
      if (!errors.some((e) => e.column === column)) errors.push({ column, reason: issue.message });
    }
  }
  return { ok: false, errors };
}

// Users repeat (a few heavy users make most calls): their digests are remembered, up to a bound.
const USER_HASH_CACHE_SIZE = 50_000;
const userHashes = new Map<string, string>();

function cachedUserHash(user: string, secret: string | undefined): string {
  const key = secret === undefined ? user : `${secret}\u0000${user}`;
  let hash = userHashes.get(key);
  if (hash === undefined) {
    hash = hashUser(user, secret);
    if (userHashes.size >= USER_HASH_CACHE_SIZE) userHashes.clear();
    userHashes.set(key, hash);
  }
  return hash;
}

function toEvent(r: ValidatedRecord, secret: string | undefined): UsageEvent {
  const body: Omit<UsageEvent, "eventId"> = {
    timestamp: r.timestamp,
    model: r.model as string,
    responseModel: r.response_model,
    provider: r.provider,
    workflow: r.workflow,
    bundle: r.bundle,
    latencyMs: r.latency_ms,
    ttftMs: r.ttft_ms,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    costUsd: r.cost_usd,
    status: r.status,
    errorType: r.error_type,
    isFallback: r.is_fallback ?? false,
    retries: r.retries ?? 0,
    region: r.region,
    userHash: r.user === null ? null : cachedUserHash(r.user, secret),
    qualityScore: r.quality_score,
    feedback: r.feedback,
  };
  // A literal of fixed shape rather than a spread: every later stage reads these objects' fields per row.
  return {
    eventId: r.event_id ?? contentHash(body),
    timestamp: body.timestamp,
    model: body.model,
    responseModel: body.responseModel,
    provider: body.provider,
    workflow: body.workflow,
    bundle: body.bundle,
    latencyMs: body.latencyMs,
    ttftMs: body.ttftMs,
    inputTokens: body.inputTokens,
    outputTokens: body.outputTokens,
    costUsd: body.costUsd,
    status: body.status,
    errorType: body.errorType,
    isFallback: body.isFallback,
    retries: body.retries,
    region: body.region,
    userHash: body.userHash,
    qualityScore: body.qualityScore,
    feedback: body.feedback,
  };
}

/**
 * Validates one raw record keyed by our column names. `schema` is `usageRecordSchema(options)`, passed
 * in by callers that validate many records so it is built once.
 */
export function toUsageEvent(raw: Record<string, unknown>, options: EventOptions = {}, schema?: ReturnType<typeof usageRecordSchema>): ValidationResult {
  const fast = validateFast(raw, options);
  if (fast) return { ok: true, event: toEvent(fast, options.userHashSecret) };
  return validateWithSchema(raw, schema ?? usageRecordSchema(options), options.userHashSecret);
}
