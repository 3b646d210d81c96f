// The evaluation gate (docs/vocabulary.md, "Evaluation run and gate"): the one rule that says whether a run's
// metrics meet a workflow's quality bar. Pure: the upload service, the demo seed and anything that
// re-checks a run all call computeGate, and nothing else decides a gate.
//
// Each thresholded metric is checked against
//   - its absolute bounds, inclusive: value ≥ min, value ≤ max;
//   - its largest allowed regression against the baseline run: for a higher-is-better metric the drop
//     (baseline − value), for a lower-is-better one the rise (value − baseline), must be ≤ maxRegression.
// Direction: `direction` when given; else "higher" when min is set, "lower" when only max is set, and
// "higher" for a threshold that has only maxRegression (give `direction: "lower"` for metrics such as
// latency or cost that only carry a regression bound).
// Decisions where the rule could go either way:
//   - a thresholded metric missing from the run fails ("metric x is missing from the run");
//   - no baseline run, or a baseline without the metric: the regression is not checked (a note says so)
//     and the absolute bounds still decide; the gate does not fail for want of a baseline;
//   - metrics without a threshold are kept as raw scores (listed in `ungated`) and never gate;
//   - deltas are rounded to 12 significant digits before they are compared, so 0.90 − 0.88 counts as the
//     0.02 it is and not 0.020000000000000018 (bounds are inclusive, as a person reading them expects);
//   - non-finite numbers never get here: the input schema refuses them.
// The overall gate passes only when every thresholded metric passes.

export type Direction = "higher" | "lower";

export interface MetricThreshold {
  min?: number;
  max?: number;
  /** Largest allowed regression against the baseline run, in the metric's own unit (not a ratio). */
  maxRegression?: number;
  direction?: Direction;
}

export interface MetricVerdict {
  metric: string;
  value: number | null;
  baseline: number | null;
  min?: number;
  max?: number;
  maxRegression?: number;
  direction: Direction;
  /** value − baseline (signed), when both are known. */
  delta: number | null;
  passed: boolean;
  /** Why it failed, plus notes such as "no baseline value; regression not checked". Empty when it simply passed. */
  reasons: string[];
}

export interface GateResult {
  passed: boolean;
  /** One verdict per thresholded metric, in the thresholds' order. */
  metrics: MetricVerdict[];
  /** Names of the metrics that failed. */
  failing: string[];
  /** Metrics of the run that carry no threshold: raw scores, kept but not gating. */
  ungated: string[];
}

export const NO_BASELINE_VALUE = "no baseline value; regression not checked";
export const NO_BASELINE_RUN = "no baseline run; regression not checked";

/** Rounds away binary floating-point noise (0.1 + 0.2) while keeping every digit a person would type. */
export function clean(n: number): number {
  return Number(n.toPrecision(12));
}

export function formatMetricValue(n: number): string {
  return String(clean(n));
}

export function directionOf(threshold: MetricThreshold): Direction {
  if (threshold.direction) return threshold.direction;
  if (threshold.min !== undefined) return "higher";
  if (threshold.max !== undefined) return "lower";
  return "higher";
}

export function checkMetric(metric: string, value: number | undefined, threshold: MetricThreshold, baseline?: Record<string, number> | null): MetricVerdict {
  const direction = directionOf(threshold);
  const base = baseline?.[metric];
  const verdict: MetricVerdict = {
    metric,
    value: value ?? null,
    baseline: base ?? null,
    ...(threshold.min !== undefined ? { min: threshold.min } : {}),
    ...(threshold.max !== undefined ? { max: threshold.max } : {}),
    ...(threshold.maxRegression !== undefined ? { maxRegression: threshold.maxRegression } : {}),
    direction,
    delta: value !== undefined && base !== undefined ? clean(value - base) : null,
    passed: true,
    reasons: [],
  };
  const fail = (reason: string) => {
    verdict.passed = false;
    verdict.reasons.push(reason);
  };
  if (value === undefined) {
    fail(`metric ${metric} is missing from the run`);
    return verdict;
  }
  if (threshold.min !== undefined && value < threshold.min) {
    fail(`${metric} ${formatMetricValue(value)} is below the minimum ${formatMetricValue(threshold.min)}`);
  }
  if (threshold.max !== undefined && value > threshold.max) {
    fail(`${metric} ${formatMetricValue(value)} is above the maximum ${formatMetricValue(threshold.max)}`);
  }
  if (threshold.maxRegression !== undefined) {
    if (!baseline) verdict.reasons.push(NO_BASELINE_RUN);
    else if (base === undefined) verdict.reasons.push(NO_BASELINE_VALUE);
    else {
      const regression = clean(direction === "higher" ? base - value : value - base);
      if (regression > threshold.maxRegression) {
        fail(
          `${metric} regressed by ${formatMetricValue(regression)} against the baseline, more than the ${formatMetricValue(threshold.maxRegression)} allowed`,
        );
      }
    }
  }
  return verdict;
}

export function computeGate(
  metrics: Record<string, number>,
  thresholds: Record<string, MetricThreshold>,
  baseline?: Record<string, number> | null,
): GateResult {
  const verdicts = Object.entries(thresholds).map(([metric, threshold]) =>
    checkMetric(metric, Object.hasOwn(metrics, metric) ? metrics[metric] : undefined, threshold, baseline),
  );
  const failing = verdicts.filter((v) => !v.passed).map((v) => v.metric);
  return {
    passed: failing.length === 0,
    metrics: verdicts,
    failing,
    ungated: Object.keys(metrics).filter((metric) => !Object.hasOwn(thresholds, metric)),
  };
}

/**
 * A stored gateResult column read back for display. Runs written before this module (the first demo seed)
 * kept `{ [metric]: { value, min?, max?, maxRegression?, baseline?, passed } }`; those are recomputed from
 * the run's metrics and thresholds, which is what they were computed from. Returns null for anything
 * unrecognisable.
 */
export function readGateResult(
  stored: unknown,
  recompute?: { metrics: Record<string, number>; thresholds: Record<string, MetricThreshold>; baseline?: Record<string, number> | null },
): GateResult | null {
  if (isRecord(stored) && typeof stored.passed === "boolean" && Array.isArray(stored.metrics) && Array.isArray(stored.failing)) {
    return { ...(stored as unknown as GateResult), ungated: Array.isArray(stored.ungated) ? (stored.ungated as string[]) : [] };
  }
  if (isRecord(stored) && recompute) return computeGate(recompute.metrics, recompute.thresholds, recompute.baseline);
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A stored gateResult as metric → verdict, whatever shape it was stored in (this module's GateResult, or
 * the older `{ [metric]: { passed, … } }`). For code that looks one metric's verdict up by name.
 */
export function gateVerdictsByMetric(stored: unknown): Record<string, { passed: boolean } & Partial<MetricVerdict>> {
  if (!isRecord(stored)) return {};
  if (Array.isArray(stored.metrics) && typeof stored.passed === "boolean") {
    return Object.fromEntries((stored.metrics as MetricVerdict[]).map((verdict) => [verdict.metric, verdict]));
  }
  const out: Record<string, { passed: boolean } & Partial<MetricVerdict>> = {};
  for (const [metric, verdict] of Object.entries(stored)) {
    if (isRecord(verdict) && typeof verdict.passed === "boolean") out[metric] = verdict as { passed: boolean } & Partial<MetricVerdict>;
  }
  return out;
}

/** Notes a verdict carries beside its reasons: they explain what was not checked, never why it failed. */
const NOTES: readonly string[] = [NO_BASELINE_VALUE, NO_BASELINE_RUN];

/** The first reason a failed gate gives (for a one-line summary), or null when it passed. */
export function firstFailureReason(gate: GateResult): string | null {
  if (gate.passed) return null;
  return gate.metrics.filter((m) => !m.passed).flatMap((m) => m.reasons.filter((r) => !NOTES.includes(r)))[0] ?? null;
}
