import { describe, expect, it } from "vitest";
import { compareValues } from "@/lib/analytics/overview";
import { describeChange, formatMetric, formatRange } from "./format";

describe("formatting analytics numbers", () => {
  it("writes each unit the way a reader expects", () => {
    expect(formatMetric("usd", 488.342)).toBe("$488.34");
    expect(formatMetric("usd", 0.006058)).toBe("$0.00606");
    expect(formatMetric("usd", 12345.6)).toBe("$12,346");
    expect(formatMetric("ms", 850.4)).toBe("850 ms");
    expect(formatMetric("ms", 7020.2)).toBe("7.02 s");
    expect(formatMetric("ms", 11204)).toBe("11.2 s");
    expect(formatMetric("rate", 0.0118)).toBe("1.2 %");
    expect(formatMetric("rate", 0.0051)).toBe("0.51 %");
    expect(formatMetric("tokens", 269_641_395)).toBe("269.6M");
    expect(formatMetric("count", 80599)).toBe("80,599");
    expect(formatMetric("score", null)).toBe("—");
  });

  it("describes changes: relative for amounts, points for rates, coloured by which way is better", () => {
    const cost = describeChange("usd", compareValues(110, 100), "lower");
    expect([cost.direction, cost.text, cost.tone]).toEqual(["up", "+10.0 %", "bad"]);
    expect(cost.sentence).toBe("up 10.0 % from $100.00 in the previous period");
    const errors = describeChange("rate", compareValues(0.01, 0.0125), "lower");
    expect([errors.direction, errors.text, errors.tone]).toEqual(["down", "−0.25 pp", "good"]);
    const quality = describeChange("score", compareValues(0.9, 0.8), "higher");
    expect([quality.text, quality.tone]).toEqual(["+0.10", "good"]);
    expect(describeChange("count", compareValues(5, 0), "neither")).toMatchObject({ direction: "new", tone: "neutral" });
    expect(describeChange("count", compareValues(1000, 1001), "neither")).toMatchObject({ direction: "flat", text: "±0" });
    expect(describeChange("score", compareValues(0.9, null), "higher")).toMatchObject({ direction: "unknown", sentence: "no figure for the previous period" });
  });

  it("shows a range of whole days by its first and last day", () => {
    expect(formatRange({ from: "2026-03-08T00:00:00.000Z", to: "2026-03-15T00:00:00.000Z" })).toBe("8 Mar 2026 – 14 Mar 2026");
    expect(formatRange({ from: "2026-03-08T17:00:00.000Z", to: "2026-03-09T17:00:00.000Z" })).toBe("8 Mar 2026, 17:00 – 9 Mar 2026, 17:00 UTC");
  });
});
