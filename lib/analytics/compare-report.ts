// A/B (canary) comparison report, pure: per-arm figures in, one row per metric out, each with its
// difference (B − A; A is the control), a confidence interval, whether it is significant and a sentence
// saying so. The tests come from ab-test.ts:
//   error, fallback and retry rate   twoProportionTest (pooled z, Newcombe CI); the calls still needed per
//                                    arm from sampleSizePerArm / remainingPerArm (power 80 %) for the
//                                    observed difference, or for the error rate the minimum detectable
//                                    effect the user set
//   median latency                   Mann–Whitney U on the latency sample, bootstrap CI of the median
//                                    difference (compareLatency)
//   mean latency, cost per call,     Welch's difference of means, large-sample (normal) form, below; only
//   quality score                    with at least MIN_WELCH_N values per arm, where the normal quantile is
//                                    within 2 % of Student's t
// Retry rate is the share of calls retried at least once (a proportion), not retries per call.
import { type Interval, bootstrapMedianDifferenceCI, mannWhitneyU, remainingPerArm, sampleSizePerArm, twoProportionTest } from "./ab-test";
import { normalQuantile, twoSidedP } from "./normal";

export const MIN_WELCH_N = 30;
export const POWER = 0.8;

export interface MeanSummary {
  n: number;
  mean: number | null;
  /** Sample variance (n − 1 denominator); null when n < 2. */
  variance: number | null;
}

export interface ArmFigures {
  /** The arm's model or bundle. */
  label: string;
  calls: number;
  errors: number;
  fallbacks: number;
  /** Calls with retries > 0. */
  retried: number;
  /** Successful calls with a latency: exact mean, variance and percentiles (from SQL). */
  latency: MeanSummary & { p50: number | null; p95: number | null };
  /** Latencies of successful calls, a deterministic random sample of at most the cap. */
  latencySample: number[];
  cost: MeanSummary;
  quality: MeanSummary;
}

export interface WelchResult {
  difference: number;
  ci: Interval;
  z: number;
  pValue: number;
  significant: boolean;
}

/**
 * Welch's difference of two means, b − a, large-sample form: SE = √(s²a/na + s²b/nb), z = d/SE,
 * p = 2(1 − Φ(|z|)), CI = d ± z(1−α/2)·SE. Null below MIN_WELCH_N values in either arm (where Student's t
 * with Welch–Satterthwaite degrees of freedom would be needed). Both variances 0: SE 0, so z = 0 and p = 1
 * when the means are equal, and the difference is certain (p = 0) when they are not.
 */
export function welchMeanDifference(a: MeanSummary, b: MeanSummary, alpha = 0.05): WelchResult | null {
  if (a.n < MIN_WELCH_N || b.n < MIN_WELCH_N || a.mean === null || b.mean === null || a.variance === null || b.variance === null) return null;
  const d = b.mean - a.mean;
  const se = Math.sqrt(a.variance / a.n + b.variance / b.n);
  const zc = normalQuantile(1 - alpha / 2);
  if (se === 0) return { difference: d, ci: { lower: d, upper: d }, z: 0, pValue: d === 0 ? 1 : 0, significant: d !== 0 };
  const z = d / se;
  const pValue = twoSidedP(z);
  return { difference: d, ci: { lower: d - zc * se, upper: d + zc * se }, z, pValue, significant: pValue < alpha };
}

export type MetricKey = "requests" | "errorRate" | "fallbackRate" | "retryRate" | "latencyP50" | "latencyP95" | "latencyMean" | "costPerCall" | "quality";
export type MetricUnit = "calls" | "rate" | "ms" | "usd" | "score";
/** better / worse: significant and in that direction; unclear: not significant; none: no test (info only). */
export type Assessment = "better" | "worse" | "unclear" | "insufficient" | "none";

export interface MetricComparison {
  key: MetricKey;
  label: string;
  unit: MetricUnit;
  a: number | null;
  b: number | null;
  /** b − a. */
  difference: number | null;
  ci: Interval | null;
  pValue: number | null;
  significant: boolean | null;
  test: string;
  /** Rates only: calls per arm for 80 % power at this alpha, and how many more each arm still needs. */
  sampleSize: { required: number | null; remaining: number | null; forDifference: number; fromMde: boolean } | null;
  assessment: Assessment;
  verdict: string;
}

export interface CompareReport {
  alpha: number;
  armA: string;
  armB: string;
  rows: MetricComparison[];
  /** Latency values used for the rank test and bootstrap, per arm, and the total successful calls. */
  latencySample: { a: number; b: number; totalA: number; totalB: number; bootstrapA: number; bootstrapB: number };
}

// ─── Wording ─────────────────────────────────────────────────────────────────────

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const confidence = (alpha: number) => `${Math.round((1 - alpha) * 100)} %`;
const pText = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`);

/** A rate as a percentage: 2.3 %, 0.45 % (more digits below 1 %). */
export function formatRate(rate: number): string {
  const pct = rate * 100;
  return `${pct === 0 ? "0" : pct < 1 ? pct.toFixed(2) : pct.toFixed(1)} %`;
}

/** A difference of rates in percentage points: "1.2 points", "0.35 points". */
export function formatPoints(diff: number): string {
  const pts = Math.abs(diff) * 100;
  return `${pts < 1 ? pts.toFixed(2) : pts.toFixed(1)} point${pts === 1 ? "" : "s"}`;
}

/** The same as an adjective: "a 1.2-point difference". */
const pointsAdjective = (diff: number) => formatPoints(diff).replace(/ points?$/, "-point");

export function formatValue(value: number, unit: MetricUnit): string {
  switch (unit) {
    case "calls":
      return int(value);
    case "rate":
      return formatRate(value);
    case "ms":
      return Math.abs(value) >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value).toLocaleString("en-US")} ms`;
    case "usd":
      return `$${Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(2)}`;
    case "score":
      return value.toFixed(3);
  }
}

function rateRow(
  key: MetricKey,
  label: string,
  noun: string,
  a: { count: number; total: number },
  b: { count: number; total: number },
  armB: string,
  alpha: number,
  mde: number | null,
): MetricComparison {
  const base = { key, label, unit: "rate" as const, test: "Two-proportion z-test, Newcombe CI" };
  if (a.total === 0 || b.total === 0) {
    return {
      ...base,
      a: null,
      b: null,
      difference: null,
      ci: null,
      pValue: null,
      significant: null,
      sampleSize: null,
      assessment: "insufficient",
      verdict: "Not enough data: an arm has no calls.",
    };
  }
  const t = twoProportionTest(a, b, { alpha });
  const fromMde = mde !== null;
  const target = fromMde ? Math.min(1, t.rateA + (mde as number) / 100) : t.rateB;
  const required = sampleSizePerArm(t.rateA, target, { alpha, power: POWER });
  const remaining = remainingPerArm(required, a.total, b.total);
  const forDifference = Math.abs(target - t.rateA);
  const sampleSize = { required, remaining, forDifference, fromMde };
  const row = { ...base, a: t.rateA, b: t.rateB, difference: t.difference, ci: t.ci, pValue: t.pValue, significant: t.significant, sampleSize };
  const both = `${formatRate(t.rateB)} vs ${formatRate(t.rateA)}`;
  if (t.significant) {
    const lower = t.difference < 0;
    return {
      ...row,
      assessment: lower ? "better" : "worse",
      verdict: `${armB}'s ${noun} is ${formatPoints(t.difference)} ${lower ? "lower" : "higher"} (${both}), significant at ${confidence(alpha)} (${pText(t.pValue)}).`,
    };
  }
  if (a.count === 0 && b.count === 0)
    return {
      ...row,
      assessment: "unclear",
      verdict: `No ${noun === "error rate" ? "errors" : noun === "fallback rate" ? "fallbacks" : "retried calls"} in either arm.`,
    };
  const sizeText =
    required === null
      ? ""
      : remaining && remaining > 0
        ? `: ~${int(remaining)} more calls per arm needed to detect a ${pointsAdjective(forDifference)} difference${fromMde ? " (the minimum you set)" : ""}`
        : `, although each arm has the ${int(required)} calls needed to detect a ${pointsAdjective(forDifference)} difference ${Math.round(POWER * 100)} % of the time`;
  if (t.difference === 0) return { ...row, assessment: "unclear", verdict: `No difference observed (both ${formatRate(t.rateA)})${sizeText}.` };
  const yet = remaining && remaining > 0 ? "Not significant yet" : "No significant difference";
  return { ...row, assessment: "unclear", verdict: `${yet} (${pText(t.pValue)}; ${both})${sizeText}.` };
}

function meanRow(
  key: MetricKey,
  label: string,
  noun: string,
  unit: MetricUnit,
  a: MeanSummary,
  b: MeanSummary,
  armB: string,
  alpha: number,
  higherIsBetter: boolean,
): MetricComparison {
  const base = { key, label, unit, test: `Welch difference of means (n ≥ ${MIN_WELCH_N} per arm)`, sampleSize: null };
  const w = welchMeanDifference(a, b, alpha);
  if (!w) {
    return {
      ...base,
      a: a.mean,
      b: b.mean,
      difference: a.mean !== null && b.mean !== null ? b.mean - a.mean : null,
      ci: null,
      pValue: null,
      significant: null,
      assessment: "insufficient",
      verdict: `Not enough data: ${int(a.n)} and ${int(b.n)} ${key === "quality" ? "scored calls" : "calls"}; the test needs ${MIN_WELCH_N} per arm.`,
    };
  }
  const row = { ...base, a: a.mean, b: b.mean, difference: w.difference, ci: w.ci, pValue: w.pValue, significant: w.significant };
  const both = `${formatValue(b.mean as number, unit)} vs ${formatValue(a.mean as number, unit)}`;
  const amount = formatValue(Math.abs(w.difference), unit);
  if (w.significant) {
    const higher = w.difference > 0;
    return {
      ...row,
      assessment: higher === higherIsBetter ? "better" : "worse",
      verdict: `${armB}'s ${noun} is ${amount} ${higher ? "higher" : "lower"} (${both}), significant at ${confidence(alpha)} (${pText(w.pValue)}).`,
    };
  }
  return { ...row, assessment: "unclear", verdict: `No significant difference in ${noun} (${pText(w.pValue)}; ${both}).` };
}

/** Builds every metric row. `bootstrapCap` limits the values per arm the bootstrap resamples (cost is linear in it). */
export function buildCompareReport(
  a: ArmFigures,
  b: ArmFigures,
  options: { alpha: number; mde: number | null; bootstrapCap?: number; resamples?: number },
): CompareReport {
  const { alpha, mde } = options;
  const bootstrapCap = options.bootstrapCap ?? 10_000;
  const rows: MetricComparison[] = [];
  rows.push({
    key: "requests",
    label: "Calls",
    unit: "calls",
    a: a.calls,
    b: b.calls,
    difference: b.calls - a.calls,
    ci: null,
    pValue: null,
    significant: null,
    test: "—",
    sampleSize: null,
    assessment: "none",
    verdict: a.calls + b.calls === 0 ? "No calls in either arm." : `${b.label} took ${formatRate(b.calls / (a.calls + b.calls))} of the two arms' calls.`,
  });
  rows.push(rateRow("errorRate", "Error rate", "error rate", { count: a.errors, total: a.calls }, { count: b.errors, total: b.calls }, b.label, alpha, mde));
  rows.push(
    rateRow(
      "fallbackRate",
      "Fallback rate",
      "fallback rate",
      { count: a.fallbacks, total: a.calls },
      { count: b.fallbacks, total: b.calls },
      b.label,
      alpha,
      null,
    ),
  );
  rows.push(
    rateRow(
      "retryRate",
      "Retry rate (calls retried)",
      "retry rate",
      { count: a.retried, total: a.calls },
      { count: b.retried, total: b.calls },
      b.label,
      alpha,
      null,
    ),
  );

  // Median latency: rank test on the whole sample, bootstrap CI on its first `bootstrapCap` values (the
  // sample is in random order, so a prefix is a random subsample; the bootstrap's cost is linear in it).
  const p50Base = {
    key: "latencyP50" as const,
    label: "Latency p50 (successful calls)",
    unit: "ms" as const,
    test: "Mann–Whitney U, bootstrap CI of the median difference",
    sampleSize: null,
  };
  const mw = mannWhitneyU(a.latencySample, b.latencySample);
  const boot = mw
    ? bootstrapMedianDifferenceCI(a.latencySample.slice(0, bootstrapCap), b.latencySample.slice(0, bootstrapCap), {
        confidence: 1 - alpha,
        resamples: options.resamples,
      })
    : null;
  if (!mw || !boot || a.latency.p50 === null || b.latency.p50 === null) {
    rows.push({
      ...p50Base,
      a: a.latency.p50,
      b: b.latency.p50,
      difference: null,
      ci: null,
      pValue: null,
      significant: null,
      assessment: "insufficient",
      verdict: "Not enough data: an arm has no successful calls with a latency.",
    });
  } else {
    // The medians shown are exact (SQL, every successful call); the test and the interval use the sample.
    // The direction comes from the ranks (U_B > U_A: B's calls tend to be slower); the median usually agrees.
    const d = b.latency.p50 - a.latency.p50;
    const significant = mw.pValue < alpha;
    const bSlower = mw.uB > mw.uA;
    const both = `${formatValue(b.latency.p50, "ms")} vs ${formatValue(a.latency.p50, "ms")}`;
    const test = `significant at ${confidence(alpha)} (Mann–Whitney ${pText(mw.pValue)})`;
    let verdict: string;
    if (!significant) verdict = `No significant difference in latency (Mann–Whitney ${pText(mw.pValue)}; median ${both}).`;
    else if (d !== 0 && d > 0 === bSlower)
      verdict = `${b.label}'s median latency is ${formatValue(Math.abs(d), "ms")} ${d > 0 ? "higher" : "lower"} (${both}), ${test}.`;
    else verdict = `${b.label}'s latencies are ${bSlower ? "higher" : "lower"} overall (median ${both}), ${test}.`;
    rows.push({
      ...p50Base,
      a: a.latency.p50,
      b: b.latency.p50,
      difference: d,
      ci: { lower: boot.lower, upper: boot.upper },
      pValue: mw.pValue,
      significant,
      assessment: significant ? (bSlower ? "worse" : "better") : "unclear",
      verdict,
    });
  }
  rows.push({
    key: "latencyP95",
    label: "Latency p95 (successful calls)",
    unit: "ms",
    a: a.latency.p95,
    b: b.latency.p95,
    difference: a.latency.p95 !== null && b.latency.p95 !== null ? b.latency.p95 - a.latency.p95 : null,
    ci: null,
    pValue: null,
    significant: null,
    test: "—",
    sampleSize: null,
    assessment: "none",
    verdict: "For reference; the test on latency is the rank test on the median row.",
  });
  rows.push(meanRow("latencyMean", "Latency mean (successful calls)", "mean latency", "ms", a.latency, b.latency, b.label, alpha, false));
  rows.push(meanRow("costPerCall", "Cost per call (task)", "cost per call", "usd", a.cost, b.cost, b.label, alpha, false));
  rows.push(meanRow("quality", "Quality score", "mean quality score", "score", a.quality, b.quality, b.label, alpha, true));
  return {
    alpha,
    armA: a.label,
    armB: b.label,
    rows,
    latencySample: {
      a: a.latencySample.length,
      b: b.latencySample.length,
      totalA: a.latency.n,
      totalB: b.latency.n,
      bootstrapA: Math.min(bootstrapCap, a.latencySample.length),
      bootstrapB: Math.min(bootstrapCap, b.latencySample.length),
    },
  };
}
