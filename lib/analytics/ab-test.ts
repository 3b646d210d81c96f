// A/B and canary comparison of two arms (models or bundles on the same workflow over the same period).
// Convention everywhere: arm A is the control (current / baseline), arm B the candidate, and a difference
// is B − A. So a positive error-rate difference means the candidate fails more often.
//
// Rates (error rate, fallback rate, retry rate): two-proportion z-test.
//   z = (p̂B − p̂A) / √( p̄(1 − p̄)(1/nA + 1/nB) ),  p̄ = (xA + xB)/(nA + nB)   (pooled SE: the SE under H0)
//   two-sided p = 2·(1 − Φ(|z|)); significant when p < α.
//   CI for pB − pA: Newcombe's hybrid score interval (Newcombe 1998, method 10) built from the two Wilson
//   intervals [lA, uA], [lB, uB]:
//     lower = d − √((p̂B − lB)² + (uA − p̂A)²),  upper = d + √((uB − p̂B)² + (p̂A − lA)²)
//   Chosen over Wald because error rates are often tiny (0.1 %) or zero, where Wald's interval collapses to
//   a point or goes below 0. Because the test (pooled z) and the interval (Newcombe) are different methods
//   they can disagree right at the margin; `significant` follows the p-value.
//   xA = xB = 0 (or both arms at 100 %): SE is 0, there is no evidence of a difference → z = 0, p = 1.
//
// Sample size per arm (for "how much more traffic before we can tell"), two-sided, equal arms, no
// continuity correction (Fleiss; what R's power.prop.test computes):
//   pooled (default, matches the pooled test above):
//     n = ( z_{1−α/2}·√(2 p̄ q̄) + z_{1−β}·√(p1 q1 + p2 q2) )² / (p1 − p2)²,  p̄ = (p1 + p2)/2, q = 1 − p
//   unpooled (the common textbook shortcut): n = (z_{1−α/2} + z_{1−β})² (p1 q1 + p2 q2) / (p1 − p2)²
//   rounded up. For 0.10 vs 0.12, α .05, power .8: pooled 3841, unpooled 3839 (tests show the arithmetic).
//
// Latency: Mann–Whitney U (rank-sum) test, normal approximation with tie correction and continuity
// correction (the defaults of R's wilcox.test and SciPy's mannwhitneyu for large samples):
//   U_A = R_A − nA(nA + 1)/2 (R_A: sum of A's mid-ranks in the pooled sample), μ = nA·nB/2,
//   σ² = nA·nB/12 · ( (N + 1) − Σ(t³ − t) / (N(N − 1)) ) over tie groups of size t, N = nA + nB,
//   z = sign(U_A − μ)·max(0, |U_A − μ| − 0.5)/σ, p = 2·(1 − Φ(|z|)).
// And a percentile-bootstrap CI for median(B) − median(A): each arm resampled with replacement
// `resamples` times (default 1000) with a seeded PRNG, so the same data always gives the same interval.
// Cost O(resamples · (nA + nB)): a resample's median is read from the sorted arm via counts of drawn
// indices (no sort per resample); 1000 resamples of 2 × 10k values take well under a second.

import { normalQuantile, twoSidedP } from "./normal";
import { percentile, sortedCopy } from "./percentiles";
import { mulberry32 } from "./random";

export interface Interval {
  lower: number;
  upper: number;
}

export interface RateArm {
  /** Calls with the outcome (errors, fallbacks, …). */
  count: number;
  /** All calls in the arm. */
  total: number;
}

export interface TwoProportionResult {
  rateA: number;
  rateB: number;
  /** rateB − rateA. */
  difference: number;
  /** Newcombe hybrid score interval for the difference at 1 − alpha. */
  ci: Interval;
  z: number;
  pValue: number;
  significant: boolean;
}

function checkAlpha(alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError("alpha must be in (0, 1)");
}

function checkArm(arm: RateArm, name: string): void {
  if (!Number.isInteger(arm.total) || arm.total <= 0) throw new RangeError(`${name}: total must be a positive integer`);
  if (!Number.isInteger(arm.count) || arm.count < 0 || arm.count > arm.total) {
    throw new RangeError(`${name}: count must be an integer in 0..total`);
  }
}

/** Wilson score interval for a proportion x/n with critical value z. */
export function wilsonInterval(count: number, total: number, z: number): Interval {
  const p = count / total;
  const z2 = z * z;
  const denom = 1 + z2 / total;
  const centre = (p + z2 / (2 * total)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total));
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half) };
}

export function twoProportionTest(a: RateArm, b: RateArm, options: { alpha?: number } = {}): TwoProportionResult {
  const alpha = options.alpha ?? 0.05;
  checkAlpha(alpha);
  checkArm(a, "arm A");
  checkArm(b, "arm B");
  const pA = a.count / a.total;
  const pB = b.count / b.total;
  const d = pB - pA;
  const pooled = (a.count + b.count) / (a.total + b.total);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.total + 1 / b.total));
  const z = se === 0 ? 0 : d / se;
  const pValue = se === 0 ? 1 : twoSidedP(z);
  const zc = normalQuantile(1 - alpha / 2);
  const wA = wilsonInterval(a.count, a.total, zc);
  const wB = wilsonInterval(b.count, b.total, zc);
  const ci = {
    lower: d - Math.sqrt((pB - wB.lower) ** 2 + (wA.upper - pA) ** 2),
    upper: d + Math.sqrt((wB.upper - pB) ** 2 + (pA - wA.lower) ** 2),
  };
  return { rateA: pA, rateB: pB, difference: d, ci, z, pValue, significant: pValue < alpha };
}

export interface SampleSizeOptions {
  alpha?: number;
  power?: number;
  /** "pooled" (default, matches twoProportionTest) or "unpooled". */
  method?: "pooled" | "unpooled";
}

/** Calls needed in EACH arm to detect p1 vs p2; null when p1 = p2 (no finite sample detects no difference). */
export function sampleSizePerArm(p1: number, p2: number, options: SampleSizeOptions = {}): number | null {
  const alpha = options.alpha ?? 0.05;
  const power = options.power ?? 0.8;
  checkAlpha(alpha);
  if (!(power > 0 && power < 1)) throw new RangeError("power must be in (0, 1)");
  for (const p of [p1, p2]) if (!(p >= 0 && p <= 1)) throw new RangeError("rates must be in [0, 1]");
  if (p1 === p2) return null;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const v = p1 * (1 - p1) + p2 * (1 - p2);
  const d2 = (p1 - p2) ** 2;
  let n: number;
  if ((options.method ?? "pooled") === "pooled") {
    const pbar = (p1 + p2) / 2;
    n = (za * Math.sqrt(2 * pbar * (1 - pbar)) + zb * Math.sqrt(v)) ** 2 / d2;
  } else {
    n = ((za + zb) ** 2 * v) / d2;
  }
  // Round up, but not past an integer that round-off nudged up by 1e-9 (e.g. 100.0000000001 → 100).
  return Math.ceil(n - 1e-9);
}

/** Calls still needed per arm given what each arm already has (0 when both have enough). */
export function remainingPerArm(required: number | null, totalA: number, totalB: number): number | null {
  if (required === null) return null;
  return Math.max(0, required - Math.min(totalA, totalB));
}

export interface MannWhitneyResult {
  /** U of arm A: the number of (a, b) pairs with a > b, ties counting 1/2. */
  uA: number;
  uB: number;
  z: number;
  pValue: number;
}

/** Mann–Whitney U with tie-corrected normal approximation; null when either arm is empty. */
export function mannWhitneyU(a: readonly number[], b: readonly number[], options: { continuity?: boolean } = {}): MannWhitneyResult | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return null;
  const N = n1 + n2;
  const values = new Float64Array(N);
  for (let i = 0; i < n1; i++) values[i] = a[i];
  for (let i = 0; i < n2; i++) values[n1 + i] = b[i];
  for (let i = 0; i < N; i++) if (!Number.isFinite(values[i])) throw new RangeError("values must be finite numbers");
  const order = Array.from({ length: N }, (_, i) => i).sort((i, j) => values[i] - values[j]);
  let rankSumA = 0;
  let tieTerm = 0;
  for (let i = 0; i < N;) {
    let j = i;
    while (j + 1 < N && values[order[j + 1]] === values[order[i]]) j++;
    const t = j - i + 1;
    const midRank = (i + 1 + j + 1) / 2; // ranks are 1-based
    for (let k = i; k <= j; k++) if (order[k] < n1) rankSumA += midRank;
    tieTerm += t * t * t - t;
    i = j + 1;
  }
  const uA = rankSumA - (n1 * (n1 + 1)) / 2;
  const uB = n1 * n2 - uA;
  const mu = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  if (!(variance > 0)) return { uA, uB, z: 0, pValue: 1 }; // every value tied: no evidence either way
  const diff = uA - mu;
  const cc = options.continuity === false ? 0 : 0.5;
  const z = (Math.sign(diff) * Math.max(0, Math.abs(diff) - cc)) / Math.sqrt(variance);
  return { uA, uB, z, pValue: twoSidedP(z) };
}

export interface BootstrapOptions {
  resamples?: number;
  /** Confidence level of the interval. Default 0.95. */
  confidence?: number;
  seed?: number;
}

export interface MedianDifferenceCI extends Interval {
  /** median(B) − median(A) on the observed data. */
  difference: number;
}

/** Median of a resample of `sorted` (with replacement), found from counts of drawn indices. */
function resampleMedian(sorted: readonly number[], rand: () => number, counts: Int32Array): number {
  const n = sorted.length;
  counts.fill(0);
  for (let k = 0; k < n; k++) counts[Math.floor(rand() * n)]++;
  // 0-based positions of the middle order statistic(s) of the resample.
  const lowPos = (n - 1) >> 1;
  const highPos = n >> 1;
  let cum = 0;
  let low = Number.NaN;
  for (let i = 0; i < n; i++) {
    cum += counts[i];
    if (Number.isNaN(low) && cum > lowPos) low = sorted[i];
    if (cum > highPos) return (low + sorted[i]) / 2;
  }
  return low; // unreachable: counts sum to n
}

/** Percentile-bootstrap CI for median(B) − median(A); null when either arm is empty. Deterministic by seed. */
export function bootstrapMedianDifferenceCI(a: readonly number[], b: readonly number[], options: BootstrapOptions = {}): MedianDifferenceCI | null {
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError("resamples must be a positive integer");
  if (!(confidence > 0 && confidence < 1)) throw new RangeError("confidence must be in (0, 1)");
  if (a.length === 0 || b.length === 0) return null;
  const sa = sortedCopy(a);
  const sb = sortedCopy(b);
  const rand = mulberry32(options.seed ?? 1);
  const ca = new Int32Array(sa.length);
  const cb = new Int32Array(sb.length);
  const diffs = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) diffs[r] = resampleMedian(sb, rand, cb) - resampleMedian(sa, rand, ca);
  const sorted = Array.from(diffs.sort());
  const tail = (1 - confidence) / 2;
  return {
    difference: (percentile(sb, 0.5) as number) - (percentile(sa, 0.5) as number),
    lower: percentile(sorted, tail) as number,
    upper: percentile(sorted, 1 - tail) as number,
  };
}

export interface LatencyComparison {
  medianA: number;
  medianB: number;
  /** medianB − medianA with its bootstrap CI. */
  difference: number;
  ci: Interval;
  /** Mann–Whitney two-sided p-value. */
  pValue: number;
  significant: boolean;
}

/** Latency A/B in one call: medians, bootstrap CI of the difference, Mann–Whitney p; null if an arm is empty. */
export function compareLatency(a: readonly number[], b: readonly number[], options: BootstrapOptions & { alpha?: number } = {}): LatencyComparison | null {
  const alpha = options.alpha ?? 0.05;
  checkAlpha(alpha);
  const mw = mannWhitneyU(a, b);
  const boot = bootstrapMedianDifferenceCI(a, b, { confidence: 1 - alpha, ...options });
  if (!mw || !boot) return null;
  const medianA = percentile(sortedCopy(a), 0.5) as number;
  const medianB = percentile(sortedCopy(b), 0.5) as number;
  return {
    medianA,
    medianB,
    difference: boot.difference,
    ci: { lower: boot.lower, upper: boot.upper },
    pValue: mw.pValue,
    significant: mw.pValue < alpha,
  };
}
