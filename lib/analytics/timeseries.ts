// The analytics charts' data, pure: rollup sums per time bucket × model in, plain chart rows out.
//   - cost per bucket stacked by model: the N costliest models over the range, the rest as "Other models";
//   - latency p50 / p95 / p99 per bucket (from the bucket's merged histogram);
//   - error, fallback and retry rates per bucket;
//   - input and output token distributions over the whole range (histogram bars).
// Every bucket of the range is present (zero requests, null rates) so the time axis has no holes.
import { DAY_MS, type Granularity, HOUR_MS } from "./filter-query";
import { LATENCY_MS_LAYOUT, TOKENS_LAYOUT, bucketBounds, emptyHistogram, type HistogramLayout } from "./latency-buckets";
import { percentileFromHistogram } from "./percentiles";

export const OTHER_MODELS = "Other models";
export const DEFAULT_TOP_MODELS = 6;

/** One row from the database: sums of the rollups of one time bucket × model. */
export interface BucketModelRow {
  /** Bucket start, epoch milliseconds (UTC). */
  t: number;
  model: string;
  requests: number;
  errors: number;
  retries: number;
  fallbacks: number;
  costUsd: number;
  latencyHist: (number | null)[] | null;
}

export interface TimeseriesPoint {
  /** Bucket start, ISO 8601 UTC. */
  t: string;
  requests: number;
  costUsd: number;
  /** Cost per series name (a top model or OTHER_MODELS); every series present, 0 when none. */
  cost: Record<string, number>;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  errorRate: number | null;
  fallbackRate: number | null;
  retryRate: number | null;
}

export interface HistogramBar {
  /** Inclusive lower edge. */
  lower: number;
  /** Exclusive upper edge; null for the open-ended last bucket. */
  upper: number | null;
  count: number;
}

export interface Timeseries {
  granularity: Granularity;
  /** Cost series, costliest first; OTHER_MODELS last when there are more models than fit. */
  series: string[];
  points: TimeseriesPoint[];
  tokens: { input: HistogramBar[]; output: HistogramBar[] };
}

/** Bucket starts covering [from, to): whole UTC hours or days (the first day may start before `from`). */
export function bucketStarts(from: Date, to: Date, granularity: Granularity): number[] {
  const step = granularity === "hour" ? HOUR_MS : DAY_MS;
  const starts: number[] = [];
  for (let t = Math.floor(from.getTime() / step) * step; t < to.getTime(); t += step) starts.push(t);
  return starts;
}

/** Histogram bars from the first to the last non-empty bucket (empty tails would only stretch the axis). */
export function histogramBars(counts: readonly number[], layout: HistogramLayout = TOKENS_LAYOUT): HistogramBar[] {
  // Below 10 tokens several log buckets cannot hold an integer: starting at the first non-empty bucket
  // also drops those.
  const first = counts.findIndex((c) => c > 0);
  if (first < 0) return [];
  let last = counts.length - 1;
  while (counts[last] === 0) last--;
  const bars: HistogramBar[] = [];
  for (let i = first; i <= last; i++) {
    const { lower, upper } = bucketBounds(i, layout);
    bars.push({ lower, upper: Number.isFinite(upper) ? upper : null, count: counts[i] });
  }
  return bars;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function buildTimeseries(
  rows: readonly BucketModelRow[],
  tokenHists: { input: readonly (number | null)[] | null; output: readonly (number | null)[] | null },
  range: { from: Date; to: Date; granularity: Granularity },
  topModels = DEFAULT_TOP_MODELS,
): Timeseries {
  const costByModel = new Map<string, number>();
  for (const r of rows) costByModel.set(r.model, (costByModel.get(r.model) ?? 0) + Number(r.costUsd));
  const ranked = [...costByModel].sort(([ma, a], [mb, b]) => b - a || (ma < mb ? -1 : 1)).map(([m]) => m);
  // "Other models" only when it stands for at least two models; one more model is shown by name.
  const top = ranked.length <= topModels + 1 ? ranked : ranked.slice(0, topModels);
  const series = ranked.length > top.length ? [...top, OTHER_MODELS] : top;
  const seriesOf = (model: string) => (top.includes(model) ? model : OTHER_MODELS);

  interface Acc {
    requests: number;
    errors: number;
    retries: number;
    fallbacks: number;
    costUsd: number;
    cost: Record<string, number>;
    latency: number[];
  }
  const buckets = new Map<number, Acc>();
  for (const t of bucketStarts(range.from, range.to, range.granularity)) {
    buckets.set(t, {
      requests: 0,
      errors: 0,
      retries: 0,
      fallbacks: 0,
      costUsd: 0,
      cost: Object.fromEntries(series.map((s) => [s, 0])),
      latency: emptyHistogram(LATENCY_MS_LAYOUT),
    });
  }
  for (const r of rows) {
    const acc = buckets.get(Number(r.t));
    if (!acc) continue; // outside the range: cannot happen with the query's own where clause
    acc.requests += Number(r.requests);
    acc.errors += Number(r.errors);
    acc.retries += Number(r.retries);
    acc.fallbacks += Number(r.fallbacks);
    acc.costUsd += Number(r.costUsd);
    acc.cost[seriesOf(r.model)] += Number(r.costUsd);
    if (r.latencyHist) for (let i = 0; i < acc.latency.length; i++) acc.latency[i] += r.latencyHist[i] ?? 0;
  }
  const points: TimeseriesPoint[] = [...buckets].map(([t, a]) => ({
    t: new Date(t).toISOString(),
    requests: a.requests,
    costUsd: a.costUsd,
    cost: a.cost,
    latencyP50Ms: percentileFromHistogram(a.latency, LATENCY_MS_LAYOUT, 0.5),
    latencyP95Ms: percentileFromHistogram(a.latency, LATENCY_MS_LAYOUT, 0.95),
    latencyP99Ms: percentileFromHistogram(a.latency, LATENCY_MS_LAYOUT, 0.99),
    errorRate: ratio(a.errors, a.requests),
    fallbackRate: ratio(a.fallbacks, a.requests),
    retryRate: ratio(a.retries, a.requests),
  }));
  const counts = (h: readonly (number | null)[] | null) => (h ? h.map((c) => Number(c ?? 0)) : emptyHistogram(TOKENS_LAYOUT));
  return {
    granularity: range.granularity,
    series,
    points,
    tokens: { input: histogramBars(counts(tokenHists.input)), output: histogramBars(counts(tokenHists.output)) },
  };
}
