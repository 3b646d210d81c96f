// Drift of a per-call distribution between a baseline window and the current one (docs/vocabulary.md, "Drift"):
// population stability index over the baseline's deciles, and the two-sample Kolmogorov–Smirnov statistic.
// PSI ≥ 0.1 is "watch", ≥ 0.2 is "alert"; both thresholds are settable.
//
// PSI = Σ_i (a_i − e_i) · ln(a_i / e_i), where e_i and a_i are the baseline ("expected") and current
// ("actual") shares of bin i. A share of 0 would make the log infinite, so each share is floored at
// epsilon (default 1e-4, i.e. "one call in ten thousand"). The floored shares are NOT renormalised, which
// keeps a hand computation simple. The floor only matters for a bin that is (nearly) empty on one side, and
// there it sets how large the PSI gets: a bin with 10 % of the baseline and none of the current calls
// contributes (0.1 − 1e-4)·ln(0.1 / 1e-4) ≈ 0.69, an alert on its own, as it should be.
//
// Bins for numeric values (`psi`): cut points at the baseline's k/bins quantiles (type-7, percentiles.ts),
// k = 1 … bins−1. Bins are right-closed: (−∞, c1], (c1, c2], …, (c_{last}, +∞). Ties: when many baseline
// values are equal (e.g. 40 % of calls have 0 output tokens) several cut points coincide; duplicates are
// dropped, so those deciles merge into one bin holding the whole point mass. Right-closed bins put a tied
// value into the bin that ends at it, so a point mass is never split across bins. The result may therefore
// have fewer than `bins` bins; `psiDetail` returns the edges actually used.
//
// Bins for rollups (`psiFromHistograms`): the same idea on bucket counts; whole histogram buckets are
// grouped until each group holds ≈ 1/bins of the baseline (a bucket is never split, so a heavy bucket
// plays the part of a tie).
//
// Categorical (`psiFromCategories`, e.g. error types): the categories are the union of both sides; a
// category missing on one side has share 0 there and is floored at epsilon like an empty bin.
//
// KS: D = sup_x |F_a(x) − F_b(x)| over the two empirical CDFs, evaluated after *all* values equal to x
// have been counted on both sides (so ties between the samples do not inflate D). `ksPValue` uses the
// asymptotic Kolmogorov distribution with the effective size n·m/(n+m); it is for display ("how unusual is
// this D"), not for a decision on small samples, where it is conservative.

import { percentile, sortedCopy } from "./percentiles";
import type { HistogramLayout } from "./latency-buckets";

export const DEFAULT_PSI_EPSILON = 1e-4;

export interface PsiOptions {
  /** Number of baseline quantile bins before duplicate cut points are merged. Default 10 (deciles). */
  bins?: number;
  /** Floor for a zero share. Default 1e-4. */
  epsilon?: number;
}

export interface PsiDetail {
  psi: number;
  /** Inner cut points actually used (after dropping duplicates); bins are right-closed. */
  edges: number[];
  /** Baseline share per bin (before the epsilon floor), for the overlaid histograms. */
  expected: number[];
  /** Current share per bin (before the epsilon floor). */
  actual: number[];
}

function assertFinite(values: readonly number[], name: string): void {
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${name}[${i}] is not a finite number`);
  }
}

/** Number of elements ≤ x in an ascending array. */
function countAtMost(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Counts per right-closed bin for the given inner cut points. */
function binCounts(sorted: readonly number[], edges: readonly number[]): number[] {
  const counts: number[] = [];
  let prev = 0;
  for (const e of edges) {
    const c = countAtMost(sorted, e);
    counts.push(c - prev);
    prev = c;
  }
  counts.push(sorted.length - prev);
  return counts;
}

/** PSI with bins at the baseline's quantiles, plus the bins for display; null when either side is empty. */
export function psiDetail(baseline: readonly number[], current: readonly number[], options: PsiOptions = {}): PsiDetail | null {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError("bins must be an integer ≥ 2");
  assertFinite(baseline, "baseline");
  assertFinite(current, "current");
  if (baseline.length === 0 || current.length === 0) return null;
  const b = sortedCopy(baseline);
  const c = sortedCopy(current);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = percentile(b, k / bins) as number;
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  }
  const expectedCounts = binCounts(b, edges);
  const actualCounts = binCounts(c, edges);
  const psiValue = psiFromCounts(expectedCounts, actualCounts, options) as number;
  return {
    psi: psiValue,
    edges,
    expected: expectedCounts.map((x) => x / b.length),
    actual: actualCounts.map((x) => x / c.length),
  };
}

/** PSI of `current` against `baseline` over the baseline's quantile bins (deciles by default). */
export function psi(baseline: readonly number[], current: readonly number[], options: PsiOptions = {}): number | null {
  return psiDetail(baseline, current, options)?.psi ?? null;
}

/**
 * PSI from counts per bin or category, aligned by index (expected = baseline, actual = current).
 * Null when either side has no observations.
 */
export function psiFromCounts(expected: readonly number[], actual: readonly number[], options: { epsilon?: number } = {}): number | null {
  const eps = options.epsilon ?? DEFAULT_PSI_EPSILON;
  if (!(eps > 0)) throw new RangeError("epsilon must be > 0");
  if (expected.length !== actual.length) throw new RangeError(`expected has ${expected.length} bins, actual ${actual.length}`);
  let ne = 0;
  let na = 0;
  for (let i = 0; i < expected.length; i++) {
    if (!(expected[i] >= 0) || !(actual[i] >= 0)) throw new RangeError(`bin ${i} has a negative or non-numeric count`);
    ne += expected[i];
    na += actual[i];
  }
  if (ne === 0 || na === 0) return null;
  let sum = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.max(expected[i] / ne, eps);
    const a = Math.max(actual[i] / na, eps);
    sum += (a - e) * Math.log(a / e);
  }
  return sum;
}

/** Categorical PSI (e.g. error type → count); categories are the union, missing ones count 0 → epsilon. */
export function psiFromCategories(
  expected: Readonly<Record<string, number>>,
  actual: Readonly<Record<string, number>>,
  options: { epsilon?: number } = {},
): number | null {
  const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return psiFromCounts(
    keys.map((k) => expected[k] ?? 0),
    keys.map((k) => actual[k] ?? 0),
    options,
  );
}

export interface HistogramPsiDetail {
  psi: number;
  /** Bin boundaries as values: bin j covers [lower of its first bucket, upper of its last bucket). */
  bins: { lower: number; upper: number; expected: number; actual: number }[];
}

/**
 * PSI from two rollup histograms of the same layout: buckets grouped into ≈ baseline deciles (see top).
 * Null when either histogram is empty.
 */
export function psiFromHistograms(
  baselineCounts: readonly number[],
  currentCounts: readonly number[],
  layout: HistogramLayout,
  options: PsiOptions = {},
): HistogramPsiDetail | null {
  const bins = options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 2) throw new RangeError("bins must be an integer ≥ 2");
  const size = layout.edges.length + 1;
  if (baselineCounts.length !== size || currentCounts.length !== size) {
    throw new RangeError(`histograms must have ${size} buckets for layout ${layout.id}`);
  }
  const nb = baselineCounts.reduce((s, x) => s + x, 0);
  const nc = currentCounts.reduce((s, x) => s + x, 0);
  if (nb === 0 || nc === 0) return null;
  // Group ends (inclusive bucket index). Close a group when the cumulative baseline count reaches the next
  // k/bins target; a bucket that crosses several targets closes one group (the "duplicate edges" case).
  const ends: number[] = [];
  let cum = 0;
  let k = 1;
  for (let i = 0; i < size && k < bins; i++) {
    cum += baselineCounts[i];
    if (cum >= (k * nb) / bins) {
      ends.push(i);
      while (k < bins && cum >= (k * nb) / bins) k++;
    }
  }
  if (ends.length === 0 || ends[ends.length - 1] !== size - 1) ends.push(size - 1);
  const e: number[] = [];
  const a: number[] = [];
  const out: HistogramPsiDetail["bins"] = [];
  let start = 0;
  for (const end of ends) {
    let se = 0;
    let sa = 0;
    for (let i = start; i <= end; i++) {
      se += baselineCounts[i];
      sa += currentCounts[i];
    }
    e.push(se);
    a.push(sa);
    out.push({
      lower: start === 0 ? 0 : layout.edges[start - 1],
      upper: end === size - 1 ? Number.POSITIVE_INFINITY : layout.edges[end],
      expected: se / nb,
      actual: sa / nc,
    });
    start = end + 1;
  }
  return { psi: psiFromCounts(e, a, options) as number, bins: out };
}

/** Two-sample KS statistic D in [0, 1]; null when either sample is empty. */
export function ksStatistic(a: readonly number[], b: readonly number[]): number | null {
  assertFinite(a, "a");
  assertFinite(b, "b");
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return null;
  const x = sortedCopy(a);
  const y = sortedCopy(b);
  let i = 0;
  let j = 0;
  let d = 0;
  while (i < n && j < m) {
    const v = Math.min(x[i], y[j]);
    while (i < n && x[i] <= v) i++;
    while (j < m && y[j] <= v) j++;
    d = Math.max(d, Math.abs(i / n - j / m));
  }
  // Once one sample is exhausted its CDF is 1 and the gap only shrinks from here on.
  return d;
}

/**
 * KS D from two histograms of the same layout: the largest CDF gap at the bucket edges. It is the exact D
 * of the raw data restricted to those edges, hence a lower bound on the raw D (differences inside a
 * bucket are invisible). Null when either histogram is empty.
 */
export function ksFromHistograms(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length) throw new RangeError(`histograms have ${a.length} and ${b.length} buckets`);
  const na = a.reduce((s, x) => s + x, 0);
  const nb = b.reduce((s, x) => s + x, 0);
  if (na === 0 || nb === 0) return null;
  let ca = 0;
  let cb = 0;
  let d = 0;
  for (let i = 0; i < a.length; i++) {
    ca += a[i];
    cb += b[i];
    d = Math.max(d, Math.abs(ca / na - cb / nb));
  }
  return d;
}

/**
 * Kolmogorov survival function Q(λ) = P(K > λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2 j² λ²}.
 * For λ < 1.18 that alternating series converges slowly, so the equivalent Jacobi-theta form is used:
 * Q(λ) = 1 − (√(2π)/λ) Σ_{j≥1} e^{−(2j−1)² π² / (8 λ²)}. Both are summed until terms drop below 1e-17.
 */
export function kolmogorovQ(lambda: number): number {
  if (Number.isNaN(lambda)) return Number.NaN;
  if (lambda <= 0) return 1;
  if (lambda < 1.18) {
    const f = -(Math.PI * Math.PI) / (8 * lambda * lambda);
    let s = 0;
    for (let j = 1; j < 100; j++) {
      const k = 2 * j - 1;
      const term = Math.exp(k * k * f);
      s += term;
      if (term < 1e-17) break;
    }
    return Math.min(1, Math.max(0, 1 - (Math.sqrt(2 * Math.PI) / lambda) * s));
  }
  let s = 0;
  for (let j = 1; j < 100; j++) {
    const term = Math.exp(-2 * j * j * lambda * lambda);
    s += j % 2 === 1 ? term : -term;
    if (term < 1e-17) break;
  }
  return Math.min(1, Math.max(0, 2 * s));
}

/** Asymptotic p-value of a two-sample KS D: Q(√(n·m/(n+m)) · D). */
export function ksPValue(d: number, n: number, m: number): number {
  if (!(d >= 0 && d <= 1)) throw new RangeError("D must be in [0, 1]");
  if (!(n > 0 && m > 0)) throw new RangeError("sample sizes must be > 0");
  return kolmogorovQ(Math.sqrt((n * m) / (n + m)) * d);
}

export type DriftLevel = "stable" | "watch" | "alert";

export interface DriftThresholds {
  /** PSI at or above this is "watch". Default 0.1. */
  watch: number;
  /** PSI at or above this is "alert". Default 0.2. */
  alert: number;
}

export const DEFAULT_DRIFT_THRESHOLDS: DriftThresholds = Object.freeze({ watch: 0.1, alert: 0.2 });

/** Inclusive thresholds (docs/vocabulary.md: PSI ≥ 0.1 is watch, ≥ 0.2 is alert). */
export function driftLevel(psiValue: number, thresholds: Partial<DriftThresholds> = {}): DriftLevel {
  const watch = thresholds.watch ?? DEFAULT_DRIFT_THRESHOLDS.watch;
  const alert = thresholds.alert ?? DEFAULT_DRIFT_THRESHOLDS.alert;
  if (!(watch >= 0) || !(alert >= watch)) throw new RangeError("thresholds must satisfy 0 ≤ watch ≤ alert");
  if (Number.isNaN(psiValue)) throw new RangeError("PSI is NaN");
  if (psiValue >= alert) return "alert";
  if (psiValue >= watch) return "watch";
  return "stable";
}
