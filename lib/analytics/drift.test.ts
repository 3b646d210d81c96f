import { describe, expect, it } from "vitest";
import { driftLevel, kolmogorovQ, ksFromHistograms, ksPValue, ksStatistic, psi, psiDetail, psiFromCategories, psiFromCounts, psiFromHistograms } from "./drift";
import { makeLayout } from "./latency-buckets";

describe("psi over the baseline's quantile bins", () => {
  it("is 0 for identical samples", () => {
    const x = [5, 1, 9, 3, 3, 7, 2, 8, 6, 4, 10, 12];
    expect(psi(x, x)).toBe(0);
    expect(psi(x, [...x].reverse())).toBe(0); // order does not matter
  });

  it("hand-computed: baseline 1..8 in quartiles, current shifted by +2", () => {
    // Baseline cut points (type 7, h = 7·k/4): q.25 → h 1.75 → 2 + 0.75 = 2.75; q.5 → h 3.5 → 4.5;
    // q.75 → h 5.25 → 6 + 0.25 = 6.25. Bins (−∞,2.75] (2.75,4.5] (4.5,6.25] (6.25,∞).
    // Baseline {1,2} {3,4} {5,6} {7,8} → shares .25 .25 .25 .25
    // Current 3..10: {} {3,4} {5,6} {7,8,9,10} → shares 0 → 1e-4, .25, .25, .5
    // PSI = (1e-4 − .25)·ln(1e-4/.25) + 0 + 0 + (.5 − .25)·ln(.5/.25)
    //     = (−0.2499)(−7.824046) + 0.25·0.693147 = 1.955229 + 0.173287 = 2.128516
    const d = psiDetail([1, 2, 3, 4, 5, 6, 7, 8], [3, 4, 5, 6, 7, 8, 9, 10], { bins: 4 });
    expect(d?.edges).toEqual([2.75, 4.5, 6.25]);
    expect(d?.expected).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(d?.actual).toEqual([0, 0.25, 0.25, 0.5]);
    expect(d?.psi).toBeCloseTo(2.1285159, 6);
  });

  it("merges duplicate cut points from ties into one bin (right-closed, so the tie stays whole)", () => {
    // Baseline: six 0s and 1,2,3,4. Deciles (h = 9·k/10): k=1..5 → h 0.9..4.5 → 0 (x[0..5] = 0) except
    // k=6 → h 5.4 → 0 + 0.4·(1 − 0) = 0.4; k=7 → h 6.3 → 1.3; k=8 → h 7.2 → 2.2; k=9 → h 8.1 → 3.1.
    // Cut points 0,0,0,0,0,0.4,1.3,2.2,3.1 → deduplicated [0, 0.4, 1.3, 2.2, 3.1]: 6 bins.
    // Baseline per bin (−∞,0] (0,.4] (.4,1.3] (1.3,2.2] (2.2,3.1] (3.1,∞): 6 0 1 1 1 1 → .6 0 .1 .1 .1 .1
    // Current: 0,0,0,1,1,2,2,3,4,4 → 3 0 2 2 1 2 → .3 0 .2 .2 .1 .2
    // PSI = (.3−.6)ln(.3/.6) + (1e-4−1e-4)·0 + 2·(.2−.1)ln(2) + 0 + (.2−.1)ln(2)
    //     = 0.3·0.693147 + 3·0.1·0.693147 = 0.207944 + 0.207944 = 0.415888
    const base = [0, 0, 0, 0, 0, 0, 1, 2, 3, 4];
    const cur = [0, 0, 0, 1, 1, 2, 2, 3, 4, 4];
    const d = psiDetail(base, cur);
    expect(d?.edges.map((e) => Number(e.toFixed(10)))).toEqual([0, 0.4, 1.3, 2.2, 3.1]);
    expect(d?.expected.map((e) => Number(e.toFixed(10)))).toEqual([0.6, 0, 0.1, 0.1, 0.1, 0.1]);
    expect(d?.psi).toBeCloseTo(0.4158883, 6);
  });

  it("a constant baseline gives two bins: the point mass and everything above it", () => {
    // Every cut point is 7 → edges [7]; baseline 1, 0 → 1, 1e-4; current {7,7,8,9} → .5, .5
    // PSI = (.5 − 1)ln(.5) + (.5 − 1e-4)ln(.5/1e-4) = 0.346574 + 0.4999·8.517193 = 4.604318
    expect(psi([7, 7, 7, 7], [7, 7, 8, 9])).toBeCloseTo(4.6043185, 6);
  });

  it("returns null for an empty side and refuses bad input", () => {
    expect(psi([], [1])).toBeNull();
    expect(psi([1], [])).toBeNull();
    expect(() => psi([1, Number.NaN], [1])).toThrow(RangeError);
    expect(() => psi([1], [1], { bins: 1 })).toThrow(RangeError);
  });
});

describe("psiFromCounts / psiFromCategories", () => {
  it("hand-computed from explicit bin counts", () => {
    // e = .5 .3 .2, a = .4 .3 .3
    // PSI = (.4−.5)ln(.4/.5) + 0 + (.3−.2)ln(.3/.2) = 0.1·0.223144 + 0.1·0.405465 = 0.0628609
    expect(psiFromCounts([50, 30, 20], [40, 30, 30])).toBeCloseTo(0.0628609, 6);
    expect(psiFromCounts([5, 3, 2], [5, 3, 2])).toBe(0);
    expect(psiFromCounts([0, 0], [1, 2])).toBeNull();
    expect(() => psiFromCounts([1, 2], [1])).toThrow(RangeError);
  });

  it("categorical error types: union of categories, missing ones floored at 1e-4", () => {
    // Union: content_filter, rate_limit, server, timeout (each side totals 100)
    // content_filter: e 0 → 1e-4, a .2: (.2 − 1e-4)·ln(.2/1e-4) = 0.1999·7.600902 = 1.519420
    // rate_limit:     e .3, a .3: 0
    // server:         e .1, a 0 → 1e-4: (1e-4 − .1)·ln(1e-4/.1) = (−0.0999)(−6.907755) = 0.690085
    // timeout:        e .6, a .5: (−.1)·ln(.5/.6) = 0.1·0.182322 = 0.018232
    // PSI = 1.519420 + 0 + 0.690085 + 0.018232 = 2.227737
    const base = { timeout: 60, rate_limit: 30, server: 10 };
    const cur = { timeout: 50, rate_limit: 30, content_filter: 20 };
    expect(psiFromCategories(base, cur)).toBeCloseTo(2.2277373, 6);
    expect(psiFromCategories(base, base)).toBe(0);
  });
});

describe("psiFromHistograms (rollup path)", () => {
  // buckets: [0,10) [10,20) [20,30) [30,40) [40,∞)
  const layout = makeLayout("tiny", "ms", [10, 20, 30, 40]);

  it("groups buckets into baseline quartiles and matches the raw-sample example", () => {
    // Baseline [0,5,5,5,5], n 20, targets 5, 10, 15 → groups {0,1} {2} {3} {4}: 5 5 5 5 → .25 each
    // Current [0,10,5,5,0] → 10 5 5 0 → .5 .25 .25 0 → 1e-4
    // PSI = (.5−.25)ln 2 + 0 + 0 + (1e-4 − .25)ln(1e-4/.25) = 0.173287 + 1.955229 = 2.128516
    const d = psiFromHistograms([0, 5, 5, 5, 5], [0, 10, 5, 5, 0], layout, { bins: 4 });
    expect(d?.psi).toBeCloseTo(2.1285159, 6);
    expect(d?.bins.map((b) => [b.lower, b.upper])).toEqual([
      [0, 20],
      [20, 30],
      [30, 40],
      [40, Number.POSITIVE_INFINITY],
    ]);
  });

  it("a bucket holding every decile becomes one bin (the tie case)", () => {
    // Baseline all in bucket 1 → all 9 targets crossed there → groups {0,1} {2,3,4}: e = 1, 0 → 1e-4
    // Current [0,10,0,0,10] → .5 .5. PSI = (.5−1)ln(.5) + (.5−1e-4)ln(.5/1e-4) = 4.604318
    const d = psiFromHistograms([0, 20, 0, 0, 0], [0, 10, 0, 0, 10], layout);
    expect(d?.bins).toHaveLength(2);
    expect(d?.psi).toBeCloseTo(4.6043185, 6);
    expect(psiFromHistograms([0, 0, 0, 0, 0], [0, 1, 0, 0, 0], layout)).toBeNull();
  });
});

describe("ksStatistic", () => {
  it("is 0 for identical samples", () => {
    expect(ksStatistic([3, 1, 2, 2], [2, 3, 2, 1])).toBe(0);
  });

  it("hand-computed on two tiny samples with ties across them", () => {
    // a = 1,2,2,3 (n 4); b = 2,3,3,4,5 (m 5). After all values ≤ x on both sides:
    // x=1: Fa 1/4 = .25, Fb 0 → .25;  x=2: Fa 3/4 = .75, Fb 1/5 = .2 → .55
    // x=3: Fa 1, Fb 3/5 = .6 → .4;  x=4: 1 vs .8 → .2;  x=5: 1 vs 1 → 0.   D = .55
    expect(ksStatistic([1, 2, 2, 3], [2, 3, 3, 4, 5])).toBeCloseTo(0.55, 12);
    // Disjoint samples: D = 1
    expect(ksStatistic([1, 2], [3, 4])).toBe(1);
    expect(ksStatistic([], [1])).toBeNull();
  });

  it("from histograms: largest CDF gap at the bucket edges", () => {
    // cumulative shares a: 0, .5, 1, 1; b: 0, 0, .5, 1 → gaps 0, .5, .5, 0 → D = .5
    expect(ksFromHistograms([0, 2, 2, 0], [0, 0, 2, 2])).toBe(0.5);
    expect(ksFromHistograms([0, 0], [1, 0])).toBeNull();
  });
});

describe("ksPValue (asymptotic Kolmogorov)", () => {
  it("Q(λ) matches the series values", () => {
    // Q(λ) = 2 Σ (−1)^{j−1} e^{−2j²λ²}: Q(1) = 2(e^−2 − e^−8 + e^−18 …) = 2(0.135335 − 0.000335 + …) = 0.2700
    expect(kolmogorovQ(1)).toBeCloseTo(0.2699997, 6);
    expect(kolmogorovQ(0.5)).toBeCloseTo(0.9639452, 6); // small-λ (theta) branch
    expect(kolmogorovQ(1.3581)).toBeCloseTo(0.05, 4); // the classic 5 % critical value
    expect(kolmogorovQ(0)).toBe(1);
  });

  it("uses the effective size n·m/(n+m)", () => {
    // n = m = 50 → ne = 25, √ne = 5; D = 0.27162 → λ = 1.3581 → p ≈ 0.05
    expect(ksPValue(0.27162, 50, 50)).toBeCloseTo(0.05, 4);
    expect(ksPValue(0, 10, 10)).toBe(1);
    expect(() => ksPValue(1.2, 10, 10)).toThrow(RangeError);
  });
});

describe("driftLevel", () => {
  it("is inclusive at the thresholds: 0.1 is watch, 0.2 is alert", () => {
    expect(driftLevel(0)).toBe("stable");
    expect(driftLevel(0.0999)).toBe("stable");
    expect(driftLevel(0.1)).toBe("watch");
    expect(driftLevel(0.1999)).toBe("watch");
    expect(driftLevel(0.2)).toBe("alert");
    expect(driftLevel(3)).toBe("alert");
  });

  it("takes settable thresholds", () => {
    expect(driftLevel(0.15, { watch: 0.05, alert: 0.15 })).toBe("alert");
    expect(driftLevel(0.1, { watch: 0.05, alert: 0.15 })).toBe("watch");
    expect(driftLevel(0.1, { alert: 0.5 })).toBe("watch"); // watch keeps its default
    expect(() => driftLevel(0.1, { watch: 0.3, alert: 0.2 })).toThrow(RangeError);
  });
});
