import { describe, expect, it } from "vitest";
import { DRIFT_METRICS } from "./drift-params";
import {
  type DriftGroupWindows,
  type WindowHistograms,
  bucketRangeLabel,
  buildDriftReport,
  driftDetail,
  driftTableRows,
  normaliseHistogram,
  outcomeBars,
  overlayBars,
  sortDriftRows,
} from "./drift-report";
import { LATENCY_MS_LAYOUT, QUALITY_LAYOUT, TOKENS_LAYOUT, emptyHistogram, histogramOf } from "./latency-buckets";

const windows = {
  baseline: { from: new Date("2026-10-01T00:00:00Z"), to: new Date("2026-10-29T00:00:00Z") },
  current: { from: new Date("2026-10-29T00:00:00Z"), to: new Date("2026-11-05T00:00:00Z") },
};
const thresholds = { watch: 0.1, alert: 0.2 };

const repeat = (value: number, times: number) => new Array<number>(times).fill(value);

function windowOf(opts: {
  latencies?: number[];
  requests?: number;
  errorTypes?: Record<string, number>;
  quality?: number[];
  tokens?: number[];
}): WindowHistograms {
  const latencies = opts.latencies ?? [];
  const errors = Object.values(opts.errorTypes ?? {}).reduce((s, x) => s + x, 0);
  return {
    requests: opts.requests ?? latencies.length,
    errors,
    errorTypes: opts.errorTypes ?? {},
    latencyHist: histogramOf(latencies, LATENCY_MS_LAYOUT),
    inputTokenHist: histogramOf(opts.tokens ?? [], TOKENS_LAYOUT),
    outputTokenHist: histogramOf(opts.tokens ?? [], TOKENS_LAYOUT),
    qualityHist: histogramOf(opts.quality ?? [], QUALITY_LAYOUT),
  };
}

// Baseline: 50 calls at 120 ms (bucket [112, 126)) and 50 at 250 ms ([224, 251)); current: 25 and 75.
// Deciles of the baseline group the buckets into [0, 126), [126, 251), [251, ∞) with shares 0.5 / 0.5 / 0
// against 0.25 / 0.75 / 0, so PSI = (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5)
//                                  = 0.25·ln 2 + 0.25·ln 1.5 = 0.173287 + 0.101366 = 0.274653,
// and KS = |0.5 − 0.25| = 0.25 at the 126 ms edge.
const moved: DriftGroupWindows = {
  model: "gpt-4.1",
  workflow: "rag-answers",
  baseline: windowOf({ latencies: [...repeat(120, 50), ...repeat(250, 50)] }),
  current: windowOf({ latencies: [...repeat(120, 25), ...repeat(250, 75)] }),
};

describe("the drift report", () => {
  it("computes PSI and KS per metric from the summed histograms, with the level at the thresholds", () => {
    const report = buildDriftReport([moved], { windows, thresholds, minSamples: 100 });
    const latency = report.rows[0].metrics.latency;
    expect(latency.psi).toBeCloseTo(0.274653, 5);
    expect(latency.ks).toBeCloseTo(0.25, 12);
    expect(latency.level).toBe("alert");
    expect(latency.samples).toEqual({ baseline: 100, current: 100 });
    expect(report.rows[0].level).toBe("alert");
    expect(report.rows[0].maxPsi).toBeCloseTo(0.274653, 5);
    // The same PSI is only a watch when alert is set above it.
    expect(buildDriftReport([moved], { windows, thresholds: { watch: 0.1, alert: 0.3 }, minSamples: 100 }).rows[0].metrics.latency.level).toBe("watch");
    expect(buildDriftReport([moved], { windows, thresholds: { watch: 0.28, alert: 0.3 }, minSamples: 100 }).rows[0].metrics.latency.level).toBe("stable");
  });

  it("says 'not enough data' below the minimum sample, still showing the counts and percentiles", () => {
    const report = buildDriftReport([moved], { windows, thresholds, minSamples: 101 });
    const latency = report.rows[0].metrics.latency;
    expect(latency).toMatchObject({ psi: null, ks: null, level: "insufficient", samples: { baseline: 100, current: 100 } });
    expect(latency.percentiles?.p50.baseline).toBeCloseTo(126, 9);
    // Metrics without any values (no quality scores here) are insufficient too, and the row as a whole.
    expect(report.rows[0].metrics.quality).toMatchObject({ level: "insufficient", samples: { baseline: 0, current: 0 }, percentiles: null });
    expect(report.rows[0].level).toBe("insufficient");
    expect(report.counts.insufficient).toBe(DRIFT_METRICS.length);
  });

  it("reads the percentile shift from the histograms (p50 126 → 233 ms, p95 248.3 → 249.2 ms)", () => {
    const p = buildDriftReport([moved], { windows, thresholds, minSamples: 100 }).rows[0].metrics.latency.percentiles!;
    // Baseline p50: rank 50 ends bucket [112, 126) → 126. Current p50: rank 50 is 25 into the 75 calls of
    // [224, 251) → 224 + 25/75 · 27 = 233. p95: 224 + 45/50 · 27 = 248.3 and 224 + 70/75 · 27 = 249.2.
    expect(p.p50.baseline).toBeCloseTo(126, 9);
    expect(p.p50.current).toBeCloseTo(233, 9);
    expect(p.p95.baseline).toBeCloseTo(248.3, 9);
    expect(p.p95.current).toBeCloseTo(249.2, 9);
  });

  it("compares error types as a per-call distribution including calls without error", () => {
    // Baseline 1000 calls, 20 timeouts; current 1000 calls, 20 timeouts and 40 rate limits.
    // Shares (no error, rate_limit, timeout): 0.98, 0 → 1e-4, 0.02 vs 0.94, 0.04, 0.02:
    // PSI = (0.94 − 0.98)·ln(0.94/0.98) + (0.04 − 1e-4)·ln(0.04/1e-4) = 0.0016669 + 0.2390595 = 0.2407264.
    const group: DriftGroupWindows = {
      model: "m",
      workflow: "w",
      baseline: windowOf({ requests: 1000, errorTypes: { timeout: 20 } }),
      current: windowOf({ requests: 1000, errorTypes: { timeout: 20, rate_limit: 40 } }),
    };
    const result = buildDriftReport([group], { windows, thresholds, minSamples: 100 }).rows[0].metrics.errorType;
    expect(result.psi).toBeCloseTo(0.2407264, 6);
    expect(result).toMatchObject({ ks: null, level: "alert", samples: { baseline: 1000, current: 1000 } });
    expect(outcomeBars(group.baseline!, group.current!)).toEqual([
      { label: "(no error)", baseline: 0.98, current: 0.94 },
      { label: "rate_limit", baseline: 0, current: 0.04 },
      { label: "timeout", baseline: 0.02, current: 0.02 },
    ]);
  });

  it("calls an unchanged distribution stable and lists pairs seen in one window apart", () => {
    const same: DriftGroupWindows = {
      model: "claude-haiku",
      workflow: "support-chat",
      baseline: windowOf({ latencies: [...repeat(120, 400), ...repeat(250, 400)], quality: repeat(0.82, 300) }),
      current: windowOf({ latencies: [...repeat(120, 100), ...repeat(250, 100)], quality: repeat(0.82, 150) }),
    };
    const started: DriftGroupWindows = { model: "new-model", workflow: "support-chat", baseline: null, current: windowOf({ latencies: repeat(100, 500) }) };
    const report = buildDriftReport([same, started], { windows, thresholds, minSamples: 100 });
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0].metrics.latency).toMatchObject({ psi: 0, ks: 0, level: "stable" });
    expect(report.rows[0].metrics.quality).toMatchObject({ psi: 0, level: "stable", samples: { baseline: 300, current: 150 } });
    expect(report.oneWindowOnly).toEqual([{ model: "new-model", workflow: "support-chat", requests: { baseline: 0, current: 500 } }]);
  });

  it("sorts the most moved first, with rows lacking data last in either direction", () => {
    const calm: DriftGroupWindows = { ...moved, model: "calm", baseline: moved.baseline, current: moved.baseline };
    const report = buildDriftReport([calm, moved], { windows, thresholds, minSamples: 100 });
    expect(report.rows.map((r) => r.model)).toEqual(["gpt-4.1", "calm"]);
    const rows = driftTableRows(report);
    expect(rows).toHaveLength(2 * DRIFT_METRICS.length);
    const desc = sortDriftRows(rows, "psi", "desc");
    expect(desc[0]).toMatchObject({ model: "gpt-4.1", metric: "latency" });
    expect(desc.at(-1)!.psi).toBeNull();
    const asc = sortDriftRows(rows, "psi", "asc");
    expect(asc[0].psi).toBe(0);
    expect(asc.at(-1)!.psi).toBeNull();
    expect(sortDriftRows(rows, "model", "asc")[0].model).toBe("calm");
  });
});

describe("overlaid histograms", () => {
  it("label buckets readably and give each window's share per bucket over the used range", () => {
    const bars = overlayBars(moved.baseline!.latencyHist, moved.current!.latencyHist, LATENCY_MS_LAYOUT);
    expect(bars).toHaveLength(7); // buckets [112, 126) … [224, 251)
    expect(bars[0]).toEqual({ label: "112–126 ms", baseline: 0.5, current: 0.25 });
    expect(bars[6]).toEqual({ label: "224–251 ms", baseline: 0.5, current: 0.75 });
    expect(bars.reduce((s, b) => s + b.current, 0)).toBeCloseTo(1, 12);
  });

  it("merge neighbouring buckets when the range is wide", () => {
    const wide = overlayBars(histogramOf([1, 10_000]), histogramOf([2, 20_000]), LATENCY_MS_LAYOUT, 10);
    expect(wide.length).toBeLessThanOrEqual(10);
    expect(wide.reduce((s, b) => s + b.baseline, 0)).toBeCloseTo(1, 12);
    expect(wide[0].label).toBe("1–2.82 ms");
  });

  it("reads units at every scale", () => {
    expect(bucketRangeLabel(1120, 1260, TOKENS_LAYOUT)).toBe("1.12k–1.26k tokens");
    expect(bucketRangeLabel(0, 1, TOKENS_LAYOUT)).toBe("0 tokens");
    expect(bucketRangeLabel(891, 1000, LATENCY_MS_LAYOUT)).toBe("891 ms–1 s");
    expect(bucketRangeLabel(1000, 1120, LATENCY_MS_LAYOUT)).toBe("1–1.12 s");
    expect(bucketRangeLabel(0, 1, LATENCY_MS_LAYOUT)).toBe("< 1 ms");
    expect(bucketRangeLabel(1_000_000, Number.POSITIVE_INFINITY, LATENCY_MS_LAYOUT)).toBe("≥ 16.7 min");
    expect(bucketRangeLabel(0.8, 0.85, QUALITY_LAYOUT)).toBe("0.80–0.85");
  });

  it("finds the selected row's chart, or nothing for a row not in the report", () => {
    const report = buildDriftReport([moved], { windows, thresholds, minSamples: 100 });
    const detail = driftDetail(report, [moved], { metric: "latency", model: "gpt-4.1", workflow: "rag-answers" });
    expect(detail?.bars[0].label).toBe("112–126 ms");
    expect(detail?.result.level).toBe("alert");
    expect(driftDetail(report, [moved], { metric: "latency", model: "other", workflow: "rag-answers" })).toBeNull();
  });

  it("pads histograms stored shorter than their layout with zeros", () => {
    expect(normaliseHistogram([1, null, 3], QUALITY_LAYOUT)).toEqual([1, 0, 3, ...emptyHistogram(QUALITY_LAYOUT).slice(3)]);
    expect(normaliseHistogram(null, QUALITY_LAYOUT)).toEqual(emptyHistogram(QUALITY_LAYOUT));
  });
});

describe("token histograms", () => {
  it("show zero tokens as its own bar and name whole-number ranges", () => {
    const bars = overlayBars(histogramOf([0, 0, 120, 130], TOKENS_LAYOUT), histogramOf([0, 125, 140, 140], TOKENS_LAYOUT), TOKENS_LAYOUT);
    expect(bars[0]).toEqual({ label: "0 tokens", baseline: 0.5, current: 0.25 });
    // 120 and 125 fall in [112, 126), i.e. 112–125 tokens; 130 and 140 in [126, 141), 126–140 tokens.
    expect(bars.slice(1)).toEqual([
      { label: "112–125 tokens", baseline: 0.25, current: 0.25 },
      { label: "126–140 tokens", baseline: 0.25, current: 0.5 },
    ]);
    expect(bucketRangeLabel(1, 1.12, TOKENS_LAYOUT)).toBe("1 token");
  });
});
