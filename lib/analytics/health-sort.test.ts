import { describe, expect, it } from "vitest";
import { type HealthRow, nextSort, parseSort, sortParams, sortRows } from "./health-sort";
import { METRIC_KEYS, type MetricComparison, type ModelHealth } from "./overview";

const row = (model: string, requests: number | null, modelName: string | null = null): HealthRow => {
  const metrics: Record<string, MetricComparison> = Object.fromEntries(
    METRIC_KEYS.map((k) => [k, { value: null, previous: null, change: null, relativeChange: null }]),
  );
  metrics.requests = { value: requests, previous: null, change: null, relativeChange: null };
  return { model, modelId: null, modelName, metrics, errorTypes: [] } as unknown as ModelHealth;
};

describe("health table order", () => {
  it("defaults to calls, most first, and reads a named column with its direction", () => {
    expect(parseSort(null, null)).toEqual({ key: "requests", dir: "desc" });
    expect(parseSort("name", null)).toEqual({ key: "name", dir: "asc" });
    expect(parseSort("errorRate", "asc")).toEqual({ key: "errorRate", dir: "asc" });
    expect(parseSort("dropTables", "asc")).toEqual({ key: "requests", dir: "asc" });
    expect(sortParams("model")).toEqual({ key: "msort", dir: "mdir" });
  });

  it("flips the same column and starts a new one A→Z for names, largest first for figures", () => {
    expect(nextSort({ key: "requests", dir: "desc" }, "requests")).toEqual({ key: "requests", dir: "asc" });
    expect(nextSort({ key: "requests", dir: "desc" }, "name")).toEqual({ key: "name", dir: "asc" });
    expect(nextSort({ key: "name", dir: "asc" }, "costUsd")).toEqual({ key: "costUsd", dir: "desc" });
  });

  it("puts rows without a value last in both directions and breaks ties by the shown name", () => {
    const rows = [row("b", 5), row("none", null), row("a", 5), row("c", 9, "Zed")];
    expect(sortRows(rows, { key: "requests", dir: "desc" }).map((r) => ("model" in r ? r.model : ""))).toEqual(["c", "a", "b", "none"]);
    expect(sortRows(rows, { key: "requests", dir: "asc" }).map((r) => ("model" in r ? r.model : ""))).toEqual(["a", "b", "c", "none"]);
    expect(sortRows(rows, { key: "name", dir: "asc" }).map((r) => ("model" in r ? r.model : ""))).toEqual(["a", "b", "none", "c"]);
  });
});
