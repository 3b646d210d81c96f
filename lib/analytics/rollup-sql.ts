import "server-only";
// The SQL the analytics filters mean on the rollup tables ("UsageRollup", "UsageRollupDaily", the pending
// deltas) and on "UsageEvent": WHERE fragments, the row source that reads whole days from the daily table,
// bucket-wise histogram sums and the session settings a rollup aggregate runs with. Server only: the pure
// parsing and URL half (rollup-filters.ts) is what client components import.
import { type AnalyticsFilters, DAY_MS, DIMENSIONS } from "./filter-query";

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
  "bucketStart",
  "model",
  "workflow",
  "provider",
  "region",
  "bundle",
  "requests",
  "errors",
  "retries",
  "fallbacks",
  "inputTokens",
  "outputTokens",
  "costUsd",
  "latencySumMs",
  "latencyHist",
  "ttftHist",
  "inputTokenHist",
  "outputTokenHist",
  "qualityHist",
  "qualitySum",
  "qualityCount",
  "feedbackUp",
  "feedbackDown",
  "errorTypes",
]
  .map((c) => `"${c}"`)
  .join(", ");

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
