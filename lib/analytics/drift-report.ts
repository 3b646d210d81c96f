// Drift report from summed histograms, pure: the rollup query and the raw-table query (drift-query.ts) both
// hand over one WindowHistograms per model × workflow × window, and this turns them into levels, the
// table the page sorts, and the overlaid histograms with their percentile shift.
//
// Per metric (docs/vocabulary.md, "Drift"):
//   latency, input tokens, output tokens, quality score
//       PSI over ≈ the baseline's deciles (psiFromHistograms groups whole buckets) and the KS statistic at
//       the bucket edges (ksFromHistograms). Sample size = calls with that value (quality: scored calls).
//   error type
//       categorical PSI over the per-call outcome: "no error" (requests − errors) and each error type. A
//       per-call distribution (not "the mix among failures") so that more failures of one kind moves it,
//       and a window with no failures still compares. KS does not apply to categories.
// A metric is judged only when both windows hold at least minSamples values; otherwise its level is
// "insufficient" ("not enough data"), shown with the counts rather than hidden. A model × workflow with
// traffic in one window only is listed apart (it did not drift; it started or stopped).
import { type DriftLevel, driftLevel, ksFromHistograms, ksPValue, psiFromCategories, psiFromHistograms } from "./drift";
import { DRIFT_METRICS } from "./drift-params";
import { type HistogramLayout, LATENCY_MS_LAYOUT, QUALITY_LAYOUT, TOKENS_LAYOUT, bucketBounds, histogramSize } from "./latency-buckets";
import { percentileFromHistogram } from "./percentiles";
import type { DriftMetric, DriftSort, DriftWindow } from "./drift-params";

export interface WindowHistograms {
  requests: number;
  errors: number;
  /** Failed calls by error type. */
  errorTypes: Record<string, number>;
  latencyHist: number[];
  inputTokenHist: number[];
  outputTokenHist: number[];
  qualityHist: number[];
}

export interface DriftGroupWindows {
  model: string;
  workflow: string;
  baseline: WindowHistograms | null;
  current: WindowHistograms | null;
}

export type MetricLevel = DriftLevel | "insufficient";

export interface DriftMetricResult {
  metric: DriftMetric;
  /** Null when not judged (not enough data). */
  psi: number | null;
  ks: number | null;
  /** Asymptotic p-value of KS at these sample sizes, for display. */
  ksPValue: number | null;
  level: MetricLevel;
  samples: { baseline: number; current: number };
  /** Percentiles of each window (numeric metrics with data; null otherwise). */
  percentiles: { p50: { baseline: number | null; current: number | null }; p95: { baseline: number | null; current: number | null } } | null;
}

export interface DriftGroupRow {
  model: string;
  workflow: string;
  requests: { baseline: number; current: number };
  /** Largest judged PSI across metrics; null when no metric had enough data. */
  maxPsi: number | null;
  /** Worst level across judged metrics; "insufficient" when none was judged. */
  level: MetricLevel;
  metrics: Record<DriftMetric, DriftMetricResult>;
}

export interface DriftReport {
  windows: { baseline: DriftWindow; current: DriftWindow };
  thresholds: { watch: number; alert: number };
  minSamples: number;
  /** Model × workflow pairs with traffic in both windows, most moved first. */
  rows: DriftGroupRow[];
  /** Pairs with traffic in only one window. */
  oneWindowOnly: { model: string; workflow: string; requests: { baseline: number; current: number } }[];
  counts: Record<MetricLevel, number>;
}

export const METRIC_INFO: Record<DriftMetric, { label: string; layout: HistogramLayout | null; hist: keyof WindowHistograms | null }> = {
  latency: { label: "Latency", layout: LATENCY_MS_LAYOUT, hist: "latencyHist" },
  inputTokens: { label: "Input tokens", layout: TOKENS_LAYOUT, hist: "inputTokenHist" },
  outputTokens: { label: "Output tokens", layout: TOKENS_LAYOUT, hist: "outputTokenHist" },
  quality: { label: "Quality score", layout: QUALITY_LAYOUT, hist: "qualityHist" },
  errorType: { label: "Error type", layout: null, hist: null },
};

export const LEVEL_LABELS: Record<MetricLevel, string> = { stable: "Stable", watch: "Watch", alert: "Alert", insufficient: "Not enough data" };

const LEVEL_RANK: Record<MetricLevel, number> = { insufficient: 0, stable: 1, watch: 2, alert: 3 };

/** Name of the "no error" category in the error-type distribution. */
export const NO_ERROR = "(no error)";

const sum = (values: readonly number[]) => values.reduce((s, x) => s + x, 0);

/** Histogram with exactly the layout's bucket count: short or null-padded arrays (rows older than a column) count as zeros. */
export function normaliseHistogram(values: readonly (number | null | undefined)[] | null | undefined, layout: HistogramLayout): number[] {
  const size = histogramSize(layout);
  const out = new Array<number>(size).fill(0);
  if (values) for (let i = 0; i < Math.min(size, values.length); i++) out[i] = Number(values[i] ?? 0);
  return out;
}

/** The per-call outcome distribution: "(no error)" plus each error type. */
export function outcomeCounts(w: Pick<WindowHistograms, "requests" | "errors" | "errorTypes">): Record<string, number> {
  const out: Record<string, number> = { ...w.errorTypes };
  out[NO_ERROR] = Math.max(0, w.requests - w.errors);
  return out;
}

function metricResult(
  metric: DriftMetric,
  b: WindowHistograms,
  c: WindowHistograms,
  thresholds: { watch: number; alert: number },
  minSamples: number,
): DriftMetricResult {
  const info = METRIC_INFO[metric];
  if (metric === "errorType") {
    const samples = { baseline: b.requests, current: c.requests };
    const enough = samples.baseline >= minSamples && samples.current >= minSamples;
    const psi = enough ? psiFromCategories(outcomeCounts(b), outcomeCounts(c)) : null;
    return { metric, psi, ks: null, ksPValue: null, level: psi === null ? "insufficient" : driftLevel(psi, thresholds), samples, percentiles: null };
  }
  const layout = info.layout as HistogramLayout;
  const hb = b[info.hist as "latencyHist"];
  const hc = c[info.hist as "latencyHist"];
  const samples = { baseline: sum(hb), current: sum(hc) };
  const pct = (h: number[], p: number) => percentileFromHistogram(h, layout, p);
  const percentiles =
    samples.baseline > 0 || samples.current > 0
      ? { p50: { baseline: pct(hb, 0.5), current: pct(hc, 0.5) }, p95: { baseline: pct(hb, 0.95), current: pct(hc, 0.95) } }
      : null;
  if (samples.baseline < minSamples || samples.current < minSamples) {
    return { metric, psi: null, ks: null, ksPValue: null, level: "insufficient", samples, percentiles };
  }
  const psi = psiFromHistograms(hb, hc, layout)?.psi ?? null;
  const ks = ksFromHistograms(hb, hc);
  return {
    metric,
    psi,
    ks,
    ksPValue: ks === null ? null : ksPValue(ks, samples.baseline, samples.current),
    level: psi === null ? "insufficient" : driftLevel(psi, thresholds),
    samples,
    percentiles,
  };
}

export function buildDriftReport(
  groups: readonly DriftGroupWindows[],
  options: { windows: { baseline: DriftWindow; current: DriftWindow }; thresholds: { watch: number; alert: number }; minSamples: number },
): DriftReport {
  const rows: DriftGroupRow[] = [];
  const oneWindowOnly: DriftReport["oneWindowOnly"] = [];
  const counts: Record<MetricLevel, number> = { stable: 0, watch: 0, alert: 0, insufficient: 0 };
  for (const g of groups) {
    const requests = { baseline: g.baseline?.requests ?? 0, current: g.current?.requests ?? 0 };
    if (!g.baseline || !g.current || requests.baseline === 0 || requests.current === 0) {
      if (requests.baseline > 0 || requests.current > 0) oneWindowOnly.push({ model: g.model, workflow: g.workflow, requests });
      continue;
    }
    const metrics = Object.fromEntries(
      DRIFT_METRICS.map((m) => [m, metricResult(m, g.baseline!, g.current!, options.thresholds, options.minSamples)]),
    ) as Record<DriftMetric, DriftMetricResult>;
    let maxPsi: number | null = null;
    let level: MetricLevel = "insufficient";
    for (const r of Object.values(metrics)) {
      counts[r.level]++;
      if (r.psi !== null && (maxPsi === null || r.psi > maxPsi)) maxPsi = r.psi;
      if (LEVEL_RANK[r.level] > LEVEL_RANK[level]) level = r.level;
    }
    rows.push({ model: g.model, workflow: g.workflow, requests, maxPsi, level, metrics });
  }
  rows.sort((a, b) => (b.maxPsi ?? -1) - (a.maxPsi ?? -1) || a.workflow.localeCompare(b.workflow) || a.model.localeCompare(b.model));
  oneWindowOnly.sort((a, b) => a.workflow.localeCompare(b.workflow) || a.model.localeCompare(b.model));
  return { windows: options.windows, thresholds: options.thresholds, minSamples: options.minSamples, rows, oneWindowOnly, counts };
}

// ─── The page's table: one row per model × workflow × metric ────────────────────

export interface DriftTableRow extends DriftMetricResult {
  model: string;
  workflow: string;
}

export function driftTableRows(report: Pick<DriftReport, "rows">): DriftTableRow[] {
  return report.rows.flatMap((g) => DRIFT_METRICS.map((m) => ({ ...g.metrics[m], model: g.model, workflow: g.workflow })));
}

/**
 * Sorts table rows. Numeric sorts put "not enough data" (null) last in either direction, so the rows that
 * can be judged stay on top; ties fall back to workflow, model, then the metric order.
 */
export function sortDriftRows(rows: readonly DriftTableRow[], sort: DriftSort, dir: "asc" | "desc"): DriftTableRow[] {
  const sign = dir === "asc" ? 1 : -1;
  const metricIndex = (m: DriftMetric) => DRIFT_METRICS.indexOf(m);
  const tie = (a: DriftTableRow, b: DriftTableRow) =>
    a.workflow.localeCompare(b.workflow) || a.model.localeCompare(b.model) || metricIndex(a.metric) - metricIndex(b.metric);
  const numeric = (pick: (r: DriftTableRow) => number | null) => (a: DriftTableRow, b: DriftTableRow) => {
    const x = pick(a);
    const y = pick(b);
    if (x === null && y === null) return tie(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || tie(a, b);
  };
  const text = (pick: (r: DriftTableRow) => string) => (a: DriftTableRow, b: DriftTableRow) => sign * pick(a).localeCompare(pick(b)) || tie(a, b);
  const compare = {
    psi: numeric((r) => r.psi),
    ks: numeric((r) => r.ks),
    current: numeric((r) => r.samples.current),
    model: text((r) => r.model),
    workflow: text((r) => r.workflow),
    metric: (a: DriftTableRow, b: DriftTableRow) => sign * (metricIndex(a.metric) - metricIndex(b.metric)) || tie(a, b),
  }[sort];
  return [...rows].sort(compare);
}

// ─── Overlaid histograms ───────────────────────────────────────────────────────

export interface OverlayBar {
  /** Readable bucket range, e.g. "112–126 ms". */
  label: string;
  /** Share of the window's calls in this bucket, 0..1. */
  baseline: number;
  current: number;
}

const trim = (x: number) => Number(x.toPrecision(3)).toString();

/** A value in the layout's unit, short: 850 ms, 1.2 s, 2.5 min; 950, 1.2k, 2M tokens; 0.85. */
export function formatBucketValue(value: number, unit: string): string {
  if (unit === "ms") {
    if (value < 1000) return `${trim(value)} ms`;
    if (value < 60_000) return `${trim(value / 1000)} s`;
    return `${trim(value / 60_000)} min`;
  }
  if (unit === "tokens") {
    if (value < 1000) return trim(value);
    if (value < 1_000_000) return `${trim(value / 1000)}k`;
    return `${trim(value / 1_000_000)}M`;
  }
  return value.toFixed(2);
}

/** "112–126 ms", "1.12k–1.26k tokens", "0.80–0.85"; the open ends read "< 1 ms", "≥ 1000 s", "0 tokens". */
export function bucketRangeLabel(lower: number, upper: number, layout: HistogramLayout): string {
  const unit = layout.unit;
  const suffix = (text: string) => (unit === "tokens" ? `${text} tokens` : text);
  if (!Number.isFinite(upper)) return suffix(`≥ ${formatBucketValue(lower, unit)}`);
  if (lower === 0 && unit === "tokens" && upper <= 1) return "0 tokens";
  // Token counts are whole numbers: below 1,000 name the integers a bucket holds ("112–125 tokens").
  if (unit === "tokens" && upper <= 1000) {
    const first = Math.ceil(lower);
    const last = Math.ceil(upper) - 1;
    if (first === last) return `${first} token${first === 1 ? "" : "s"}`;
    if (first < last) return `${first}–${last} tokens`;
  }
  if (lower === 0 && unit === "ms") return `< ${formatBucketValue(upper, unit)}`;
  const lo = formatBucketValue(lower, unit);
  const hi = formatBucketValue(upper, unit);
  // "112–126 ms": the unit once, when both ends share it.
  const loParts = lo.split(" ");
  const hiParts = hi.split(" ");
  const joined = loParts.length === 2 && hiParts.length === 2 && loParts[1] === hiParts[1] ? `${loParts[0]}–${hi}` : `${lo}–${hi}`;
  return suffix(joined);
}

/**
 * Both histograms as shares per bucket, over the range where either has calls; neighbouring buckets are
 * merged (pairs, triples, …) until at most maxBars remain, so a chart stays readable.
 */
export function overlayBars(baseline: readonly number[], current: readonly number[], layout: HistogramLayout, maxBars = 32): OverlayBar[] {
  const nb = sum(baseline);
  const nc = sum(current);
  const bars: OverlayBar[] = [];
  // Zero tokens (failed calls, mostly) is its own bar, so the long run of empty buckets between 0 and the
  // first real token count does not stretch the chart.
  let startAt = 0;
  if (layout.unit === "tokens" && (baseline[0] > 0 || current[0] > 0)) {
    bars.push({ label: "0 tokens", baseline: nb ? baseline[0] / nb : 0, current: nc ? current[0] / nc : 0 });
    startAt = 1;
  }
  let first = -1;
  let last = -1;
  for (let i = startAt; i < baseline.length; i++) {
    if (baseline[i] > 0 || current[i] > 0) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return bars;
  const span = last - first + 1;
  const width = Math.ceil(span / (maxBars - bars.length));
  for (let start = first; start <= last; start += width) {
    const end = Math.min(last, start + width - 1);
    let b = 0;
    let c = 0;
    for (let i = start; i <= end; i++) {
      b += baseline[i];
      c += current[i];
    }
    bars.push({
      label: bucketRangeLabel(bucketBounds(start, layout).lower, bucketBounds(end, layout).upper, layout),
      baseline: nb ? b / nb : 0,
      current: nc ? c / nc : 0,
    });
  }
  return bars;
}

/** The outcome distribution of both windows as shares, "(no error)" first, then by combined count. */
export function outcomeBars(baseline: WindowHistograms, current: WindowHistograms): OverlayBar[] {
  const b = outcomeCounts(baseline);
  const c = outcomeCounts(current);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(c)])].sort(
    (x, y) => Number(y === NO_ERROR) - Number(x === NO_ERROR) || (c[y] ?? 0) + (b[y] ?? 0) - ((c[x] ?? 0) + (b[x] ?? 0)) || x.localeCompare(y),
  );
  return keys.map((k) => ({
    label: k,
    baseline: baseline.requests ? (b[k] ?? 0) / baseline.requests : 0,
    current: current.requests ? (c[k] ?? 0) / current.requests : 0,
  }));
}

export interface DriftDetail {
  model: string;
  workflow: string;
  metric: DriftMetric;
  result: DriftMetricResult;
  bars: OverlayBar[];
  unit: string;
}

/** The selected row's chart data; null when that model × workflow × metric is not in the report. */
export function driftDetail(
  report: DriftReport,
  groups: readonly DriftGroupWindows[],
  show: { metric: DriftMetric; model: string; workflow: string },
): DriftDetail | null {
  const row = report.rows.find((r) => r.model === show.model && r.workflow === show.workflow);
  const group = groups.find((g) => g.model === show.model && g.workflow === show.workflow);
  if (!row || !group?.baseline || !group.current) return null;
  const info = METRIC_INFO[show.metric];
  const bars =
    info.layout && info.hist
      ? overlayBars(group.baseline[info.hist] as number[], group.current[info.hist] as number[], info.layout)
      : outcomeBars(group.baseline, group.current);
  return { model: row.model, workflow: row.workflow, metric: show.metric, result: row.metrics[show.metric], bars, unit: info.layout?.unit ?? "" };
}
