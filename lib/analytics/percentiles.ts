// Percentiles two ways:
//   - `percentile(sorted, p)`: exact, from raw values, for baselines and for checking the histogram path.
//     Definition: Hyndman & Fan type 7 (linear between order statistics), the one PostgreSQL's
//     percentile_cont, numpy's default and Excel's PERCENTILE.INC use, so a figure computed here matches
//     one computed in SQL on the raw table:  h = (n − 1)·p,  x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
//   - `percentileFromHistogram(counts, layout, p)`: from rollup bucket counts (the fast path).
//     Target rank t = p·n (n = total count). Walk the buckets to the one where the cumulative count first
//     reaches t (cumBefore < t ≤ cumBefore + c), and assume its c values are spread evenly across
//     [lower, upper): estimate = lower + (t − cumBefore)/c · (upper − lower). This is linear interpolation
//     inside the bucket, the same rule as Prometheus' histogram_quantile.
//     Edges: p = 0 → lower edge of the first non-empty bucket; p = 1 → upper edge of the last non-empty one.
//     The overflow bucket has no upper edge, so a percentile landing there returns its lower edge (a floor:
//     "at least 1000 s"). Empty histogram → null (no data is not zero latency).
//
// Error bound: the estimate always lies in the bucket that holds the ⌈t⌉-th smallest value, so when the
// exact percentile lies in that bucket too (the usual case: neighbouring order statistics share a bucket
// once n is more than a few hundred) |estimate − exact| / exact ≤ layout.maxRelativeError (≈ 0.127 for the
// layouts in latency-buckets.ts). When the exact value falls in an adjacent bucket (tiny n, or a gap in the
// data exactly at an edge) the bound is maxBucketRatio² − 1. The underflow bucket [0, e0) has no relative
// bound (its values are below 1 ms / 1 token, where absolute error < e0 is what matters).

import type { HistogramLayout } from "./latency-buckets";

function checkP(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile ${p} is outside [0, 1]`);
}

/** Exact type-7 percentile of an ascending array; null when empty. p in [0, 1]. */
export function percentile(sortedValues: readonly number[], p: number): number | null {
  checkP(p);
  const n = sortedValues.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  if (lo >= n - 1) return sortedValues[n - 1];
  return sortedValues[lo] + (h - lo) * (sortedValues[lo + 1] - sortedValues[lo]);
}

/** Sorts a copy ascending. Typed-array sort is numeric (plain Array sort compares as strings) and fast. */
export function sortedCopy(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort());
}

/** Percentile estimated from bucket counts; null when the histogram is empty. p in [0, 1]. */
export function percentileFromHistogram(counts: readonly number[], layout: HistogramLayout, p: number): number | null {
  checkP(p);
  const edges = layout.edges;
  if (counts.length !== edges.length + 1) {
    throw new RangeError(`histogram has ${counts.length} buckets, layout ${layout.id} has ${edges.length + 1}`);
  }
  let n = 0;
  for (const c of counts) {
    if (!(c >= 0)) throw new RangeError("bucket counts must be non-negative");
    n += c;
  }
  if (n === 0) return null;
  const lowerOf = (i: number) => (i === 0 ? 0 : edges[i - 1]);
  const last = counts.length - 1;

  const t = p * n;
  if (t === 0) {
    // p = 0: the smallest value is somewhere in the first non-empty bucket; its lower edge is the estimate.
    let i = 0;
    while (counts[i] === 0) i++;
    return lowerOf(i);
  }
  let cum = 0;
  for (let i = 0; i <= last; i++) {
    const c = counts[i];
    if (c === 0) continue;
    if (cum + c >= t) {
      if (i === last) return lowerOf(i); // overflow bucket: no upper edge, report the floor
      const lower = lowerOf(i);
      const upper = edges[i];
      return lower + ((t - cum) / c) * (upper - lower);
    }
    cum += c;
  }
  // Only reachable through floating-point round-off in p·n at p = 1; the last non-empty bucket answers.
  let i = last;
  while (counts[i] === 0) i--;
  return i === last ? lowerOf(i) : edges[i];
}
