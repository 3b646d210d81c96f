// The analytics filters (time range + workflow / model / provider / region / bundle), parsed once from URL
// query parameters, and the SQL WHERE clause they mean on the "UsageRollup" table. The overview page, its
// API, the charts, the drift page and the drift API all read the same names, so a copied link reproduces
// the view and a script gets the numbers the page shows.
//
// Query parameters:
//   from, to     ISO date (2026-01-31) or date-time (2026-01-31T12:00:00Z). The range is [from, to), on
//                hour boundaries (rollups are hourly): `from` is rounded down to its hour, `to` up. A
//                date-only `to` means "through that day" (to the next midnight, UTC).
//   range        preset "24h" | "7d" | "30d" | "90d": the last N, ending at the next hour boundary.
//                Ignored when `from` is given. With neither: the last 30 days.
//   workflow, model, provider, region, bundle
//                each may repeat (?model=a&model=b) or be a comma list (?model=a,b); a row matches when
//                its value is any of the listed ones. A rollup's model is the model that answered (the
//                response model when the log names one, else the requested model), as logged.
//
// Ranges longer than MAX_RANGE_DAYS are refused (a comparison period doubles the span read).
import { z } from "zod";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 400;
export const MAX_VALUES_PER_FILTER = 100;

export const RANGE_PRESETS = ["24h", "7d", "30d", "90d"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const PRESET_MS: Record<RangePreset, number> = { "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS, "90d": 90 * DAY_MS };

export const DIMENSIONS = ["workflow", "model", "provider", "region", "bundle"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// Date-time with an explicit zone (Z or ±hh:mm) or none (read as UTC, like the rollup hours).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

export function floorHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}
export function ceilHour(ms: number): number {
  return Math.ceil(ms / HOUR_MS) * HOUR_MS;
}

/** Parses a from/to value; null when it is not a real date. */
export function parseInstant(value: string, end: boolean): Date | null {
  const text = value.trim();
  if (DATE_ONLY.test(text)) {
    const ms = Date.parse(`${text}T00:00:00.000Z`);
    // Date.parse accepts 2026-02-30 by rolling over; the round trip refuses it.
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return null;
    return new Date(end ? ms + DAY_MS : ms);
  }
  if (DATE_TIME.test(text)) {
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text);
    const ms = Date.parse(hasZone ? text : `${text}Z`);
    if (Number.isNaN(ms)) return null;
    const day = text.slice(0, 10);
    const [y, m, d] = day.split("-").map(Number);
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1970) return null;
    return new Date(ms);
  }
  return null;
}

const valueList = (label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((input) => {
      const items = input === undefined ? [] : Array.isArray(input) ? input : [input];
      return [...new Set(items.flatMap((item) => item.split(",")).map((s) => s.trim()).filter(Boolean))];
    })
    .pipe(
      z
        .array(z.string().max(300, `A ${label} name is at most 300 characters`))
        .max(MAX_VALUES_PER_FILTER, `At most ${MAX_VALUES_PER_FILTER} ${label} values`),
    );

const instant = (label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
    .refine((v) => v === undefined || DATE_ONLY.test(v) || DATE_TIME.test(v), `${label} must be an ISO date (2026-01-31) or date-time (2026-01-31T12:00:00Z)`);

/**
 * Input: the raw query values (strings or string arrays, as from searchParamsToAnalyticsInput).
 * Output: a resolved, hour-aligned [from, to) range plus the dimension lists.
 * `now` is read when parsing; pass a fixed `now` through `parseAnalyticsFilters` in tests.
 */
export function makeAnalyticsFiltersSchema(now: () => number = Date.now) {
  return z
    .object({
      from: instant("from"),
      to: instant("to"),
      range: z
        .string()
        .optional()
        .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
        .pipe(z.enum(RANGE_PRESETS, { error: `range must be one of ${RANGE_PRESETS.join(", ")}` }).optional()),
      workflow: valueList("workflow"),
      model: valueList("model"),
      provider: valueList("provider"),
      region: valueList("region"),
      bundle: valueList("bundle"),
    })
    .transform((input, ctx) => {
      const fromDate = input.from === undefined ? undefined : parseInstant(input.from, false);
      const toDate = input.to === undefined ? undefined : parseInstant(input.to, true);
      if (fromDate === null) ctx.addIssue({ code: "custom", path: ["from"], message: `from "${input.from}" is not a real date` });
      if (toDate === null) ctx.addIssue({ code: "custom", path: ["to"], message: `to "${input.to}" is not a real date` });
      if (fromDate === null || toDate === null) return z.NEVER;

      const to = ceilHour(toDate ? toDate.getTime() : now());
      const preset: RangePreset | undefined = fromDate ? undefined : (input.range ?? (toDate ? undefined : "30d"));
      const from = fromDate ? floorHour(fromDate.getTime()) : to - (preset ? PRESET_MS[preset] : DEFAULT_RANGE_DAYS * DAY_MS);
      if (from >= to) {
        ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
        return z.NEVER;
      }
      if (to - from > MAX_RANGE_DAYS * DAY_MS) {
        ctx.addIssue({ code: "custom", path: ["from"], message: `The range is longer than ${MAX_RANGE_DAYS} days` });
        return z.NEVER;
      }
      return {
        from: new Date(from),
        to: new Date(to),
        /** The preset the range came from, if any (the page highlights it). */
        preset: preset ?? null,
        workflow: input.workflow,
        model: input.model,
        provider: input.provider,
        region: input.region,
        bundle: input.bundle,
      };
    });
}

/** The shared schema (reads the clock when parsing). Marked pure so client bundles importing only the
 * constants and URL helpers below leave zod out. */
export const analyticsFiltersSchema = /* @__PURE__ */ makeAnalyticsFiltersSchema();

export interface AnalyticsFilters {
  /** Inclusive, on an hour boundary. */
  from: Date;
  /** Exclusive, on an hour boundary. */
  to: Date;
  preset: RangePreset | null;
  workflow: string[];
  model: string[];
  provider: string[];
  region: string[];
  bundle: string[];
}

// Keeps the declared interface and the schema's output in step.
type SchemaOutput = z.output<typeof analyticsFiltersSchema>;
const _sameShape: [SchemaOutput extends AnalyticsFilters ? true : false, AnalyticsFilters extends SchemaOutput ? true : false] = [true, true];
void _sameShape;

/** The default filters: the last 30 days (to the next hour), no dimension filter. */
export function defaultAnalyticsFilters(nowMs: number = Date.now()): AnalyticsFilters {
  const to = ceilHour(nowMs);
  return { from: new Date(to - DEFAULT_RANGE_DAYS * DAY_MS), to: new Date(to), preset: "30d", workflow: [], model: [], provider: [], region: [], bundle: [] };
}

/** The period of the same length just before the filters' range (for comparisons). */
export function previousRange(filters: Pick<AnalyticsFilters, "from" | "to">): { from: Date; to: Date } {
  const length = filters.to.getTime() - filters.from.getTime();
  return { from: new Date(filters.from.getTime() - length), to: new Date(filters.from.getTime()) };
}

/** Collects URLSearchParams or Next's searchParams object into the schema's input (repeated keys → arrays). */
export function searchParamsToAnalyticsInput(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const entries: [string, string][] =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
  for (const [key, value] of entries) {
    if ((DIMENSIONS as readonly string[]).includes(key)) {
      const prior = out[key];
      out[key] = prior === undefined ? [value] : [...(prior as string[]), value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

const FILTER_KEYS = ["range", "from", "to", ...DIMENSIONS] as const;

/**
 * Just the filter parameters of a URL query, in a fixed order (other keys such as sort are dropped):
 * the API query for the page's current URL, and the cache key both the server render and the client use.
 */
export function analyticsApiQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): string {
  const input = searchParamsToAnalyticsInput(params);
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = input[key];
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    const joined = values.map((v) => v.trim()).filter(Boolean).join(",");
    if (joined) out.set(key, joined);
  }
  return out.toString();
}

/**
 * The query string for a filter set: a preset range is written as `range=` (so a link keeps meaning "the
 * last 7 days"), a custom one as from/to; dimensions as comma lists. Other keys (sort, …) are not touched.
 */
export function analyticsFiltersToQuery(filters: AnalyticsFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.preset) {
    if (filters.preset !== "30d") params.set("range", filters.preset);
  } else {
    params.set("from", filters.from.toISOString());
    params.set("to", filters.to.toISOString());
  }
  for (const d of DIMENSIONS) if (filters[d].length) params.set(d, filters[d].join(","));
  return params;
}

export interface SqlFragment {
  sql: string;
  params: unknown[];
}

export interface RollupWhereOptions {
  /** Overrides the filters' range (a previous period, a drift baseline window). */
  from?: Date;
  to?: Date;
  /** Table alias to qualify the columns with (default: the table name "UsageRollup"). */
  alias?: string;
  /** Leave the range out (callers that add their own, e.g. one query spanning two windows). */
  noRange?: boolean;
}

/** A timestamp parameter as the rollup columns store it: `timestamp(3)` without zone, in UTC. */
export function sqlTimestamp(date: Date): string {
  return date.toISOString();
}

/**
 * WHERE conditions (without the keyword, joined by AND; "TRUE" when there are none) for "UsageRollup",
 * with placeholders numbered from startParamIndex ($startParamIndex, $startParamIndex+1, …).
 * Uses the primary key's leading "bucketStart" for the range; the dimension lists bind as text[].
 */
export function rollupWhere(filters: AnalyticsFilters, startParamIndex = 1, options: RollupWhereOptions = {}): SqlFragment {
  const table = options.alias ?? `"UsageRollup"`;
  const conditions: string[] = [];
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${startParamIndex + params.length - 1}`;
  };
  if (!options.noRange) {
    conditions.push(`${table}."bucketStart" >= ${next(sqlTimestamp(options.from ?? filters.from))}::timestamp(3)`);
    conditions.push(`${table}."bucketStart" < ${next(sqlTimestamp(options.to ?? filters.to))}::timestamp(3)`);
  }
  for (const d of DIMENSIONS) {
    const values = filters[d];
    if (values.length === 1) conditions.push(`${table}."${d}" = ${next(values[0])}`);
    else if (values.length > 1) conditions.push(`${table}."${d}" = ANY(${next(values)}::text[])`);
  }
  return { sql: conditions.length ? conditions.join(" AND ") : "TRUE", params };
}

/**
 * The same conditions on the raw "UsageEvent" table (for answers computed from raw rows, e.g. the
 * benchmark baseline). Null dimensions there are '' in the rollups, so they are compared through coalesce;
 * the model is the one that answered, coalesce("responseModel", "model"), as in the rollups.
 * The range is on the event timestamp, which selects exactly the events the rollup hours hold because
 * the range is hour-aligned.
 */
export function usageEventWhere(filters: AnalyticsFilters, startParamIndex = 1, options: RollupWhereOptions = {}): SqlFragment {
  const table = options.alias ?? `"UsageEvent"`;
  const conditions: string[] = [];
  const params: unknown[] = [];
  const next = (value: unknown) => {
    params.push(value);
    return `$${startParamIndex + params.length - 1}`;
  };
  if (!options.noRange) {
    conditions.push(`${table}."timestamp" >= ${next(sqlTimestamp(options.from ?? filters.from))}::timestamp(3)`);
    conditions.push(`${table}."timestamp" < ${next(sqlTimestamp(options.to ?? filters.to))}::timestamp(3)`);
  }
  for (const d of DIMENSIONS) {
    const values = filters[d];
    // Rollups are keyed by the model that answered (lib/ingestion/usage-rollup.ts servedModel).
    const column = d === "model" ? `coalesce(${table}."responseModel", ${table}."model")` : `coalesce(${table}."${d}", '')`;
    if (values.length === 1) conditions.push(`${column} = ${next(values[0])}`);
    else if (values.length > 1) conditions.push(`${column} = ANY(${next(values)}::text[])`);
  }
  return { sql: conditions.length ? conditions.join(" AND ") : "TRUE", params };
}

// Named, not "*": the two tables hold the same columns in a different physical order (the hourly table
// gained qualityHist by ALTER TABLE), and UNION matches columns by position.
const ROLLUP_COLUMNS = [
  "bucketStart", "model", "workflow", "provider", "region", "bundle", "requests", "errors", "retries", "fallbacks",
  "inputTokens", "outputTokens", "costUsd", "latencySumMs", "latencyHist", "ttftHist", "inputTokenHist", "outputTokenHist",
  "qualityHist", "qualitySum", "qualityCount", "feedbackUp", "feedbackDown", "errorTypes",
].map((c) => `"${c}"`).join(", ");

/**
 * A FROM-clause source of rollup rows covering exactly the given ranges (each [from, to), hour-aligned):
 * whole UTC days from the daily table, the partial days at each range's ends from the hourly table. A
 * 30-day range reads ~30 daily rows per key instead of ~720 hourly ones, and no row crosses a range's
 * edge, so callers may split periods on "bucketStart". Online ingest's pending deltas (not yet folded,
 * see lib/ingestion/rollup-fold.ts) are part of it. Dimension filters apply inside; `hourlyOnly`
 * keeps to the hourly table (hourly charts). Columns are those of "UsageRollup"; alias it after the
 * parentheses.
 */
export function rollupSource(
  filters: AnalyticsFilters,
  ranges: readonly { from: Date; to: Date }[],
  startParamIndex = 1,
  options: { hourlyOnly?: boolean } = {},
): SqlFragment {
  const parts: string[] = [];
  const params: unknown[] = [];
  const piece = (table: string, from: number, to: number) => {
    if (from >= to) return;
    const where = rollupWhere(filters, startParamIndex + params.length, { from: new Date(from), to: new Date(to), alias: `"${table}"` });
    parts.push(`SELECT ${ROLLUP_COLUMNS} FROM "${table}" WHERE ${where.sql}`);
    params.push(...where.params);
  };
  for (const range of ranges) {
    const from = range.from.getTime();
    const to = range.to.getTime();
    // Online ingest's deltas not yet folded into the rollup tables (hourly buckets, usually a second's
    // worth): counted with them, so an event counts from the moment it is committed.
    piece("UsageRollupPending", from, to);
    const firstDay = Math.ceil(from / DAY_MS) * DAY_MS;
    const lastDay = Math.floor(to / DAY_MS) * DAY_MS;
    if (options.hourlyOnly || firstDay >= lastDay) {
      piece("UsageRollup", from, to);
      continue;
    }
    piece("UsageRollup", from, firstDay);
    piece("UsageRollupDaily", firstDay, lastDay);
    piece("UsageRollup", lastDay, to);
  }
  if (parts.length === 0) parts.push(`SELECT ${ROLLUP_COLUMNS} FROM "UsageRollup" WHERE FALSE`);
  return { sql: `(${parts.join("\nUNION ALL\n")})`, params };
}

/** Time-series granularity for a range: hourly up to 7 days (at most 168 points), daily beyond. */
export type Granularity = "hour" | "day";
export function granularityFor(filters: Pick<AnalyticsFilters, "from" | "to">): Granularity {
  return filters.to.getTime() - filters.from.getTime() <= 7 * DAY_MS ? "hour" : "day";
}

/**
 * A select-list expression summing an int[] histogram column bucket by bucket over the grouped rows:
 * `ARRAY[sum(t."col"[1]), …, sum(t."col"[size])]::float8[]` (float8 so drivers return numbers; rows with a
 * null array add nothing, an all-null group gives nulls, read as zeros). Measured on PostgreSQL 15 this is
 * about twice as fast as unnest(…) WITH ORDINALITY + GROUP BY index, and only the grouped rows travel.
 */
export function histogramSumSql(column: string, size: number, alias = `"UsageRollup"`): string {
  const parts: string[] = [];
  for (let i = 1; i <= size; i++) parts.push(`sum(${alias}."${column}"[${i}])`);
  return `ARRAY[${parts.join(", ")}]::float8[]`;
}

/** The smallest executor surface the rollup queries need (lib/db/sql-executor.ts SqlExecutor fits). */
export interface RollupSqlExecutor {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[], options?: { reuse?: boolean }): Promise<Row[]>;
  transaction<T>(fn: (sql: RollupSqlExecutor) => Promise<T>): Promise<T>;
}

/**
 * Runs a rollup aggregate serially, with enough sort memory to keep it off disk, as a statement prepared
 * once per connection with a generic plan:
 * - grouping sorts the wide rows (each carries ~1 KB of histogram arrays), and at the default 4 MB
 *   work_mem PostgreSQL spills them to a temporary file (demo data, 19k rollup rows: 140 ms → 85 ms);
 * - a rollup read touches a few thousand rows: parallel workers cost more to start and plan for than they
 *   save (1 M events: 98–121 ms with, 53–72 ms without), and a JIT compilation would take longer than the
 *   whole query;
 * - the hundreds of per-bucket sums take ~4 ms to parse and ~10 ms to plan, against ~25 ms to run
 *   (30 days at 1 M events); prepared and planned generically, a repeat skips both. The plan does not
 *   depend on the range's values: each piece is an index range on bucketStart over a few thousand rows.
 * set_config(…, true) is SET LOCAL, so no other query on the pooled connection inherits it.
 */
export async function queryRollups<Row>(sql: RollupSqlExecutor, text: string, params: unknown[], workMem = "64MB"): Promise<Row[]> {
  return sql.transaction(async (tx) => {
    await tx.query(
      `SELECT set_config('work_mem', $1, true), set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true),
        set_config('plan_cache_mode', 'force_generic_plan', true)`,
      [workMem.replace(/[^0-9A-Za-z]/g, "")],
      { reuse: true },
    );
    return tx.query<Row>(text, params, { reuse: true });
  });
}
