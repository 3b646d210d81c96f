import { describe, expect, it } from "vitest";
import { bootstrapMedianDifferenceCI, compareLatency, mannWhitneyU, remainingPerArm, sampleSizePerArm, twoProportionTest, wilsonInterval } from "./ab-test";
import { mulberry32 } from "./random";

describe("twoProportionTest", () => {
  it("textbook: 100/1000 vs 120/1000", () => {
    // p̄ = 220/2000 = 0.11; SE = √(0.11·0.89·(1/1000 + 1/1000)) = √(0.0979·0.002) = √0.0001958 = 0.0139929
    // z = (0.12 − 0.10)/0.0139929 = 1.429301; p = 2·(1 − Φ(1.429301)) = 2·0.0764589 = 0.152918
    const r = twoProportionTest({ count: 100, total: 1000 }, { count: 120, total: 1000 });
    expect(r.rateA).toBe(0.1);
    expect(r.rateB).toBe(0.12);
    expect(r.difference).toBeCloseTo(0.02, 12);
    expect(r.z).toBeCloseTo(1.429301, 5);
    expect(r.pValue).toBeCloseTo(0.152918, 5);
    expect(r.significant).toBe(false);
    // Wilson 95 % (z 1.959964): A = [0.0829094, 0.1201520], B = [0.1012993, 0.1416091]
    // Newcombe: lower = .02 − √((.12 − .1012993)² + (.1201520 − .1)²) = .02 − √(0.00034972 + 0.00040610)
    //                 = .02 − 0.0274922 = −0.0074922
    //           upper = .02 + √((.1416091 − .12)² + (.1 − .0829094)²) = .02 + √(0.00046695 + 0.00029209)
    //                 = .02 + 0.0275507 = 0.0475507
    expect(r.ci.lower).toBeCloseTo(-0.0074922, 6);
    expect(r.ci.upper).toBeCloseTo(0.0475507, 6);
  });

  it("Wilson interval for 100/1000", () => {
    // centre = (0.1 + 3.841459/2000)/(1 + 3.841459/1000) = 0.1019207/1.0038415 = 0.1015307
    // half = (1.959964/1.0038415)·√(0.09/1000 + 3.841459/4e6) = 1.952464·√0.0000909604 = 0.0186213
    const w = wilsonInterval(100, 1000, 1.959963984540054);
    expect(w.lower).toBeCloseTo(0.0829094, 6);
    expect(w.upper).toBeCloseTo(0.120152, 6);
  });

  it("is significant for a large difference and is sign-aware", () => {
    // p̄ = 0.15; SE = √(0.15·0.85·0.002) = √0.000255 = 0.0159687; z = −0.1/0.0159687 = −6.26224
    const r = twoProportionTest({ count: 200, total: 1000 }, { count: 100, total: 1000 });
    expect(r.z).toBeCloseTo(-6.26224, 4);
    expect(r.pValue).toBeLessThan(1e-8);
    expect(r.significant).toBe(true);
    expect(r.ci.upper).toBeLessThan(0);
  });

  it("zero events on both arms: no evidence, p = 1, CI still defined", () => {
    const r = twoProportionTest({ count: 0, total: 500 }, { count: 0, total: 500 });
    expect(r.z).toBe(0);
    expect(r.pValue).toBe(1);
    expect(r.ci.lower).toBeLessThan(0);
    expect(r.ci.upper).toBeGreaterThan(0);
  });

  it("refuses impossible arms", () => {
    expect(() => twoProportionTest({ count: 5, total: 0 }, { count: 0, total: 1 })).toThrow(RangeError);
    expect(() => twoProportionTest({ count: 5, total: 4 }, { count: 0, total: 1 })).toThrow(RangeError);
    expect(() => twoProportionTest({ count: 1, total: 4 }, { count: 0, total: 1 }, { alpha: 0 })).toThrow(RangeError);
  });
});

describe("sampleSizePerArm", () => {
  it("0.10 vs 0.12 at α .05, power .8: pooled 3841, unpooled 3839", () => {
    // z_.975 = 1.959964, z_.8 = 0.841621; p̄ = 0.11; p1q1 + p2q2 = 0.09 + 0.1056 = 0.1956
    // pooled:   (1.959964·√(2·0.11·0.89) + 0.841621·√0.1956)² / 0.02²
    //         = (1.959964·0.442493 + 0.841621·0.442267)² / 0.0004 = (0.867270 + 0.372221)² / 0.0004
    //         = 1.239491² / 0.0004 = 1.536339 / 0.0004 = 3840.85 → 3841
    // unpooled: (1.959964 + 0.841621)²·0.1956 / 0.0004 = 7.848879·0.1956/0.0004 = 3838.10 → 3839
    expect(sampleSizePerArm(0.1, 0.12)).toBe(3841);
    expect(sampleSizePerArm(0.1, 0.12, { method: "unpooled" })).toBe(3839);
    expect(sampleSizePerArm(0.12, 0.1)).toBe(3841); // symmetric
  });

  it("more power or a smaller alpha needs more calls; equal rates need infinitely many", () => {
    expect(sampleSizePerArm(0.1, 0.12, { power: 0.9 })!).toBeGreaterThan(3841);
    expect(sampleSizePerArm(0.1, 0.12, { alpha: 0.01 })!).toBeGreaterThan(3841);
    expect(sampleSizePerArm(0.1, 0.1)).toBeNull();
    expect(() => sampleSizePerArm(0.1, 1.2)).toThrow(RangeError);
  });

  it("remaining per arm", () => {
    expect(remainingPerArm(3841, 1000, 2500)).toBe(2841); // 3841 − min(1000, 2500)
    expect(remainingPerArm(3841, 5000, 4000)).toBe(0);
    expect(remainingPerArm(null, 5, 5)).toBeNull();
  });
});

describe("mannWhitneyU", () => {
  it("hand example with a tie", () => {
    // Pooled sorted: 1a 2a 3a 3b 4a 5b 6b 7b → ranks 1 2 3.5 3.5 5 6 7 8
    // R_A = 1 + 2 + 3.5 + 5 = 11.5; U_A = 11.5 − 4·5/2 = 1.5; U_B = 16 − 1.5 = 14.5; μ = 8
    // One tie of size 2: Σ(t³ − t) = 6; σ² = 16/12·(9 − 6/(8·7)) = 1.333333·8.892857 = 11.857143, σ = 3.443420
    // z = −(|1.5 − 8| − 0.5)/3.443420 = −6/3.443420 = −1.742454; p = 2·Φ(−1.742454) = 0.081429
    const r = mannWhitneyU([1, 2, 3, 4], [3, 5, 6, 7])!;
    expect(r.uA).toBe(1.5);
    expect(r.uB).toBe(14.5);
    expect(r.z).toBeCloseTo(-1.742454, 5);
    expect(r.pValue).toBeCloseTo(0.081429, 5);
    // Without continuity correction: z = −6.5/3.443420 = −1.887658, p = 0.059072
    const nc = mannWhitneyU([1, 2, 3, 4], [3, 5, 6, 7], { continuity: false })!;
    expect(nc.z).toBeCloseTo(-1.887658, 5);
    expect(nc.pValue).toBeCloseTo(0.059072, 5);
  });

  it("hand example without ties", () => {
    // a = 1,2,3, b = 4,5,6: R_A = 6, U_A = 6 − 6 = 0, μ = 4.5, σ² = 9/12·7 = 5.25, σ = 2.291288
    // z = −(4.5 − 0.5)/2.291288 = −1.745743; p = 0.080856
    const r = mannWhitneyU([3, 1, 2], [6, 4, 5])!;
    expect(r.uA).toBe(0);
    expect(r.z).toBeCloseTo(-1.745743, 5);
    expect(r.pValue).toBeCloseTo(0.080856, 5);
  });

  it("all values tied → p = 1; empty arm → null", () => {
    expect(mannWhitneyU([5, 5], [5, 5, 5])).toEqual({ uA: 3, uB: 3, z: 0, pValue: 1 });
    expect(mannWhitneyU([], [1])).toBeNull();
  });
});

describe("bootstrapMedianDifferenceCI", () => {
  it("constant arms give a zero-width interval at the exact difference", () => {
    // every resample of [10,10,10] has median 10, of [15,15,15] median 15 → every difference is 5
    expect(bootstrapMedianDifferenceCI([10, 10, 10], [15, 15, 15])).toEqual({ difference: 5, lower: 5, upper: 5 });
  });

  it("is deterministic for a seed and brackets a clear shift", () => {
    const rand = mulberry32(7);
    const a = Array.from({ length: 400 }, () => 500 + 200 * rand());
    const b = Array.from({ length: 400 }, () => 650 + 200 * rand()); // medians ≈ 600 and ≈ 750
    const r1 = bootstrapMedianDifferenceCI(a, b, { seed: 42 })!;
    const r2 = bootstrapMedianDifferenceCI(a, b, { seed: 42 })!;
    expect(r1).toEqual(r2);
    expect(r1.lower).toBeLessThanOrEqual(r1.difference);
    expect(r1.upper).toBeGreaterThanOrEqual(r1.difference);
    expect(r1.lower).toBeGreaterThan(100); // true shift 150, CI well away from 0
    expect(r1.upper).toBeLessThan(200);
    expect(bootstrapMedianDifferenceCI([], [1])).toBeNull();
  });

  it("brackets the median difference of 2 × 10k calls with its bootstrap interval", () => {
    const rand = mulberry32(3);
    const a = Array.from({ length: 10_000 }, () => 800 * Math.exp(rand()));
    const b = Array.from({ length: 10_000 }, () => 820 * Math.exp(rand()));
    const c = compareLatency(a, b)!;
    expect(c.ci.lower).toBeLessThanOrEqual(c.difference);
    expect(c.ci.upper).toBeGreaterThanOrEqual(c.difference);
    expect(c.significant).toBe(c.pValue < 0.05);
  });
});
