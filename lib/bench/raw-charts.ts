// The analytics charts' answer (latency p50 / p95 / p99 per time bucket, cost by model, error, fallback and
// retry rates, token distributions, the filter lists) computed from the raw "UsageEvent" rows, with exact
// percentiles: the baseline the rollup statement (lib/analytics/timeseries-query.ts) is measured against.
// Only the whole range and daily or hourly buckets, no dimension filters: what the benchmark asks.
import { TOKENS_LAYOUT } from "@/lib/analytics/latency-buckets";
import type { SqlExecutor } from "@/lib/db/sql-executor";

export interface RawChartPoint {
  t: number;
  requests: number;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
}

export interface RawCharts {
  points: RawChartPoint[];
  costByModel: { t: number; model: string; costUsd: number; requests: number; errors: number; retries: number; fallbacks: number }[];
  tokens: { input: number[]; output: number[] };
  filterOptions: Record<string, string[]>;
}

const ts = (d: Date) => d.toISOString().replace("T", " ").replace("Z", "");

export async function rawCharts(sql: Pick<SqlExecutor, "query">, range: { from: Date; to: Date; granularity: "hour" | "day" }): Promise<RawCharts> {
  const where = `e."timestamp" >= $1::timestamp(3) AND e."timestamp" < $2::timestamp(3)`;
  const params = [ts(range.from), ts(range.to)];
  const bucket = `(extract(epoch FROM date_trunc('${range.granularity}', e."timestamp")) * 1000)::float8`;
  const [series, latency, tokens, options] = await Promise.all([
    sql.query<{ t: number; model: string; costUsd: number; requests: number; errors: number; retries: number; fallbacks: number }>(
      `SELECT ${bucket} AS t, coalesce(e."responseModel", e."model") AS model, count(*)::float8 AS requests,
         (count(*) FILTER (WHERE e."status" = 'error'))::float8 AS errors, sum(e."retries")::float8 AS retries,
         (count(*) FILTER (WHERE e."isFallback"))::float8 AS fallbacks, coalesce(sum(e."costUsd"), 0)::float8 AS "costUsd"
       FROM "UsageEvent" e WHERE ${where} GROUP BY 1, 2`,
      params,
    ),
    sql.query<{ t: number; requests: number; p: number[] | null }>(
      `SELECT ${bucket} AS t, count(*)::float8 AS requests, percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY e."latencyMs") AS p
       FROM "UsageEvent" e WHERE ${where} GROUP BY 1 ORDER BY 1`,
      params,
    ),
    sql.query<{ which: string; bucket: number; n: number }>(
      `SELECT v.which, v.bucket, count(*)::float8 AS n
       FROM "UsageEvent" e, LATERAL (VALUES ('input', width_bucket(e."inputTokens"::float8, $3::float8[])), ('output', width_bucket(e."outputTokens"::float8, $3::float8[]))) AS v(which, bucket)
       WHERE ${where} AND v.bucket IS NOT NULL GROUP BY 1, 2`,
      [...params, [...TOKENS_LAYOUT.edges]],
    ),
    sql.query<{ dimension: string; value: string }>(
      `SELECT DISTINCT d.dimension, d.value FROM "UsageEvent" e,
         LATERAL (VALUES ('workflow', e."workflow"), ('model', coalesce(e."responseModel", e."model")), ('provider', e."provider"), ('region', e."region"), ('bundle', e."bundle")) AS d(dimension, value)
       WHERE ${where} AND d.value IS NOT NULL`,
      params,
    ),
  ]);
  const histogram = (which: string) => {
    const counts = new Array<number>(TOKENS_LAYOUT.edges.length + 1).fill(0);
    for (const r of tokens) if (r.which === which) counts[Number(r.bucket)] = Number(r.n);
    return counts;
  };
  const filterOptions: Record<string, string[]> = {};
  for (const o of options) (filterOptions[o.dimension] ??= []).push(o.value);
  for (const list of Object.values(filterOptions)) list.sort();
  return {
    points: latency.map((r) => ({
      t: Number(r.t),
      requests: Number(r.requests),
      latencyP50Ms: r.p?.[0] ?? null,
      latencyP95Ms: r.p?.[1] ?? null,
      latencyP99Ms: r.p?.[2] ?? null,
    })),
    costByModel: series.map((r) => ({ ...r, t: Number(r.t) })),
    tokens: { input: histogram("input"), output: histogram("output") },
    filterOptions,
  };
}
