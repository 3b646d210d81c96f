import { describe, expect, it } from "vitest";
import { LATENCY_MS_LAYOUT, TOKENS_LAYOUT, histogramOf } from "./latency-buckets";
import { OTHER_MODELS, bucketStarts, buildTimeseries, histogramBars } from "./timeseries";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const H = 3_600_000;
const row = (
  t: number,
  model: string,
  costUsd: number,
  extra: Partial<{ requests: number; errors: number; fallbacks: number; retries: number; latency: number[] }> = {},
) => ({
  t,
  model,
  costUsd,
  requests: extra.requests ?? 1,
  errors: extra.errors ?? 0,
  fallbacks: extra.fallbacks ?? 0,
  retries: extra.retries ?? 0,
  latencyHist: extra.latency ? histogramOf(extra.latency, LATENCY_MS_LAYOUT) : null,
});

describe("time buckets", () => {
  it("cover the range in whole UTC hours or days", () => {
    expect(bucketStarts(new Date(T0), new Date(T0 + 3 * H), "hour")).toEqual([T0, T0 + H, T0 + 2 * H]);
    // A range starting mid-day begins with that day's bucket.
    expect(bucketStarts(new Date(T0 + 5 * H), new Date(T0 + 49 * H), "day")).toEqual([T0, T0 + 24 * H, T0 + 48 * H]);
  });
});

describe("the chart series", () => {
  const range = { from: new Date(T0), to: new Date(T0 + 3 * H), granularity: "hour" as const };

  it("stack cost by the costliest models and put the rest under one 'Other models' series", () => {
    const rows = [row(T0, "a", 5), row(T0, "b", 4), row(T0 + H, "c", 1), row(T0 + H, "d", 0.5), row(T0 + H, "a", 1)];
    const ts = buildTimeseries(rows, { input: null, output: null }, range, 2);
    expect(ts.series).toEqual(["a", "b", OTHER_MODELS]);
    expect(ts.points.map((p) => p.cost)).toEqual([
      { a: 5, b: 4, [OTHER_MODELS]: 0 },
      { a: 1, b: 0, [OTHER_MODELS]: 1.5 },
      { a: 0, b: 0, [OTHER_MODELS]: 0 },
    ]);
    // One model over the limit is named rather than hidden under "Other models".
    expect(buildTimeseries(rows.slice(0, 3), { input: null, output: null }, range, 2).series).toEqual(["a", "b", "c"]);
  });

  it("give rates per bucket and nulls for a bucket without traffic", () => {
    const rows = [
      row(T0, "a", 1, { requests: 4, errors: 1, fallbacks: 2, retries: 1, latency: [100, 100, 100, 100] }),
      row(T0, "b", 1, { requests: 6, errors: 1 }),
    ];
    const [first, , empty] = buildTimeseries(rows, { input: null, output: null }, range).points;
    expect(first).toMatchObject({ t: "2026-01-01T00:00:00.000Z", requests: 10, costUsd: 2, errorRate: 0.2, fallbackRate: 0.2, retryRate: 0.1 });
    expect(first.latencyP50Ms).toBeCloseTo(106, 9); // four calls in [100, 112): 100 + 2/4 × 12
    expect(empty).toMatchObject({ requests: 0, errorRate: null, fallbackRate: null, latencyP50Ms: null });
  });
});

describe("token distribution bars", () => {
  it("span the first to the last non-empty bucket with their edges", () => {
    const bars = histogramBars(histogramOf([100, 100, 250], TOKENS_LAYOUT));
    expect(bars[0]).toEqual({ lower: 100, upper: 112, count: 2 });
    expect(bars.at(-1)).toEqual({ lower: 224, upper: 251, count: 1 }); // edges 100, 112, 126, …, 200, 224, 251
    expect(bars.length).toBe(8);
    expect(bars.reduce((n, b) => n + b.count, 0)).toBe(3);
    expect(histogramBars(histogramOf([3_000_000], TOKENS_LAYOUT))).toEqual([{ lower: 2_000_000, upper: null, count: 1 }]);
    expect(histogramBars(histogramOf([], TOKENS_LAYOUT))).toEqual([]);
  });
});
