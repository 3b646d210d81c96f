import { describe, expect, it } from "vitest";
import { type ArmFigures, buildCompareReport, formatPoints, formatRate, welchMeanDifference } from "./compare-report";
import { mulberry32, normalSampler } from "./random";

function arm(label: string, over: Partial<ArmFigures> = {}): ArmFigures {
  return {
    label,
    calls: 2000,
    errors: 0,
    fallbacks: 0,
    retried: 0,
    latency: { n: 0, mean: null, variance: null, p50: null, p95: null },
    latencySample: [],
    cost: { n: 0, mean: null, variance: null },
    quality: { n: 0, mean: null, variance: null },
    ...over,
  };
}

const row = (report: ReturnType<typeof buildCompareReport>, key: string) => report.rows.find((r) => r.key === key)!;

describe("Welch difference of means", () => {
  it("matches the hand computation", () => {
    // SE = √(4e-6/400 + 9e-6/500) = √2.8e-8 = 1.673320e-4; d = 0.0005; z = 2.988072; p = 0.002807;
    // CI = 0.0005 ± 1.959964 · 1.673320e-4 = [1.720353e-4, 8.279647e-4].
    const w = welchMeanDifference({ n: 400, mean: 0.01, variance: 4e-6 }, { n: 500, mean: 0.0105, variance: 9e-6 })!;
    expect(w.difference).toBeCloseTo(0.0005, 12);
    expect(w.z).toBeCloseTo(2.988072, 5);
    expect(w.pValue).toBeCloseTo(0.002807, 5);
    expect(w.ci.lower).toBeCloseTo(1.720353e-4, 9);
    expect(w.ci.upper).toBeCloseTo(8.279647e-4, 9);
    expect(w.significant).toBe(true);
  });

  it("declines below 30 values per arm and handles zero variance", () => {
    expect(welchMeanDifference({ n: 29, mean: 1, variance: 1 }, { n: 500, mean: 2, variance: 1 })).toBeNull();
    expect(welchMeanDifference({ n: 40, mean: 1, variance: 0 }, { n: 40, mean: 1, variance: 0 })).toMatchObject({ pValue: 1, significant: false });
    expect(welchMeanDifference({ n: 40, mean: 1, variance: 0 }, { n: 40, mean: 2, variance: 0 })).toMatchObject({ pValue: 0, significant: true });
  });
});

describe("the comparison report", () => {
  it("calls a 5 % → 3 % error rate on 2,000 calls per arm significant, in plain words", () => {
    // Pooled p = 0.04, SE = √(0.04 · 0.96 · 2/2000) = 0.0061968, z = −0.02/0.0061968 = −3.2275, p = 0.00125.
    const report = buildCompareReport(arm("gpt-4o", { errors: 100 }), arm("gpt-4.1", { errors: 60 }), { alpha: 0.05, mde: null });
    const errors = row(report, "errorRate");
    expect(errors.difference).toBeCloseTo(-0.02, 12);
    expect(errors.pValue).toBeCloseTo(0.00125, 4);
    expect(errors).toMatchObject({ significant: true, assessment: "better" });
    expect(errors.verdict).toBe("gpt-4.1's error rate is 2.0 points lower (3.0 % vs 5.0 %), significant at 95 % (p = 0.001).");
    // 0.05 vs 0.03 at α 0.05 and 80 % power needs 1506 per arm (pooled Fleiss): both arms already have it.
    expect(errors.sampleSize).toEqual({ required: 1506, remaining: 0, forDifference: expect.closeTo(0.02, 12), fromMde: false });
  });

  it("says how many more calls per arm the same rates need on 100 calls", () => {
    const report = buildCompareReport(arm("A", { calls: 100, errors: 5 }), arm("B", { calls: 100, errors: 3 }), { alpha: 0.05, mde: null });
    const errors = row(report, "errorRate");
    expect(errors.significant).toBe(false);
    expect(errors.assessment).toBe("unclear");
    expect(errors.sampleSize?.remaining).toBe(1406);
    expect(errors.verdict).toMatch(
      /^Not significant yet \(p = 0\.\d+; 3\.0 % vs 5\.0 %\): ~1,406 more calls per arm needed to detect a 2\.0-point difference\.$/,
    );
  });

  it("sizes for the minimum detectable effect when one is set", () => {
    // 5 % vs 5.5 % (mde 0.5 points): pooled Fleiss n = 31,231 per arm.
    const report = buildCompareReport(arm("A", { calls: 1000, errors: 50 }), arm("B", { calls: 1000, errors: 52 }), { alpha: 0.05, mde: 0.5 });
    const errors = row(report, "errorRate");
    expect(errors.sampleSize).toMatchObject({ fromMde: true, forDifference: expect.closeTo(0.005, 12) });
    expect(errors.sampleSize!.required).toBeGreaterThan(31_000);
    expect(errors.sampleSize!.required).toBeLessThan(31_500);
    expect(errors.verdict).toContain("(the minimum you set)");
  });

  it("compares latency with the rank test and a bootstrap interval, and means with Welch", () => {
    const normal = normalSampler(mulberry32(7));
    const slow = Array.from({ length: 3000 }, () => Math.round(1000 * Math.exp(0.3 * normal())));
    const fast = Array.from({ length: 3000 }, () => Math.round(800 * Math.exp(0.3 * normal())));
    const latency = (p50: number) => ({ n: 3000, mean: p50 * 1.05, variance: (0.3 * p50) ** 2, p50, p95: p50 * 1.6 });
    const report = buildCompareReport(
      arm("A", {
        latencySample: slow,
        latency: latency(1000),
        cost: { n: 2000, mean: 0.002, variance: 1e-6 },
        quality: { n: 400, mean: 0.8, variance: 0.0064 },
      }),
      arm("B", { latencySample: fast, latency: latency(800), cost: { n: 2000, mean: 0.002, variance: 1e-6 }, quality: { n: 10, mean: 0.9, variance: 0.0064 } }),
      { alpha: 0.05, mde: null, resamples: 200 },
    );
    const p50 = row(report, "latencyP50");
    expect(p50).toMatchObject({ a: 1000, b: 800, difference: -200, significant: true, assessment: "better" });
    expect(p50.ci!.lower).toBeLessThan(-150);
    expect(p50.ci!.upper).toBeGreaterThan(-250);
    expect(p50.ci!.upper).toBeLessThan(0);
    expect(p50.verdict).toBe("B's median latency is 200 ms lower (800 ms vs 1,000 ms), significant at 95 % (Mann–Whitney p < 0.001).");
    expect(row(report, "costPerCall")).toMatchObject({ difference: 0, significant: false, assessment: "unclear" });
    expect(row(report, "quality")).toMatchObject({
      assessment: "insufficient",
      verdict: "Not enough data: 400 and 10 scored calls; the test needs 30 per arm.",
    });
    // Same latency in both arms: not significant.
    const same = buildCompareReport(arm("A", { latencySample: slow, latency: latency(1000) }), arm("B", { latencySample: slow, latency: latency(1000) }), {
      alpha: 0.05,
      mde: null,
      resamples: 50,
    });
    expect(row(same, "latencyP50")).toMatchObject({ significant: false, assessment: "unclear" });
  });

  it("reports an arm without calls as not enough data instead of failing", () => {
    const report = buildCompareReport(arm("A"), arm("B", { calls: 0 }), { alpha: 0.05, mde: null });
    expect(row(report, "errorRate")).toMatchObject({ assessment: "insufficient", pValue: null });
    expect(row(report, "latencyP50")).toMatchObject({ assessment: "insufficient" });
  });

  it("formats rates and points readably", () => {
    expect(formatRate(0.0234)).toBe("2.3 %");
    expect(formatRate(0.0045)).toBe("0.45 %");
    expect(formatPoints(-0.012)).toBe("1.2 points");
    expect(formatPoints(0.0035)).toBe("0.35 points");
  });
});
