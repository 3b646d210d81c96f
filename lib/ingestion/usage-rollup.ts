import "server-only";
// Hourly rollups of usage events, written in the same transaction as the events themselves, so the
// dashboards read a few thousand pre-aggregated rows instead of millions of calls and are never behind
// the ingest (the issue allows 60 s; this is 0 s, and nothing can fall out of step on a crash).
//
// Two ways in: a file import adds its deltas to the rollup tables directly (upsertRollups: big batches,
// each key touched once). Online ingest (many small concurrent batches touching the same hours) appends
// its deltas to "UsageRollupPending" (writePendingRollups: a plain insert, no row locks shared with other
// requests), and rollup-fold.ts moves them into the rollup tables about once a second. Readers take the
// pending rows with the rollups (rollupSource), so either way a committed event counts at once, once.
//
// accumulateRollups is pure: it folds newly inserted rows into one delta per rollup key (hour × model ×
// workflow × provider × region × bundle). upsertRollups adds the deltas to the stored rows: counters are
// summed, histograms added bucket by bucket, error-type counts merged. Deltas are written in key order so
// two concurrent ingests touching the same keys lock them in the same order and cannot deadlock.
import { LATENCY_MS_LAYOUT, QUALITY_LAYOUT, TOKENS_LAYOUT, bucketIndex, emptyHistogram, histogramSize } from "@/lib/analytics/latency-buckets";
import type { RunQuery, StoredUsageRow } from "./usage-bulk-insert";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The two rollup tables: hourly rows for charts and range edges, daily rows for whole days. */
export const ROLLUP_TABLES = { hour: "UsageRollup", day: "UsageRollupDaily" } as const;
/** Hourly deltas written by online ingest and not yet folded into the rollup tables. */
export const PENDING_ROLLUP_TABLE = "UsageRollupPending";
export type RollupGranularity = keyof typeof ROLLUP_TABLES;

export interface RollupDelta {
  bucketStart: number;
  model: string;
  workflow: string;
  provider: string;
  region: string;
  bundle: string;
  requests: number;
  errors: number;
  retries: number;
  fallbacks: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencySumMs: number;
  latencyHist: number[];
  ttftHist: number[];
  inputTokenHist: number[];
  outputTokenHist: number[];
  qualityHist: number[];
  qualitySum: number;
  qualityCount: number;
  feedbackUp: number;
  feedbackDown: number;
  errorTypes: Record<string, number>;
}

type RollupSource = Pick<
  StoredUsageRow,
  | "timestamp"
  | "model"
  | "responseModel"
  | "workflow"
  | "provider"
  | "region"
  | "bundle"
  | "status"
  | "errorType"
  | "retries"
  | "isFallback"
  | "inputTokens"
  | "outputTokens"
  | "costUsd"
  | "latencyMs"
  | "ttftMs"
  | "qualityScore"
  | "feedback"
>;

/** Error calls whose source names no type are counted under this name, so error types always add up. */
export const UNKNOWN_ERROR_TYPE = "unknown";

export function hourStart(timestamp: Date | number): number {
  const ms = typeof timestamp === "number" ? timestamp : timestamp.getTime();
  return ms - (((ms % HOUR_MS) + HOUR_MS) % HOUR_MS);
}

export function dayStart(timestamp: Date | number): number {
  const ms = typeof timestamp === "number" ? timestamp : timestamp.getTime();
  return ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS);
}

/** The model a rollup row is about: the one that answered (a fallback or a substitute), else the one requested. */
export function servedModel(row: Pick<RollupSource, "model" | "responseModel">): string {
  return row.responseModel ?? row.model;
}

function emptyDelta(bucketStart: number, row: RollupSource): RollupDelta {
  return {
    bucketStart,
    model: servedModel(row),
    workflow: row.workflow ?? "",
    provider: row.provider ?? "",
    region: row.region ?? "",
    bundle: row.bundle ?? "",
    requests: 0,
    errors: 0,
    retries: 0,
    fallbacks: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    latencySumMs: 0,
    latencyHist: emptyHistogram(LATENCY_MS_LAYOUT),
    ttftHist: emptyHistogram(LATENCY_MS_LAYOUT),
    inputTokenHist: emptyHistogram(TOKENS_LAYOUT),
    outputTokenHist: emptyHistogram(TOKENS_LAYOUT),
    qualityHist: emptyHistogram(QUALITY_LAYOUT),
    qualitySum: 0,
    qualityCount: 0,
    feedbackUp: 0,
    feedbackDown: 0,
    errorTypes: {},
  };
}

/** Folds rows into one delta per rollup key, sorted by key (see the deadlock note above). */
export function accumulateRollups(rows: Iterable<RollupSource>): RollupDelta[] {
  const byKey = new Map<string, RollupDelta>();
  for (const row of rows) {
    const bucketStart = hourStart(row.timestamp);
    const key = [bucketStart, servedModel(row), row.workflow ?? "", row.provider ?? "", row.region ?? "", row.bundle ?? ""].join("\u0000");
    let d = byKey.get(key);
    if (!d) byKey.set(key, (d = emptyDelta(bucketStart, row)));
    d.requests += 1;
    if (row.status === "error") {
      d.errors += 1;
      const type = row.errorType ?? UNKNOWN_ERROR_TYPE;
      d.errorTypes[type] = (d.errorTypes[type] ?? 0) + 1;
    }
    d.retries += row.retries;
    if (row.isFallback) d.fallbacks += 1;
    if (row.inputTokens !== null) {
      d.inputTokens += row.inputTokens;
      d.inputTokenHist[bucketIndex(row.inputTokens, TOKENS_LAYOUT)] += 1;
    }
    if (row.outputTokens !== null) {
      d.outputTokens += row.outputTokens;
      d.outputTokenHist[bucketIndex(row.outputTokens, TOKENS_LAYOUT)] += 1;
    }
    if (row.costUsd !== null) d.costUsd += row.costUsd;
    if (row.latencyMs !== null) {
      d.latencySumMs += row.latencyMs;
      d.latencyHist[bucketIndex(row.latencyMs, LATENCY_MS_LAYOUT)] += 1;
    }
    if (row.ttftMs !== null) d.ttftHist[bucketIndex(row.ttftMs, LATENCY_MS_LAYOUT)] += 1;
    if (row.qualityScore !== null) {
      d.qualitySum += row.qualityScore;
      d.qualityCount += 1;
      d.qualityHist[bucketIndex(row.qualityScore, QUALITY_LAYOUT)] += 1;
    }
    if (row.feedback === 1) d.feedbackUp += 1;
    else if (row.feedback === -1) d.feedbackDown += 1;
  }
  return sortDeltas([...byKey.values()]);
}

const addInto = (target: number[], source: readonly number[]) => {
  for (let i = 0; i < target.length; i++) target[i] += source[i];
};

/** Folds hourly deltas into daily ones (same keys, bucketStart at UTC midnight). */
export function dailyDeltas(hourly: readonly RollupDelta[]): RollupDelta[] {
  return mergeDeltas(hourly, dayStart);
}

/** Adds up deltas with the same key once their bucket start is mapped by `bucketOf` (sorted by key). */
function mergeDeltas(deltas: readonly RollupDelta[], bucketOf: (bucketStart: number) => number): RollupDelta[] {
  const byKey = new Map<string, RollupDelta>();
  for (const h of deltas) {
    const bucketStart = bucketOf(h.bucketStart);
    const key = [bucketStart, h.model, h.workflow, h.provider, h.region, h.bundle].join("\u0000");
    const d = byKey.get(key);
    if (!d) {
      byKey.set(key, {
        ...h,
        bucketStart,
        latencyHist: [...h.latencyHist],
        ttftHist: [...h.ttftHist],
        inputTokenHist: [...h.inputTokenHist],
        outputTokenHist: [...h.outputTokenHist],
        qualityHist: [...h.qualityHist],
        errorTypes: { ...h.errorTypes },
      });
      continue;
    }
    d.requests += h.requests;
    d.errors += h.errors;
    d.retries += h.retries;
    d.fallbacks += h.fallbacks;
    d.inputTokens += h.inputTokens;
    d.outputTokens += h.outputTokens;
    d.costUsd += h.costUsd;
    d.latencySumMs += h.latencySumMs;
    addInto(d.latencyHist, h.latencyHist);
    addInto(d.ttftHist, h.ttftHist);
    addInto(d.inputTokenHist, h.inputTokenHist);
    addInto(d.outputTokenHist, h.outputTokenHist);
    addInto(d.qualityHist, h.qualityHist);
    d.qualitySum += h.qualitySum;
    d.qualityCount += h.qualityCount;
    d.feedbackUp += h.feedbackUp;
    d.feedbackDown += h.feedbackDown;
    for (const [type, n] of Object.entries(h.errorTypes)) d.errorTypes[type] = (d.errorTypes[type] ?? 0) + n;
  }
  return sortDeltas([...byKey.values()]);
}

function sortDeltas(deltas: RollupDelta[]): RollupDelta[] {
  const keyOf = (d: RollupDelta) => [d.model, d.workflow, d.provider, d.region, d.bundle];
  return deltas.sort((a, b) => {
    if (a.bucketStart !== b.bucketStart) return a.bucketStart - b.bucketStart;
    const ka = keyOf(a);
    const kb = keyOf(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  });
}

const pgArray = (values: readonly number[]) => `{${values.join(",")}}`;

/**
 * Adds two int[] bucket by bucket (a missing array counts as zeros, e.g. rows older than a histogram).
 * unnest(a, b) walks both arrays in step and ARRAY(…) keeps that order, so no ordinality or sort is needed
 * (measured on 128-bucket arrays: 78 µs → 46 µs a pair).
 */
const upsertSql = (table: string) => `${insertSql(table)}\n${conflictSql(table)}`;

/** What an insert into a rollup table does with a key already there: adds the new delta to it. */
const conflictSql = (table: string) => {
  const addArrays = (column: string) =>
    `"${column}" = ARRAY(SELECT coalesce(a, 0) + coalesce(b, 0) FROM unnest("${table}"."${column}", EXCLUDED."${column}") AS t(a, b))`;
  const add = (column: string) => `"${column}" = "${table}"."${column}" + EXCLUDED."${column}"`;
  return `ON CONFLICT ("bucketStart", "model", "workflow", "provider", "region", "bundle") DO UPDATE SET
  ${["requests", "errors", "retries", "fallbacks", "inputTokens", "outputTokens", "costUsd", "latencySumMs"].map(add).join(",\n  ")},
  ${["latencyHist", "ttftHist", "inputTokenHist", "outputTokenHist", "qualityHist"].map(addArrays).join(",\n  ")},
  ${["qualitySum", "qualityCount", "feedbackUp", "feedbackDown"].map(add).join(",\n  ")},
  "errorTypes" = (SELECT coalesce(jsonb_object_agg(k, n), '{}'::jsonb) FROM (
      SELECT k, sum(v::int) AS n FROM (
        SELECT * FROM jsonb_each_text("${table}"."errorTypes") UNION ALL SELECT * FROM jsonb_each_text(EXCLUDED."errorTypes")
      ) e(k, v) GROUP BY k) s),
  "updatedAt" = now()`;
};

const INSERT_COLUMNS = `"bucketStart", "model", "workflow", "provider", "region", "bundle", "requests", "errors", "retries", "fallbacks",
  "inputTokens", "outputTokens", "costUsd", "latencySumMs", "latencyHist", "ttftHist", "inputTokenHist", "outputTokenHist", "qualityHist",
  "qualitySum", "qualityCount", "feedbackUp", "feedbackDown", "errorTypes", "updatedAt"`;

/** Inserts deltas given as one array parameter per column ($1 … $24). */
const insertSql = (table: string) => {
  return `INSERT INTO "${table}" (${INSERT_COLUMNS})
SELECT u.bucket_start, u.model, u.workflow, u.provider, u.region, u.bundle, u.requests, u.errors, u.retries, u.fallbacks,
  u.input_tokens, u.output_tokens, u.cost, u.latency_sum, u.latency_hist::int[], u.ttft_hist::int[], u.input_hist::int[], u.output_hist::int[], u.quality_hist::int[],
  u.quality_sum, u.quality_count, u.feedback_up, u.feedback_down, u.error_types::jsonb, now()
FROM unnest($1::timestamp(3)[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int4[], $8::int4[], $9::int4[], $10::int4[],
  $11::int8[], $12::int8[], $13::float8[], $14::float8[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[],
  $20::float8[], $21::int4[], $22::int4[], $23::int4[], $24::text[])
  AS u(bucket_start, model, workflow, provider, region, bundle, requests, errors, retries, fallbacks,
  input_tokens, output_tokens, cost, latency_sum, latency_hist, ttft_hist, input_hist, output_hist, quality_hist,
  quality_sum, quality_count, feedback_up, feedback_down, error_types)`;
};

const HISTOGRAM_COLUMNS = [
  ["latencyHist", histogramSize(LATENCY_MS_LAYOUT)],
  ["ttftHist", histogramSize(LATENCY_MS_LAYOUT)],
  ["inputTokenHist", histogramSize(TOKENS_LAYOUT)],
  ["outputTokenHist", histogramSize(TOKENS_LAYOUT)],
  ["qualityHist", histogramSize(QUALITY_LAYOUT)],
] as const;

/**
 * The fold of every pending delta into both rollup tables, as one statement, so the rows never travel to
 * the application: the pending rows are deleted and returned to the statement, summed per hourly and per
 * daily key (histograms bucket by bucket, error types merged) and upserted in key order, like the direct
 * path. Returns the number of pending rows folded.
 */
function foldPendingSql(): string {
  const KEYS = `"model", "workflow", "provider", "region", "bundle"`;
  const KEY_REFS = `m."model", m."workflow", m."provider", m."region", m."bundle"`;
  // Error types are summed per key on their own and joined back: a JSON merge has no aggregate of its own.
  const grouped = (bucket: string) => {
    const hist = ([column, size]: readonly [string, number]) =>
      `ARRAY[${Array.from({ length: size }, (_, i) => `sum(coalesce(m."${column}"[${i + 1}], 0))`).join(", ")}]::int[]`;
    return `SELECT g.*, coalesce(e.error_types, '{}'::jsonb), now() FROM (
    SELECT ${bucket} AS "bucketStart", ${KEY_REFS}, sum(m."requests")::int, sum(m."errors")::int, sum(m."retries")::int, sum(m."fallbacks")::int,
      sum(m."inputTokens")::int8, sum(m."outputTokens")::int8, sum(m."costUsd"), sum(m."latencySumMs"),
      ${HISTOGRAM_COLUMNS.map(hist).join(",\n      ")},
      sum(m."qualitySum"), sum(m."qualityCount")::int, sum(m."feedbackUp")::int, sum(m."feedbackDown")::int
    FROM moved m GROUP BY 1, 2, 3, 4, 5, 6
  ) g LEFT JOIN (
    SELECT "bucketStart", ${KEYS}, jsonb_object_agg(error_type, n) AS error_types FROM (
      SELECT ${bucket} AS "bucketStart", ${KEY_REFS}, t.key AS error_type, sum(t.value::int) AS n
      FROM moved m, jsonb_each_text(m."errorTypes") t GROUP BY 1, 2, 3, 4, 5, 6, 7
    ) per_type GROUP BY 1, 2, 3, 4, 5, 6
  ) e USING ("bucketStart", ${KEYS})
  ORDER BY 1, 2, 3, 4, 5, 6`;
  };
  return `WITH moved AS (
  DELETE FROM "${PENDING_ROLLUP_TABLE}" RETURNING *
), hourly AS (
  INSERT INTO "${ROLLUP_TABLES.hour}" (${INSERT_COLUMNS})
  ${grouped(`m."bucketStart"`)}
  ${conflictSql(ROLLUP_TABLES.hour)}
), daily AS (
  INSERT INTO "${ROLLUP_TABLES.day}" (${INSERT_COLUMNS})
  ${grouped(`date_trunc('day', m."bucketStart")`)}
  ${conflictSql(ROLLUP_TABLES.day)}
)
SELECT count(*)::int AS folded FROM moved`;
}

export const FOLD_PENDING_SQL = foldPendingSql();

const UPSERT_SQL = { hour: upsertSql(ROLLUP_TABLES.hour), day: upsertSql(ROLLUP_TABLES.day) };
const PENDING_INSERT_SQL = insertSql(PENDING_ROLLUP_TABLE);

/** Adds hourly deltas to the hourly and daily rollups (one statement each). */
export async function upsertRollups(run: RunQuery, hourly: readonly RollupDelta[]): Promise<void> {
  if (hourly.length === 0) return;
  await writeDeltas(run, UPSERT_SQL.hour, hourly);
  await writeDeltas(run, UPSERT_SQL.day, dailyDeltas(hourly));
}

/** Appends hourly deltas to the pending table (online ingest; folded later by rollup-fold.ts). */
export async function writePendingRollups(run: RunQuery, hourly: readonly RollupDelta[]): Promise<void> {
  if (hourly.length === 0) return;
  await writeDeltas(run, PENDING_INSERT_SQL, hourly);
}

async function writeDeltas(run: RunQuery, sql: string, deltas: readonly RollupDelta[]): Promise<void> {
  const col = <T>(pick: (d: RollupDelta) => T) => deltas.map(pick);
  await run(sql, [
    col((d) => new Date(d.bucketStart).toISOString()),
    col((d) => d.model),
    col((d) => d.workflow),
    col((d) => d.provider),
    col((d) => d.region),
    col((d) => d.bundle),
    col((d) => d.requests),
    col((d) => d.errors),
    col((d) => d.retries),
    col((d) => d.fallbacks),
    col((d) => d.inputTokens),
    col((d) => d.outputTokens),
    col((d) => d.costUsd),
    col((d) => d.latencySumMs),
    col((d) => pgArray(d.latencyHist)),
    col((d) => pgArray(d.ttftHist)),
    col((d) => pgArray(d.inputTokenHist)),
    col((d) => pgArray(d.outputTokenHist)),
    col((d) => pgArray(d.qualityHist)),
    col((d) => d.qualitySum),
    col((d) => d.qualityCount),
    col((d) => d.feedbackUp),
    col((d) => d.feedbackDown),
    col((d) => JSON.stringify(d.errorTypes)),
  ]);
}
