import "server-only";
// Drift: the database side. Two ways to the same DriftGroupWindows, and the service the page and the API
// call:
//   - from the rollups (the fast path): per model × workflow × window, the daily rows' histograms (hourly
//     rows at the windows' partial-day ends) are summed bucket by bucket in SQL and the error types
//     merged, in two statements;
//   - from "UsageEvent" (the raw path, for the benchmark's baseline and for checking the fast path): each
//     call's value is bucketed with the same layout edges in SQL (width_bucket against the edges counts
//     the edges ≤ value, exactly bucketIndex in latency-buckets.ts), so both give identical histograms
//     because the windows are whole hours.
// The benchmark command imports the two loaders outside Next (scripts/bench.ts resolves server-only to an
// empty module there).
import { assertCan, type Actor } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import type { SqlExecutor } from "@/lib/db/sql-executor";
import { UNKNOWN_ERROR_TYPE } from "@/lib/ingestion/usage-rollup";
import { type DriftParams, parseDriftParams } from "./drift-params";
import { type DriftGroupWindows, type DriftReport, type WindowHistograms, buildDriftReport, normaliseHistogram } from "./drift-report";
import { LATENCY_MS_LAYOUT, QUALITY_LAYOUT, TOKENS_LAYOUT, histogramSize } from "./latency-buckets";
import { histogramSumSql, queryRollups, rollupSource, sqlTimestamp, usageEventWhere } from "./rollup-sql";

type Query = Pick<SqlExecutor, "query" | "transaction">;

const HISTOGRAMS = [
  ["latencyHist", LATENCY_MS_LAYOUT],
  ["inputTokenHist", TOKENS_LAYOUT],
  ["outputTokenHist", TOKENS_LAYOUT],
  ["qualityHist", QUALITY_LAYOUT],
] as const;

/** 1 for a row in the current window, 0 for the baseline; the WHERE keeps only rows in either. */
function windowSql(column: string, params: DriftParams, startIndex: number) {
  const values = [params.baseline.from, params.baseline.to, params.current.from, params.current.to].map(sqlTimestamp);
  const [bf, bt, cf, ct] = values.map((_, i) => `$${startIndex + i}::timestamp(3)`);
  return {
    window: `(CASE WHEN ${column} >= ${cf} THEN 1 ELSE 0 END)`,
    where: `((${column} >= ${bf} AND ${column} < ${bt}) OR (${column} >= ${cf} AND ${column} < ${ct}))`,
    params: values,
  };
}

interface CountsRow {
  model: string;
  workflow: string;
  window: number;
  requests: number;
  errors: number;
  [hist: string]: unknown;
}

interface ErrorTypeRow {
  model: string;
  workflow: string;
  window: number;
  type: string;
  n: number;
}

function assemble(counts: CountsRow[], errorTypes: ErrorTypeRow[]): DriftGroupWindows[] {
  const groups = new Map<string, DriftGroupWindows>();
  const keyOf = (model: string, workflow: string) => `${model}\u0000${workflow}`;
  for (const row of counts) {
    const key = keyOf(row.model, row.workflow);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { model: row.model, workflow: row.workflow, baseline: null, current: null }));
    const w: WindowHistograms = {
      requests: Number(row.requests),
      errors: Number(row.errors),
      errorTypes: {},
      latencyHist: normaliseHistogram(row.latencyHist as number[], LATENCY_MS_LAYOUT),
      inputTokenHist: normaliseHistogram(row.inputTokenHist as number[], TOKENS_LAYOUT),
      outputTokenHist: normaliseHistogram(row.outputTokenHist as number[], TOKENS_LAYOUT),
      qualityHist: normaliseHistogram(row.qualityHist as number[], QUALITY_LAYOUT),
    };
    if (Number(row.window) === 1) g.current = w;
    else g.baseline = w;
  }
  for (const row of errorTypes) {
    const g = groups.get(keyOf(row.model, row.workflow));
    const w = Number(row.window) === 1 ? g?.current : g?.baseline;
    if (w && Number(row.n) > 0) w.errorTypes[row.type] = Number(row.n);
  }
  return [...groups.values()];
}

/** The histograms summed by each rollup statement: statements of about the same work, run at once. */
const HISTOGRAM_GROUPS = [[HISTOGRAMS[0], HISTOGRAMS[3]], [HISTOGRAMS[1]], [HISTOGRAMS[2]]] as const;

/**
 * Summed histograms per model × workflow × window, from the rollups: whole UTC days from the daily table,
 * the partial days at the windows' ends from the hourly one (rollupSource), so a 35-day comparison reads
 * ~35 rows per key instead of ~840. The work is one addition per bucket per row (~400 per row over
 * ~2,500 rows for the default windows at 1 M events), so it is split across statements that PostgreSQL
 * runs on separate connections and cores: latency + quality, input tokens, output tokens, and the error
 * types (at 1 M events: 85 ms of work in one statement, ~45 ms from asking to answer split this way on
 * two cores).
 */
export async function loadDriftGroupsFromRollups(sql: Query, params: DriftParams): Promise<DriftGroupWindows[]> {
  const source = rollupSource(params.filters, [params.baseline, params.current], 1);
  const all = [...source.params, sqlTimestamp(params.current.from)];
  // No rollup row crosses a window's edge, so its bucket start says which window it belongs to.
  const window = `(CASE WHEN r."bucketStart" >= $${all.length}::timestamp(3) THEN 1 ELSE 0 END)`;
  // The inner select hands each histogram on once per row, decompressed: PostgreSQL compresses some of a
  // wide rollup row's arrays (TOAST, pglz), and without this every one of the subscripts below
  // decompresses its array again (measured on the demo's hourly rows: 337 ms → 100 ms). OFFSET 0 keeps
  // the planner from folding the inner select into the aggregate.
  const countsSql = (
    histograms: readonly (typeof HISTOGRAMS)[number][],
  ) => `SELECT h.model, h.workflow, h."window", sum(h.requests)::int AS requests, sum(h.errors)::int AS errors,
      ${histograms.map(([column, layout]) => `${histogramSumSql(column, histogramSize(layout), "h")} AS "${column}"`).join(",\n      ")}
    FROM (
      SELECT r."model" AS model, r."workflow" AS workflow, ${window} AS "window", r."requests" AS requests, r."errors" AS errors,
        ${histograms.map(([column]) => `(r."${column}" || '{}'::int[]) AS "${column}"`).join(", ")}
      FROM ${source.sql} r OFFSET 0
    ) h GROUP BY 1, 2, 3`;
  const errorsSql = `SELECT r."model" AS model, r."workflow" AS workflow, ${window} AS "window", e.key AS type, sum(e.value::int)::int AS n
    FROM ${source.sql} r, jsonb_each_text(r."errorTypes") e WHERE r."errors" > 0 GROUP BY 1, 2, 3, 4`;
  const [errorTypes, first, ...others] = await Promise.all([
    queryRollups<ErrorTypeRow>(sql, errorsSql, all),
    ...HISTOGRAM_GROUPS.map((group) => queryRollups<CountsRow>(sql, countsSql(group), all)),
  ]);
  // The statements group the same rows by the same keys: join them on the key.
  const keyOf = (r: CountsRow) => `${r.model}\u0000${r.workflow}\u0000${Number(r.window)}`;
  const byKey = others.map((rows) => new Map((rows as CountsRow[]).map((r) => [keyOf(r), r])));
  const counts = (first as CountsRow[]).map((r) => Object.assign({}, ...byKey.map((m) => m.get(keyOf(r))), r) as CountsRow);
  return assemble(counts, errorTypes as ErrorTypeRow[]);
}

/** The same histograms computed from the raw events (the benchmark's baseline; tests check they agree). */
export async function loadDriftGroupsFromRawEvents(sql: Query, params: DriftParams): Promise<DriftGroupWindows[]> {
  const win = windowSql(`u."timestamp"`, params, 1);
  const dims = usageEventWhere(params.filters, 1 + win.params.length, { alias: "u", noRange: true });
  const where = `${win.where} AND ${dims.sql}`;
  const edgesIndex = 1 + win.params.length + dims.params.length;
  const edgeParams = HISTOGRAMS.map(([, layout]) => [...layout.edges]);
  const all = [...win.params, ...dims.params, ...edgeParams];
  const value = { latencyHist: `u."latencyMs"`, inputTokenHist: `u."inputTokens"`, outputTokenHist: `u."outputTokens"`, qualityHist: `u."qualityScore"` };
  // One scan: each call yields one (histogram, bucket) pair per value it has.
  const bucketsSql = `SELECT coalesce(u."responseModel", u."model") AS model, coalesce(u."workflow", '') AS workflow, ${win.window} AS "window", v.hist, v.bucket, count(*)::int AS n
    FROM "UsageEvent" u, LATERAL (VALUES
      ${HISTOGRAMS.map(([column], i) => `('${column}', width_bucket(${value[column]}::float8, $${edgesIndex + i}::float8[]))`).join(",\n      ")}
    ) AS v(hist, bucket)
    WHERE ${where} AND v.bucket IS NOT NULL GROUP BY 1, 2, 3, 4, 5`;
  const countsSql = `SELECT coalesce(u."responseModel", u."model") AS model, coalesce(u."workflow", '') AS workflow, ${win.window} AS "window",
      count(*)::int AS requests, (count(*) FILTER (WHERE u."status" = 'error'))::int AS errors
    FROM "UsageEvent" u WHERE ${where} GROUP BY 1, 2, 3`;
  const errorsSql = `SELECT coalesce(u."responseModel", u."model") AS model, coalesce(u."workflow", '') AS workflow, ${win.window} AS "window",
      coalesce(u."errorType", '${UNKNOWN_ERROR_TYPE}') AS type, count(*)::int AS n
    FROM "UsageEvent" u WHERE u."status" = 'error' AND ${where} GROUP BY 1, 2, 3, 4`;
  const [counts, buckets, errorTypes] = await Promise.all([
    sql.query<CountsRow>(countsSql, [...win.params, ...dims.params]),
    sql.query<{ model: string; workflow: string; window: number; hist: string; bucket: number; n: number }>(bucketsSql, all),
    sql.query<ErrorTypeRow>(errorsSql, [...win.params, ...dims.params]),
  ]);
  const hists = new Map<string, number[]>();
  for (const b of buckets) {
    const key = `${b.model}\u0000${b.workflow}\u0000${Number(b.window)}\u0000${b.hist}`;
    let h = hists.get(key);
    if (!h) hists.set(key, (h = []));
    h[Number(b.bucket)] = Number(b.n);
  }
  for (const row of counts) {
    for (const [column] of HISTOGRAMS) row[column] = hists.get(`${row.model}\u0000${row.workflow}\u0000${Number(row.window)}\u0000${column}`) ?? [];
  }
  return assemble(counts, errorTypes);
}

const reportOf = (groups: DriftGroupWindows[], params: DriftParams) =>
  buildDriftReport(groups, { windows: { baseline: params.baseline, current: params.current }, thresholds: params.thresholds, minSamples: params.minSamples });

export const driftFromRollups = async (sql: Query, params: DriftParams) => reportOf(await loadDriftGroupsFromRollups(sql, params), params);
export const driftFromRawEvents = async (sql: Query, params: DriftParams) => reportOf(await loadDriftGroupsFromRawEvents(sql, params), params);

export interface DriftResult {
  params: DriftParams;
  report: DriftReport;
  /** The summed histograms behind the report (the page draws the selected one). */
  groups: DriftGroupWindows[];
  /** Time spent in the database and the statistics, for the page's footnote and the API. */
  elapsedMs: number;
}

/** The drift service: permission, parameters (422 with fieldErrors), the rollup query and the report. */
export async function getDriftReport(
  db: Pick<Database, "sql">,
  actor: Actor | null,
  input: Record<string, unknown>,
  options: { now?: number } = {},
): Promise<DriftResult> {
  assertCan(actor, "analytics:read");
  const params = parseDriftParams(input, options.now);
  const started = performance.now();
  const groups = await loadDriftGroupsFromRollups(db.sql, params);
  const report = reportOf(groups, params);
  return { params, report, groups, elapsedMs: performance.now() - started };
}

/** Workflows and models with rollups in either window (the filter choices). */
export async function driftFacets(db: Pick<Database, "sql">, params: DriftParams): Promise<{ workflows: string[]; models: string[] }> {
  const unfiltered = { ...params.filters, workflow: [], model: [], provider: [], region: [], bundle: [] };
  const source = rollupSource(unfiltered, [params.baseline, params.current], 1);
  const rows = await queryRollups<{ workflow: string; model: string }>(
    db.sql,
    `SELECT DISTINCT r."workflow" AS workflow, r."model" AS model FROM ${source.sql} r`,
    source.params,
  );
  return {
    workflows: [...new Set(rows.map((r) => r.workflow))].sort(),
    models: [...new Set(rows.map((r) => r.model))].sort(),
  };
}

/** The JSON body of GET /api/v1/analytics/drift: the report without the raw histograms or page state. */
export function driftApiBody(result: DriftResult) {
  const { params, report } = result;
  const window = (w: { from: Date; to: Date }) => ({ from: w.from.toISOString(), to: w.to.toISOString() });
  return {
    windows: { baseline: window(report.windows.baseline), current: window(report.windows.current) },
    thresholds: report.thresholds,
    minSamples: report.minSamples,
    filters: {
      workflow: params.filters.workflow,
      model: params.filters.model,
      provider: params.filters.provider,
      region: params.filters.region,
      bundle: params.filters.bundle,
    },
    counts: report.counts,
    rows: report.rows,
    oneWindowOnly: report.oneWindowOnly,
    elapsedMs: Math.round(result.elapsedMs * 10) / 10,
  };
}
