import { describe, expect, it } from "vitest";
import { LATENCY_MS_LAYOUT, histogramOf } from "./latency-buckets";
import { type PeriodGroupRow, addAggregate, buildOverview, compareValues, emptyAggregate, groupOverviewRows, metricsOf } from "./overview";

const lat = (...values: number[]) => histogramOf(values, LATENCY_MS_LAYOUT);

function row(period: "current" | "previous", workflow: string, model: string, fields: Partial<PeriodGroupRow>): PeriodGroupRow {
  return { ...emptyAggregate(), period, workflow, model, ...fields };
}

describe("metrics of one aggregate", () => {
  it("divides by requests and reads percentiles from the histogram", () => {
    // 4 calls at 100 ms: the bucket [100, 112) holds all four; p50 → rank 2 of 4 → 100 + 2/4 × 12 = 106.
    // p95 → rank 3.8 → 100 + 3.8/4 × 12 = 111.4. TTFT: 2 calls at 20 ms, bucket [20, 22.4): p50 = 20 + 1/2 × 2.4 = 21.2.
    const m = metricsOf(
      addAggregate(emptyAggregate(), {
        requests: 4,
        errors: 1,
        retries: 6,
        fallbacks: 1,
        inputTokens: 4000,
        outputTokens: 600,
        costUsd: 0.1,
        latencyHist: lat(100, 100, 100, 100),
        ttftHist: lat(20, 20),
        errorTypes: { timeout: 1 },
      }),
    );
    expect(m.costPerTask).toBeCloseTo(0.025, 12);
    expect(m.errorRate).toBe(0.25);
    expect(m.retryRate).toBe(1.5); // retries per request: can exceed 1
    expect(m.fallbackRate).toBe(0.25);
    expect(m.latencyP50Ms).toBeCloseTo(106, 9);
    expect(m.latencyP95Ms).toBeCloseTo(111.4, 9);
    expect(m.ttftP50Ms).toBeCloseTo(21.2, 9);
    expect(m.errorTypes).toEqual([{ type: "timeout", count: 1, rate: 0.25 }]);
    expect([m.inputTokens, m.outputTokens]).toEqual([4000, 600]);
  });

  it("reports quality and feedback as null, not zero, when the calls carry none", () => {
    const none = metricsOf(addAggregate(emptyAggregate(), { requests: 3, latencyHist: lat(50, 60, 70) }));
    expect([none.qualityMean, none.feedbackUp, none.feedbackDown, none.feedbackPositiveShare, none.ttftP50Ms]).toEqual([null, null, null, null, null]);
    const some = metricsOf(addAggregate(emptyAggregate(), { requests: 3, qualitySum: 1.5, qualityCount: 2, feedbackUp: 3, feedbackDown: 1 }));
    expect(some.qualityMean).toBe(0.75);
    expect([some.feedbackUp, some.feedbackDown, some.feedbackPositiveShare]).toEqual([3, 1, 0.75]);
  });

  it("gives every rate as null for a group without requests", () => {
    const m = metricsOf(emptyAggregate());
    expect([m.requests, m.costUsd, m.costPerTask, m.errorRate, m.retryRate, m.fallbackRate, m.latencyP95Ms]).toEqual([0, 0, null, null, null, null, null]);
  });
});

describe("changes against the previous period", () => {
  it("are differences, relative to the previous value when it is not zero", () => {
    expect(compareValues(120, 100)).toEqual({ value: 120, previous: 100, change: 20, relativeChange: 0.2 });
    expect(compareValues(5, 0)).toEqual({ value: 5, previous: 0, change: 5, relativeChange: null });
    expect(compareValues(0.8, null)).toEqual({ value: 0.8, previous: null, change: null, relativeChange: null });
  });
});

describe("the overview built from period × workflow × model sums", () => {
  const rows = [
    row("current", "support-chat", "gpt-a", {
      requests: 10,
      errors: 1,
      costUsd: 1,
      latencyHist: lat(100, 100, 100, 100, 100, 100, 100, 100, 100, 100),
      errorTypes: { timeout: 1 },
      feedbackUp: 2,
    }),
    row("current", "support-chat", "claude-b", { requests: 30, errors: 3, retries: 3, costUsd: 1.5, errorTypes: { rate_limit: 2, timeout: 1 } }),
    row("current", "rag", "gpt-a", { requests: 20, costUsd: 0.5, qualitySum: 8, qualityCount: 10 }),
    row("previous", "support-chat", "gpt-a", { requests: 8, errors: 2, costUsd: 0.8, errorTypes: { timeout: 2 } }),
    // Traffic that stopped: only in the previous period.
    row("previous", "legacy", "old-model", { requests: 5, costUsd: 0.25 }),
  ];
  const groups = groupOverviewRows(rows);
  const range = { from: new Date("2026-01-08T00:00:00Z"), to: new Date("2026-01-15T00:00:00Z") };
  const previous = { from: new Date("2026-01-01T00:00:00Z"), to: new Date("2026-01-08T00:00:00Z") };
  const overview = buildOverview(groups, range, previous, {
    workflows: new Map([["support-chat", { id: "w1", name: "Support chat" }]]),
    models: new Map([["gpt-a", { id: "m1", name: "GPT A" }]]),
  });

  it("adds up totals over every workflow and model, with the previous period beside them", () => {
    const t = overview.totals.metrics;
    expect(t.requests).toEqual({ value: 60, previous: 13, change: 47, relativeChange: 47 / 13 });
    expect(t.costUsd.value).toBeCloseTo(3, 12);
    expect(t.costPerTask.value).toBeCloseTo(0.05, 12); // 3 / 60
    expect(t.costPerTask.previous).toBeCloseTo(1.05 / 13, 12);
    expect(t.errorRate.value).toBeCloseTo(4 / 60, 12);
    expect(t.errorRate.change).toBeCloseTo(4 / 60 - 2 / 13, 12);
    expect(t.qualityMean.value).toBe(0.8);
    expect(t.qualityMean.previous).toBeNull();
    expect(overview.range).toEqual({ from: "2026-01-08T00:00:00.000Z", to: "2026-01-15T00:00:00.000Z" });
    expect(overview.previousRange.from).toBe("2026-01-01T00:00:00.000Z");
  });

  it("merges error types across models, most frequent first (ties by name), with their previous rates", () => {
    expect(overview.totals.errorTypes.map((e) => [e.type, e.count, e.previousCount])).toEqual([
      ["rate_limit", 2, 0],
      ["timeout", 2, 2],
    ]);
    expect(overview.byWorkflow.find((w) => w.workflow === "support-chat")?.errorTypes.map((e) => [e.type, e.count])).toEqual([
      ["rate_limit", 2],
      ["timeout", 2],
    ]);
    const timeout = overview.totals.errorTypes[1];
    expect(timeout.rate).toBeCloseTo(2 / 60, 12);
    expect(timeout.previousRate).toBeCloseTo(2 / 13, 12);
  });

  it("groups per workflow and per model, busiest first, with catalog names where known", () => {
    expect(overview.byWorkflow.map((w) => [w.workflow, w.workflowName, w.metrics.requests.value, w.metrics.requests.previous])).toEqual([
      ["support-chat", "Support chat", 40, 8],
      ["rag", null, 20, 0],
      ["legacy", null, 0, 5],
    ]);
    const support = overview.byWorkflow[0];
    expect(support.metrics.errorRate.value).toBe(0.1); // 4 of 40
    expect(support.metrics.retryRate.value).toBeCloseTo(3 / 40, 12);
    // Only gpt-a's calls carried latency: p50 of ten calls at 100 ms = 100 + 5/10 × 12.
    expect(support.metrics.latencyP50Ms.value).toBeCloseTo(106, 9);
    expect(overview.byModel.map((m) => [m.model, m.modelId, m.metrics.requests.value])).toEqual([
      ["claude-b", null, 30],
      ["gpt-a", "m1", 30],
      ["old-model", null, 0],
    ]);
    const stopped = overview.byModel[2].metrics;
    expect([stopped.costPerTask.value, stopped.costPerTask.previous, stopped.errorRate.value]).toEqual([null, 0.05, null]);
    expect(overview.byModel[1].metrics.feedbackPositiveShare.value).toBe(1);
  });
});
