import { describe, expect, it } from "vitest";
import { BUDGET_WITH_CHARTS, BUDGET_WITHOUT_CHARTS, type BuildChunks, KIB, routeWeights, weightsTable } from "./pages-size";

// A build as its manifests describe it: a runtime shared by every route, polyfills, per-route entries
// that share chunks (layouts), one page drawing charts from its first load and one loading them later.
const SIZES: Record<string, number> = {
  "static/chunks/polyfills.js": 40 * KIB,
  "static/chunks/runtime.js": 100 * KIB,
  "static/chunks/layout.js": 10 * KIB,
  "static/chunks/app-layout.js": 5 * KIB,
  "static/chunks/page-a.js": 2 * KIB,
  "static/chunks/charts.js": 110 * KIB,
  "static/chunks/page-b.js": 3 * KIB,
};
const BUILD: BuildChunks = {
  polyfillFiles: ["static/chunks/polyfills.js"],
  rootMainFiles: ["static/chunks/runtime.js"],
  routes: [
    {
      route: "/drift",
      entries: {
        "[project]/app/layout": ["static/chunks/layout.js"],
        "[project]/app/(app)/layout": ["static/chunks/layout.js", "static/chunks/app-layout.js"],
        "[project]/app/(app)/drift/page": ["static/chunks/layout.js", "static/chunks/app-layout.js", "static/chunks/page-a.js", "static/chunks/charts.js"],
      },
      lazy: [],
    },
    {
      route: "/analytics",
      entries: {
        "[project]/app/layout": ["static/chunks/layout.js"],
        "[project]/app/(app)/analytics/page": ["static/chunks/layout.js", "static/chunks/page-b.js"],
      },
      lazy: ["static/chunks/charts.js", "static/chunks/page-b.js"],
    },
    { route: "/models", entries: { "[project]/app/layout": ["static/chunks/layout.js"] }, lazy: [] },
  ],
};
const facts = { gzipBytes: (f: string) => SIZES[f], drawsCharts: (f: string) => f.endsWith("charts.js") };

describe("first-load JavaScript per route", () => {
  const weights = routeWeights(BUILD, facts);
  const of = (route: string) => weights.find((w) => w.route === route)!;

  it("sums the runtime, the polyfills and every entry's chunks, each file once", () => {
    expect(of("/drift").firstLoad).toEqual([
      "static/chunks/polyfills.js",
      "static/chunks/runtime.js",
      "static/chunks/layout.js",
      "static/chunks/app-layout.js",
      "static/chunks/page-a.js",
      "static/chunks/charts.js",
    ]);
    expect(of("/drift").firstLoadBytes).toBe((40 + 100 + 10 + 5 + 2 + 110) * KIB);
    expect(of("/drift").polyfillBytes).toBe(40 * KIB);
    expect(of("/models").firstLoadBytes).toBe((40 + 100 + 10) * KIB);
  });

  it("counts chunks loaded on demand apart, and not again when the first load has them", () => {
    expect(of("/analytics").firstLoadBytes).toBe((40 + 100 + 10 + 3) * KIB);
    expect(of("/analytics").lazy).toEqual(["static/chunks/charts.js"]);
    expect(of("/analytics").lazyBytes).toBe(110 * KIB);
  });

  it("holds a route drawing charts (first or later) to 250 KiB and any other to 200 KiB", () => {
    expect([of("/drift").charts, of("/analytics").charts, of("/models").charts]).toEqual([true, true, false]);
    expect(of("/drift").budgetBytes).toBe(BUDGET_WITH_CHARTS);
    expect(of("/models").budgetBytes).toBe(BUDGET_WITHOUT_CHARTS);
    expect(of("/drift").pass).toBe(false); // 267 KiB
    expect(of("/analytics").pass).toBe(true);
    expect(weights.map((w) => w.route)).toEqual(["/analytics", "/drift", "/models"]);
  });

  it("prints each figure beside its budget", () => {
    const table = weightsTable(weights).split("\n");
    expect(table[0]).toMatch(/^Route\s+First load \(gzip\)\s+Budget\s+Result\s+On demand$/);
    expect(table[2]).toMatch(/^\/drift\s+267\.0 KiB\s+250\.0 KiB \(charts\)\s+FAIL$/);
    expect(table[1]).toMatch(/^\/analytics\s+153\.0 KiB\s+250\.0 KiB \(charts\)\s+PASS\s+\+110\.0 KiB later$/);
  });
});
