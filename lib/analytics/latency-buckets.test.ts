import { describe, expect, it } from "vitest";
import {
  LATENCY_MS_LAYOUT,
  TOKENS_LAYOUT,
  addToHistogram,
  bucketBounds,
  bucketIndex,
  emptyHistogram,
  histogramOf,
  makeLayout,
  mergeHistograms,
} from "./latency-buckets";

describe("latency layout", () => {
  it("spans 1 ms to 1,000,000 ms with 20 edges per decade and 122 counts", () => {
    const e = LATENCY_MS_LAYOUT.edges;
    // 6 decades × 20 + 1 = 121 edges → 120 finite buckets + underflow + overflow = 122 counts
    expect(e.length).toBe(121);
    expect(emptyHistogram()).toHaveLength(122);
    expect(e[0]).toBe(1);
    expect(e[20]).toBe(10);
    expect(e[120]).toBe(1_000_000);
    // 10^(1/20) = 1.1220… → 1.12; 10^(2/20) = 1.2589… → 1.26; 10^(10/20) = 3.1623… → 3.16
    expect(e.slice(0, 3)).toEqual([1, 1.12, 1.26]);
    expect(e[10]).toBe(3.16);
    for (let i = 1; i < e.length; i++) expect(e[i]).toBeGreaterThan(e[i - 1]);
  });

  it("states its max relative error: widest ratio 1.78 / 1.58 − 1 ≈ 0.12658", () => {
    // 1.78 / 1.58 = 1.126582…; every other neighbouring pair of rounded edges is narrower
    expect(LATENCY_MS_LAYOUT.maxBucketRatio).toBeCloseTo(1.78 / 1.58, 12);
    expect(LATENCY_MS_LAYOUT.maxRelativeError).toBeCloseTo(0.126582, 6);
  });

  it("token layout spans 1 to 2,000,000 tokens in 128 counts", () => {
    // 10^(126/20) = 10^6.3 = 1,995,262 → 3 significant digits → 2,000,000
    expect(TOKENS_LAYOUT.edges).toHaveLength(127);
    expect(TOKENS_LAYOUT.edges[126]).toBe(2_000_000);
    expect(emptyHistogram(TOKENS_LAYOUT)).toHaveLength(128);
    expect(TOKENS_LAYOUT.maxRelativeError).toBeCloseTo(LATENCY_MS_LAYOUT.maxRelativeError, 12);
  });
});

describe("bucketIndex / bucketBounds", () => {
  it("puts values in [lower, upper) buckets, edges inclusive below", () => {
    expect(bucketIndex(0)).toBe(0); // underflow [0, 1)
    expect(bucketIndex(0.999)).toBe(0);
    expect(bucketIndex(1)).toBe(1); // [1, 1.12)
    expect(bucketIndex(1.119)).toBe(1);
    expect(bucketIndex(1.12)).toBe(2); // [1.12, 1.26)
    expect(bucketIndex(10)).toBe(21); // edge 10 is e[20] → bucket 21 = [10, 11.2)
    expect(bucketIndex(999_999)).toBe(120); // [891000, 1000000)
    expect(bucketIndex(1_000_000)).toBe(121); // overflow
    expect(bucketIndex(Number.POSITIVE_INFINITY)).toBe(121);
  });

  it("clamps negatives into underflow and refuses NaN", () => {
    expect(bucketIndex(-5)).toBe(0);
    expect(() => bucketIndex(Number.NaN)).toThrow(RangeError);
  });

  it("gives each bucket's bounds, open-ended overflow", () => {
    expect(bucketBounds(0)).toEqual({ lower: 0, upper: 1 });
    expect(bucketBounds(1)).toEqual({ lower: 1, upper: 1.12 });
    expect(bucketBounds(121)).toEqual({ lower: 1_000_000, upper: Number.POSITIVE_INFINITY });
    expect(() => bucketBounds(122)).toThrow(RangeError);
    expect(() => bucketBounds(-1)).toThrow(RangeError);
    expect(() => bucketBounds(1.5)).toThrow(RangeError);
  });

  it("agrees with bucketBounds for every value it places", () => {
    for (const v of [0.3, 1, 2.5, 47, 812.4, 12_345, 600_000, 2e6]) {
      const { lower, upper } = bucketBounds(bucketIndex(v));
      expect(v).toBeGreaterThanOrEqual(lower);
      expect(v).toBeLessThan(upper);
    }
  });
});

describe("histogram arrays", () => {
  const tiny = makeLayout("tiny", "ms", [10, 20, 40]); // buckets [0,10) [10,20) [20,40) [40,∞)

  it("adds in place and merges bucket-wise", () => {
    const h = emptyHistogram(tiny);
    expect(h).toEqual([0, 0, 0, 0]);
    addToHistogram(h, 5, tiny);
    addToHistogram(h, 10, tiny);
    addToHistogram(h, 39.9, tiny);
    addToHistogram(h, 40, tiny);
    addToHistogram(h, 400, tiny);
    expect(h).toEqual([1, 1, 1, 2]);
    expect(mergeHistograms(h, [0, 2, 0, 1])).toEqual([1, 3, 1, 3]); // 1+0, 1+2, 1+0, 2+1
    expect(histogramOf([1, 15, 15, 25], tiny)).toEqual([1, 2, 1, 0]);
  });

  it("refuses arrays of the wrong size and bad layouts", () => {
    expect(() => mergeHistograms([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => addToHistogram([0, 0], 5, tiny)).toThrow(RangeError);
    expect(() => makeLayout("bad", "ms", [1, 1])).toThrow(RangeError);
    expect(() => makeLayout("bad", "ms", [])).toThrow(RangeError);
  });
});
