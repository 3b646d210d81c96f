// The health overview's arithmetic, pure: grouped rollup sums in, metrics with their previous-period
// comparison out. The database side (overview-query.ts) sums rollup rows per period × workflow × model;
// this module adds those up to per-workflow, per-model and total aggregates and turns each into the
// figures a product owner reads (cost per task, p95 latency, error rate by type, …).
//
// Conventions a reader of the numbers relies on:
//   - "No data" is null, never 0: a percentile with no latency recorded, a quality mean with no scores,
//     feedback with no thumbs up or down, every rate of a group with no requests.
//   - Rates are fractions of requests (0.031 = 3.1 %); the retry rate is retries per request (it can
//     exceed 1 when calls are retried several times).
//   - A change is `value − previous` (for rates: percentage points as a fraction); relativeChange is
//     change / |previous|, null when the previous value is 0 or unknown.
import { LATENCY_MS_LAYOUT, emptyHistogram } from "./latency-buckets";
import { percentileFromHistogram } from "./percentiles";

/** Summed rollup counters and histograms of some set of rows. */
export interface RollupAggregate {
  requests: number;
  errors: number;
  retries: number;
  fallbacks: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  latencySumMs: number;
  qualitySum: number;
  qualityCount: number;
  feedbackUp: number;
  feedbackDown: number;
  errorTypes: Record<string, number>;
  /** LATENCY_MS_LAYOUT counts. */
  latencyHist: number[];
  /** LATENCY_MS_LAYOUT counts. */
  ttftHist: number[];
}

export function emptyAggregate(): RollupAggregate {
  return {
    requests: 0,
    errors: 0,
    retries: 0,
    fallbacks: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    latencySumMs: 0,
    qualitySum: 0,
    qualityCount: 0,
    feedbackUp: 0,
    feedbackDown: 0,
    errorTypes: {},
    latencyHist: emptyHistogram(LATENCY_MS_LAYOUT),
    ttftHist: emptyHistogram(LATENCY_MS_LAYOUT),
  };
}

const COUNTERS = [
  "requests",
  "errors",
  "retries",
  "fallbacks",
  "inputTokens",
  "outputTokens",
  "costUsd",
  "latencySumMs",
  "qualitySum",
  "qualityCount",
  "feedbackUp",
  "feedbackDown",
] as const;

/** Adds `row` into `into` in place (histograms bucket by bucket; a missing array counts as zeros). */
export function addAggregate(into: RollupAggregate, row: Partial<RollupAggregate>): RollupAggregate {
  for (const key of COUNTERS) into[key] += Number(row[key] ?? 0);
  for (const [type, count] of Object.entries(row.errorTypes ?? {})) into.errorTypes[type] = (into.errorTypes[type] ?? 0) + Number(count);
  addInto(into.latencyHist, row.latencyHist);
  addInto(into.ttftHist, row.ttftHist);
  return into;
}

function addInto(target: number[], source: readonly (number | null)[] | null | undefined): void {
  if (!source) return;
  if (source.length !== target.length) throw new RangeError(`cannot add a histogram of ${source.length} buckets to one of ${target.length}`);
  for (let i = 0; i < target.length; i++) target[i] += source[i] ?? 0;
}

export interface ErrorTypeShare {
  type: string;
  count: number;
  /** count / requests. */
  rate: number | null;
}

export interface HealthMetrics {
  requests: number;
  errors: number;
  costUsd: number;
  /** costUsd / requests. */
  costPerTask: number | null;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  ttftP50Ms: number | null;
  ttftP95Ms: number | null;
  errorRate: number | null;
  retryRate: number | null;
  fallbackRate: number | null;
  inputTokens: number;
  outputTokens: number;
  /** Mean quality score (0..1) over the calls that carry one. */
  qualityMean: number | null;
  qualityCount: number;
  /** Thumbs up / down; null when the group has neither (feedback not collected). */
  feedbackUp: number | null;
  feedbackDown: number | null;
  /** up / (up + down). */
  feedbackPositiveShare: number | null;
  /** Most frequent first. */
  errorTypes: ErrorTypeShare[];
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function metricsOf(agg: RollupAggregate): HealthMetrics {
  const n = agg.requests;
  const feedback = agg.feedbackUp + agg.feedbackDown;
  return {
    requests: n,
    errors: agg.errors,
    costUsd: agg.costUsd,
    costPerTask: ratio(agg.costUsd, n),
    latencyP50Ms: percentileFromHistogram(agg.latencyHist, LATENCY_MS_LAYOUT, 0.5),
    latencyP95Ms: percentileFromHistogram(agg.latencyHist, LATENCY_MS_LAYOUT, 0.95),
    latencyP99Ms: percentileFromHistogram(agg.latencyHist, LATENCY_MS_LAYOUT, 0.99),
    ttftP50Ms: percentileFromHistogram(agg.ttftHist, LATENCY_MS_LAYOUT, 0.5),
    ttftP95Ms: percentileFromHistogram(agg.ttftHist, LATENCY_MS_LAYOUT, 0.95),
    errorRate: ratio(agg.errors, n),
    retryRate: ratio(agg.retries, n),
    fallbackRate: ratio(agg.fallbacks, n),
    inputTokens: agg.inputTokens,
    outputTokens: agg.outputTokens,
    qualityMean: ratio(agg.qualitySum, agg.qualityCount),
    qualityCount: agg.qualityCount,
    feedbackUp: feedback > 0 ? agg.feedbackUp : null,
    feedbackDown: feedback > 0 ? agg.feedbackDown : null,
    feedbackPositiveShare: ratio(agg.feedbackUp, feedback),
    errorTypes: Object.entries(agg.errorTypes)
      .filter(([, count]) => count > 0)
      .sort(([ta, a], [tb, b]) => b - a || (ta < tb ? -1 : 1))
      .map(([type, count]) => ({ type, count, rate: ratio(count, n) })),
  };
}

// ── Comparison with the previous period ─────────────────────────────────────

export const METRIC_KEYS = [
  "requests",
  "costUsd",
  "costPerTask",
  "latencyP50Ms",
  "latencyP95Ms",
  "latencyP99Ms",
  "ttftP50Ms",
  "ttftP95Ms",
  "errorRate",
  "retryRate",
  "fallbackRate",
  "inputTokens",
  "outputTokens",
  "qualityMean",
  "feedbackUp",
  "feedbackDown",
  "feedbackPositiveShare",
] as const satisfies readonly (keyof HealthMetrics)[];
export type MetricKey = (typeof METRIC_KEYS)[number];

export type MetricUnit = "count" | "usd" | "ms" | "rate" | "tokens" | "score";

/** How to show a metric and which way is good (colours the change arrow). */
export const METRIC_INFO: Record<MetricKey, { label: string; unit: MetricUnit; better: "higher" | "lower" | "neither" }> = {
  requests: { label: "Requests", unit: "count", better: "neither" },
  costUsd: { label: "Cost", unit: "usd", better: "lower" },
  costPerTask: { label: "Cost per task", unit: "usd", better: "lower" },
  latencyP50Ms: { label: "Latency p50", unit: "ms", better: "lower" },
  latencyP95Ms: { label: "Latency p95", unit: "ms", better: "lower" },
  latencyP99Ms: { label: "Latency p99", unit: "ms", better: "lower" },
  ttftP50Ms: { label: "Time to first token p50", unit: "ms", better: "lower" },
  ttftP95Ms: { label: "Time to first token p95", unit: "ms", better: "lower" },
  errorRate: { label: "Error rate", unit: "rate", better: "lower" },
  retryRate: { label: "Retry rate", unit: "rate", better: "lower" },
  fallbackRate: { label: "Fallback rate", unit: "rate", better: "lower" },
  inputTokens: { label: "Input tokens", unit: "tokens", better: "neither" },
  outputTokens: { label: "Output tokens", unit: "tokens", better: "neither" },
  qualityMean: { label: "Quality score", unit: "score", better: "higher" },
  feedbackUp: { label: "Thumbs up", unit: "count", better: "higher" },
  feedbackDown: { label: "Thumbs down", unit: "count", better: "lower" },
  feedbackPositiveShare: { label: "Positive feedback", unit: "rate", better: "higher" },
};

export interface MetricComparison {
  value: number | null;
  previous: number | null;
  /** value − previous; null when either is unknown. */
  change: number | null;
  /** change / |previous|; null when previous is 0 or unknown. */
  relativeChange: number | null;
}

export interface ErrorTypeComparison extends ErrorTypeShare {
  previousCount: number;
  previousRate: number | null;
  /** rate − previousRate (null when either period has no requests). */
  change: number | null;
}

export interface HealthComparison {
  metrics: Record<MetricKey, MetricComparison>;
  /** Error types seen in either period, most frequent now first. */
  errorTypes: ErrorTypeComparison[];
}

export function compareValues(value: number | null, previous: number | null): MetricComparison {
  const change = value === null || previous === null ? null : value - previous;
  return { value, previous, change, relativeChange: change === null || previous === 0 || previous === null ? null : change / Math.abs(previous) };
}

export function compareMetrics(current: HealthMetrics, previous: HealthMetrics): HealthComparison {
  const metrics = {} as Record<MetricKey, MetricComparison>;
  for (const key of METRIC_KEYS) metrics[key] = compareValues(current[key], previous[key]);
  const before = new Map(previous.errorTypes.map((e) => [e.type, e]));
  const types = new Map(current.errorTypes.map((e) => [e.type, e]));
  for (const e of previous.errorTypes) if (!types.has(e.type)) types.set(e.type, { type: e.type, count: 0, rate: ratio(0, current.requests) });
  const errorTypes = [...types.values()].map((e) => {
    const prior = before.get(e.type);
    const previousRate = prior ? prior.rate : ratio(0, previous.requests);
    return { ...e, previousCount: prior?.count ?? 0, previousRate, change: e.rate === null || previousRate === null ? null : e.rate - previousRate };
  });
  return { metrics, errorTypes };
}

// ── Grouping ────────────────────────────────────────────────────────────────

/** One row from the database: sums of the rollups of one period × workflow × model. */
export interface PeriodGroupRow extends RollupAggregate {
  period: "current" | "previous";
  workflow: string;
  model: string;
}

export interface OverviewGroups {
  totals: { current: RollupAggregate; previous: RollupAggregate };
  byWorkflow: Map<string, { current: RollupAggregate; previous: RollupAggregate }>;
  byModel: Map<string, { current: RollupAggregate; previous: RollupAggregate }>;
}

/** Folds period × workflow × model sums into per-workflow, per-model and overall sums, both periods. */
export function groupOverviewRows(rows: Iterable<PeriodGroupRow>): OverviewGroups {
  const pair = () => ({ current: emptyAggregate(), previous: emptyAggregate() });
  const totals = pair();
  const byWorkflow = new Map<string, ReturnType<typeof pair>>();
  const byModel = new Map<string, ReturnType<typeof pair>>();
  for (const row of rows) {
    const at = <K>(map: Map<K, ReturnType<typeof pair>>, key: K) => {
      let p = map.get(key);
      if (!p) map.set(key, (p = pair()));
      return p[row.period];
    };
    addAggregate(totals[row.period], row);
    addAggregate(at(byWorkflow, row.workflow), row);
    addAggregate(at(byModel, row.model), row);
  }
  return { totals, byWorkflow, byModel };
}

export interface WorkflowHealth extends HealthComparison {
  /** The workflow slug as logged ('' when the events named none). */
  workflow: string;
  workflowId: string | null;
  workflowName: string | null;
}

export interface ModelHealth extends HealthComparison {
  /** The requested model name as logged. */
  model: string;
  modelId: string | null;
  modelName: string | null;
}

export interface Overview {
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  totals: HealthComparison;
  byWorkflow: WorkflowHealth[];
  byModel: ModelHealth[];
}

export interface CatalogNames {
  workflows: Map<string, { id: string; name: string }>;
  models: Map<string, { id: string; name: string }>;
}

const comparisonOf = (p: { current: RollupAggregate; previous: RollupAggregate }) => compareMetrics(metricsOf(p.current), metricsOf(p.previous));

/** Most requests first, so the busiest rows lead when the caller does not sort. */
const byRequests = (a: HealthComparison, b: HealthComparison) => (b.metrics.requests.value ?? 0) - (a.metrics.requests.value ?? 0);

export function buildOverview(
  groups: OverviewGroups,
  range: { from: Date; to: Date },
  previous: { from: Date; to: Date },
  names: CatalogNames = { workflows: new Map(), models: new Map() },
): Overview {
  return {
    range: { from: range.from.toISOString(), to: range.to.toISOString() },
    previousRange: { from: previous.from.toISOString(), to: previous.to.toISOString() },
    totals: comparisonOf(groups.totals),
    byWorkflow: [...groups.byWorkflow]
      .map(([workflow, p]) => {
        const w = names.workflows.get(workflow);
        return { workflow, workflowId: w?.id ?? null, workflowName: w?.name ?? null, ...comparisonOf(p) };
      })
      .sort((a, b) => byRequests(a, b) || (a.workflow < b.workflow ? -1 : 1)),
    byModel: [...groups.byModel]
      .map(([model, p]) => {
        const m = names.models.get(model.toLowerCase());
        return { model, modelId: m?.id ?? null, modelName: m?.name ?? null, ...comparisonOf(p) };
      })
      .sort((a, b) => byRequests(a, b) || (a.model < b.model ? -1 : 1)),
  };
}
