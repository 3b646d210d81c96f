import { describe, expect, it } from "vitest";
import { computeGate, directionOf, firstFailureReason, gateVerdictsByMetric, NO_BASELINE_RUN, NO_BASELINE_VALUE, readGateResult } from "./gate";

describe("absolute bounds", () => {
  it("passes a value exactly at the minimum and fails one just below (inclusive)", () => {
    expect(computeGate({ accuracy: 0.85 }, { accuracy: { min: 0.85 } }).passed).toBe(true);
    const below = computeGate({ accuracy: 0.81 }, { accuracy: { min: 0.85 } });
    expect(below.passed).toBe(false);
    expect(below.failing).toEqual(["accuracy"]);
    expect(below.metrics[0]).toEqual({
      metric: "accuracy",
      value: 0.81,
      baseline: null,
      min: 0.85,
      direction: "higher",
      delta: null,
      passed: false,
      reasons: ["accuracy 0.81 is below the minimum 0.85"],
    });
  });

  it("passes a value exactly at the maximum and fails one just above (inclusive)", () => {
    expect(computeGate({ p95_latency_ms: 8000 }, { p95_latency_ms: { max: 8000 } }).passed).toBe(true);
    const above = computeGate({ p95_latency_ms: 8001 }, { p95_latency_ms: { max: 8000 } });
    expect(above.passed).toBe(false);
    expect(above.metrics[0]).toMatchObject({ direction: "lower", passed: false, reasons: ["p95_latency_ms 8001 is above the maximum 8000"] });
  });

  it("checks both bounds of a metric that has a range", () => {
    const thresholds = { temperature_calibration: { min: 0.4, max: 0.6 } };
    expect(computeGate({ temperature_calibration: 0.4 }, thresholds).passed).toBe(true);
    expect(computeGate({ temperature_calibration: 0.6 }, thresholds).passed).toBe(true);
    expect(computeGate({ temperature_calibration: 0.39 }, thresholds).metrics[0].reasons).toEqual(["temperature_calibration 0.39 is below the minimum 0.4"]);
    expect(computeGate({ temperature_calibration: 0.61 }, thresholds).metrics[0].reasons).toEqual(["temperature_calibration 0.61 is above the maximum 0.6"]);
  });
});

describe("regression against the baseline", () => {
  it("higher is better: a drop of exactly the allowance passes, a larger drop fails", () => {
    const thresholds = { faithfulness: { min: 0.8, maxRegression: 0.02 } };
    // 0.90 − 0.88 is 0.020000000000000018 in binary floating point: it must still count as 0.02.
    const atLimit = computeGate({ faithfulness: 0.88 }, thresholds, { faithfulness: 0.9 });
    expect(atLimit.passed).toBe(true);
    expect(atLimit.metrics[0]).toMatchObject({ baseline: 0.9, delta: -0.02, reasons: [] });

    const regressed = computeGate({ faithfulness: 0.86 }, thresholds, { faithfulness: 0.9 });
    expect(regressed.passed).toBe(false);
    expect(regressed.metrics[0]).toMatchObject({
      value: 0.86,
      baseline: 0.9,
      delta: -0.04,
      passed: false,
      reasons: ["faithfulness regressed by 0.04 against the baseline, more than the 0.02 allowed"],
    });
  });

  it("higher is better: an improvement is never a regression", () => {
    const result = computeGate({ faithfulness: 0.97 }, { faithfulness: { min: 0.8, maxRegression: 0 } }, { faithfulness: 0.9 });
    expect(result.passed).toBe(true);
    expect(result.metrics[0].delta).toBe(0.07);
  });

  it("lower is better: a rise beyond the allowance fails, a fall passes", () => {
    const thresholds = { p95_latency_ms: { max: 8000, maxRegression: 500 } };
    expect(computeGate({ p95_latency_ms: 5500 }, thresholds, { p95_latency_ms: 5000 }).passed).toBe(true);
    const slower = computeGate({ p95_latency_ms: 5600 }, thresholds, { p95_latency_ms: 5000 });
    expect(slower.metrics[0]).toMatchObject({
      direction: "lower",
      delta: 600,
      passed: false,
      reasons: ["p95_latency_ms regressed by 600 against the baseline, more than the 500 allowed"],
    });
    expect(computeGate({ p95_latency_ms: 3000 }, thresholds, { p95_latency_ms: 5000 }).passed).toBe(true);
  });

  it("reports both an absolute and a relative failure of one metric", () => {
    const result = computeGate({ accuracy: 0.8 }, { accuracy: { min: 0.85, maxRegression: 0.02 } }, { accuracy: 0.9 });
    expect(result.metrics[0].reasons).toEqual([
      "accuracy 0.8 is below the minimum 0.85",
      "accuracy regressed by 0.1 against the baseline, more than the 0.02 allowed",
    ]);
  });

  it("a regression-only threshold is higher-is-better unless it says lower", () => {
    expect(directionOf({ maxRegression: 0.1 })).toBe("higher");
    expect(directionOf({ min: 0.5, max: 0.9 })).toBe("higher");
    expect(directionOf({ max: 0.9 })).toBe("lower");
    expect(directionOf({ max: 0.9, direction: "higher" })).toBe("higher");
    // Cost rising 0.002 → 0.004 against an allowance of 0.001.
    const asHigher = computeGate({ cost: 0.004 }, { cost: { maxRegression: 0.001 } }, { cost: 0.002 });
    expect(asHigher.passed).toBe(true); // read as higher-is-better, a rise is an improvement
    const asLower = computeGate({ cost: 0.004 }, { cost: { maxRegression: 0.001, direction: "lower" } }, { cost: 0.002 });
    expect(asLower.metrics[0]).toMatchObject({ passed: false, reasons: ["cost regressed by 0.002 against the baseline, more than the 0.001 allowed"] });
  });
});

describe("missing values", () => {
  it("fails a thresholded metric the run does not report", () => {
    const result = computeGate({ faithfulness: 0.95 }, { faithfulness: { min: 0.9 }, hallucination_rate: { max: 0.05 } });
    expect(result.passed).toBe(false);
    expect(result.failing).toEqual(["hallucination_rate"]);
    expect(result.metrics[1]).toMatchObject({ value: null, delta: null, passed: false, reasons: ["metric hallucination_rate is missing from the run"] });
  });

  it("without a baseline value the regression is not checked and the absolute bounds still decide", () => {
    const thresholds = { accuracy: { min: 0.85, maxRegression: 0.02 }, f1: { min: 0.7, maxRegression: 0.02 } };
    // The baseline has accuracy but not f1.
    const result = computeGate({ accuracy: 0.9, f1: 0.5 }, thresholds, { accuracy: 0.91 });
    expect(result.metrics[0]).toMatchObject({ baseline: 0.91, delta: -0.01, passed: true, reasons: [] });
    expect(result.metrics[1]).toMatchObject({ baseline: null, delta: null, passed: false, reasons: ["f1 0.5 is below the minimum 0.7", NO_BASELINE_VALUE] });
    // f1 within its bound passes, the note stays.
    const passing = computeGate({ accuracy: 0.9, f1: 0.75 }, thresholds, { accuracy: 0.91 });
    expect(passing.passed).toBe(true);
    expect(passing.metrics[1].reasons).toEqual([NO_BASELINE_VALUE]);
  });

  it("without a baseline run the regression is not checked", () => {
    for (const baseline of [undefined, null]) {
      const result = computeGate({ accuracy: 0.86 }, { accuracy: { min: 0.85, maxRegression: 0.02 } }, baseline);
      expect(result.passed).toBe(true);
      expect(result.metrics[0].reasons).toEqual([NO_BASELINE_RUN]);
    }
  });
});

describe("the overall gate", () => {
  it("keeps metrics without thresholds as raw scores and does not let them gate", () => {
    const result = computeGate({ accuracy: 0.9, bleu: 0.01, toxicity: 0.5 }, { accuracy: { min: 0.85 } });
    expect(result.passed).toBe(true);
    expect(result.metrics.map((m) => m.metric)).toEqual(["accuracy"]);
    expect(result.ungated).toEqual(["bleu", "toxicity"]);
  });

  it("passes only when every thresholded metric passes", () => {
    const thresholds = {
      answer_accuracy: { min: 0.85, maxRegression: 0.02 },
      toxicity: { max: 0.01 },
      p95_latency_ms: { max: 8000 },
      cost_per_task_usd: { max: 0.01 },
    };
    const baseline = { answer_accuracy: 0.9, toxicity: 0.004, p95_latency_ms: 6000, cost_per_task_usd: 0.005 };
    const allPass = computeGate({ answer_accuracy: 0.89, toxicity: 0.002, p95_latency_ms: 7000, cost_per_task_usd: 0.006 }, thresholds, baseline);
    expect(allPass).toMatchObject({ passed: true, failing: [], ungated: [] });
    expect(allPass.metrics.every((m) => m.passed)).toBe(true);
    expect(allPass.metrics.map((m) => m.delta)).toEqual([-0.01, -0.002, 1000, 0.001]);

    const oneFails = computeGate({ answer_accuracy: 0.89, toxicity: 0.002, p95_latency_ms: 7000, cost_per_task_usd: 0.011 }, thresholds, baseline);
    expect(oneFails.passed).toBe(false);
    expect(oneFails.failing).toEqual(["cost_per_task_usd"]);
  });

  it("does not treat inherited object keys as metrics", () => {
    const result = computeGate({}, { constructor: { min: 0 } });
    expect(result.metrics[0]).toMatchObject({ value: null, passed: false });
  });
});

describe("reading a stored gate result", () => {
  it("returns the stored result as is", () => {
    const gate = computeGate({ a: 1 }, { a: { min: 0 } });
    expect(readGateResult(JSON.parse(JSON.stringify(gate)))).toEqual(gate);
  });

  it("recomputes the older keyed shape from the run's metrics", () => {
    const legacy = { a: { value: 0.5, min: 0.6, passed: false } };
    const result = readGateResult(legacy, { metrics: { a: 0.5 }, thresholds: { a: { min: 0.6 } } });
    expect(result).toMatchObject({ passed: false, failing: ["a"] });
    expect(readGateResult("nonsense")).toBeNull();
  });
});

describe("verdicts by metric", () => {
  it("reads both stored shapes", () => {
    const gate = computeGate({ a: 1, b: 0 }, { a: { min: 0 }, b: { min: 0.5 } });
    expect(gateVerdictsByMetric(JSON.parse(JSON.stringify(gate)))).toMatchObject({
      a: { passed: true },
      b: { passed: false, reasons: ["b 0 is below the minimum 0.5"] },
    });
    expect(gateVerdictsByMetric({ accuracy: { passed: false, value: 0.8 } })).toEqual({ accuracy: { passed: false, value: 0.8 } });
    expect(gateVerdictsByMetric(null)).toEqual({});
  });
});

describe("the first failure reason", () => {
  it("names why the gate failed, skipping the notes on what was not checked", () => {
    const gate = computeGate({ a: 1, b: 0 }, { a: { min: 0, maxRegression: 0.1 }, b: { min: 0.5, maxRegression: 0.1 } });
    expect(gate.metrics[1].reasons).toContain(NO_BASELINE_RUN);
    expect(firstFailureReason(gate)).toBe("b 0 is below the minimum 0.5");
    expect(firstFailureReason(computeGate({ a: 1 }, { a: { min: 0 } }))).toBeNull();
  });
});
