// Fixed histogram bucket layouts for per-call latency, time to first token and token counts.
//
// Why fixed: rollup rows store a histogram as a plain `Int[]` of counts, and the dashboard merges rows from
// different hours, models and workflows by adding the arrays index by index. That only works if every row
// ever written uses the same bucket edges, so a layout is a constant with an id; changing the edges means
// a new id (and a re-rollup), never editing these arrays in place.
//
// Why log-spaced: latencies span 1 ms to minutes and token counts 1 to millions; equal *relative* width
// gives every percentile the same relative error bound, which is what a person reading "p95 = 1.8 s"
// cares about (±10 % of 1.8 s, not ±10 ms).
//
// Shape of a histogram for a layout with edges e[0] < e[1] < … < e[K-1] (counts has K + 1 entries):
//   index 0        underflow  [0, e[0])         (negative values are clamped here: validation is ingest's
//                                                 job, a rollup must not crash on one bad row)
//   index i, 1..K-1           [e[i-1], e[i])    lower edge inclusive, upper exclusive
//   index K        overflow   [e[K-1], +∞)
//
// Edges are 20 per decade (ratio 10^(1/20) ≈ 1.122), rounded to 3 significant digits so they are readable
// and identical on every engine (Number(x.toPrecision(3)) is exact decimal rounding, not libm-dependent).
// Rounding makes neighbouring ratios vary around 1.122; the widest is 1.78 / 1.58 ≈ 1.1266 (and its
// repeats in every decade). `maxBucketRatio` is that measured maximum, and `maxRelativeError` =
// maxBucketRatio − 1 ≈ 0.127 (12.7 %) is the stated bound for a percentile read from the histogram
// (see percentiles.ts for when it holds; in practice the error is a few percent, see the property test).

export interface HistogramLayout {
  /** Stored beside the counts; a different id means the arrays are not comparable. */
  readonly id: string;
  readonly unit: string;
  /** Strictly increasing bucket edges; counts have edges.length + 1 entries. */
  readonly edges: readonly number[];
  /** Largest edges[i+1] / edges[i] over the finite buckets. */
  readonly maxBucketRatio: number;
  /** maxBucketRatio − 1: bound on the relative error of a percentile that falls in a finite bucket. */
  readonly maxRelativeError: number;
}

/** Builds a layout from explicit edges (also used by tests with tiny hand-checkable layouts). */
export function makeLayout(id: string, unit: string, edges: readonly number[]): HistogramLayout {
  if (edges.length === 0) throw new RangeError("a layout needs at least one edge");
  let maxRatio = 1;
  for (let i = 0; i < edges.length; i++) {
    if (!Number.isFinite(edges[i]) || edges[i] < 0) throw new RangeError(`edge ${i} is not a finite non-negative number`);
    if (i > 0) {
      if (edges[i] <= edges[i - 1]) throw new RangeError(`edges must be strictly increasing (edge ${i})`);
      if (edges[i - 1] > 0) maxRatio = Math.max(maxRatio, edges[i] / edges[i - 1]);
    }
  }
  return Object.freeze({ id, unit, edges: Object.freeze([...edges]), maxBucketRatio: maxRatio, maxRelativeError: maxRatio - 1 });
}

/** 10^(k/perDecade) for k = 0..count−1, times `start`, rounded to 3 significant digits. */
function logEdges(start: number, perDecade: number, count: number): number[] {
  const edges: number[] = [];
  for (let k = 0; k < count; k++) edges.push(Number((start * 10 ** (k / perDecade)).toPrecision(3)));
  return edges;
}

/**
 * Latency and time to first token, in milliseconds: 1 ms … 1,000,000 ms (≈16.7 min), 20 edges per decade,
 * 121 edges → 120 finite buckets + underflow [0, 1 ms) + overflow [1000 s, ∞) = 122 counts.
 */
export const LATENCY_MS_LAYOUT: HistogramLayout = makeLayout("latency-ms-log20-v1", "ms", logEdges(1, 20, 121));

/**
 * Input / output token counts: 1 … 2,000,000 tokens (10^6.3 ≈ 1.995 M, rounded to 2.00 M), 20 edges per
 * decade, 127 edges → 126 finite buckets + underflow [0, 1) (i.e. zero tokens, common for failed calls)
 * + overflow [2 M, ∞) = 128 counts. Below ~10 tokens several buckets hold no integer and stay empty;
 * that costs a few zeros in the array and keeps one rule for the whole range.
 */
export const TOKENS_LAYOUT: HistogramLayout = makeLayout("tokens-log20-v1", "tokens", logEdges(1, 20, 127));

/**
 * Quality scores (0..1): twenty equal buckets of 0.05 (edges 0.05 … 1.00; a score of exactly 1 falls in
 * the last, [1, ∞), bucket). Linear, because a quality score is bounded and its differences are absolute.
 */
export const QUALITY_LAYOUT: HistogramLayout = makeLayout(
  "quality-linear20-v1",
  "score",
  Array.from({ length: 20 }, (_, i) => Number(((i + 1) * 0.05).toFixed(2))),
);

/** Number of counts in a histogram of this layout. */
export function histogramSize(layout: HistogramLayout = LATENCY_MS_LAYOUT): number {
  return layout.edges.length + 1;
}

/** Index of the bucket holding `value` (binary search on the edges: exact at the edges, no log rounding). */
export function bucketIndex(value: number, layout: HistogramLayout = LATENCY_MS_LAYOUT): number {
  if (Number.isNaN(value)) throw new RangeError("cannot bucket NaN");
  const edges = layout.edges;
  // Find the number of edges ≤ value: that is the bucket index (0 = underflow, edges.length = overflow).
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (edges[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface BucketBounds {
  /** Inclusive. 0 for the underflow bucket. */
  lower: number;
  /** Exclusive. +Infinity for the overflow bucket. */
  upper: number;
}

export function bucketBounds(index: number, layout: HistogramLayout = LATENCY_MS_LAYOUT): BucketBounds {
  const edges = layout.edges;
  if (!Number.isInteger(index) || index < 0 || index > edges.length) {
    throw new RangeError(`bucket index ${index} is outside 0..${edges.length}`);
  }
  return {
    lower: index === 0 ? 0 : edges[index - 1],
    upper: index === edges.length ? Number.POSITIVE_INFINITY : edges[index],
  };
}

export function emptyHistogram(layout: HistogramLayout = LATENCY_MS_LAYOUT): number[] {
  return new Array<number>(histogramSize(layout)).fill(0);
}

/** Adds one observation in place and returns the same array (rollup builders add millions; no copies). */
export function addToHistogram(h: number[], value: number, layout: HistogramLayout = LATENCY_MS_LAYOUT): number[] {
  assertSize(h, layout);
  h[bucketIndex(value, layout)] += 1;
  return h;
}

/** Bucket-wise sum as a new array; both must come from the same layout (same length). */
export function mergeHistograms(a: readonly number[], b: readonly number[]): number[] {
  if (a.length !== b.length) throw new RangeError(`cannot merge histograms of ${a.length} and ${b.length} buckets`);
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
  return out;
}

/** Builds a histogram from raw values (tests, benchmarks, and the raw-table comparison path). */
export function histogramOf(values: Iterable<number>, layout: HistogramLayout = LATENCY_MS_LAYOUT): number[] {
  const h = emptyHistogram(layout);
  for (const v of values) h[bucketIndex(v, layout)] += 1;
  return h;
}

function assertSize(h: readonly number[], layout: HistogramLayout): void {
  if (h.length !== histogramSize(layout)) {
    throw new RangeError(`histogram has ${h.length} buckets, layout ${layout.id} has ${histogramSize(layout)}`);
  }
}
