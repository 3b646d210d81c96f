import { describe, expect, it } from "vitest";
import { EMPTY_HISTORY, mergeRun, readHistory } from "./history";
import type { Figure } from "./figures";

const run = (command: string) => ({
  command,
  startedAt: "2026-12-03T08:00:00.000Z",
  finishedAt: "2026-12-03T08:10:00.000Z",
  machine: { cpuModel: "x", cores: 2, ramGiB: 24, os: "linux", node: "v20", loadAverage: [0, 0, 0] },
  loadBefore: [0, 0, 0],
  loadAfter: [0, 0, 0],
  postgres: null,
  pglite: "0.5",
  diagnostics: [],
});
const figure = (section: Figure["section"], backend: Figure["backend"], measured: string): Figure => ({
  section,
  backend,
  what: `${section} on ${backend}`,
  measured,
  baseline: null,
  ratio: null,
  target: "t",
  pass: true,
  notes: [],
});

describe("benchmark history", () => {
  it("keeps the figures a partial run did not measure and replaces the ones it did, naming their run", () => {
    const first = mergeRun(
      EMPTY_HISTORY,
      run("npm run bench"),
      { sections: ["import", "dashboards"], backends: ["postgres", "pglite"] },
      [figure("import", "postgres", "old pg import"), figure("import", "pglite", "old pglite import"), figure("dashboards", "postgres", "old pg dashboards")],
      [],
    );
    const second = mergeRun(
      first,
      run("npm run bench -- --only import --backend postgres"),
      { sections: ["import"], backends: ["postgres"] },
      [figure("import", "postgres", "new pg import")],
      [],
    );
    expect(second.figures.map((f) => [f.measured, f.run])).toEqual([
      ["old pglite import", 1],
      ["new pg import", 2],
      ["old pg dashboards", 1],
    ]);
    expect(second.runs.map((r) => r.command)).toEqual(["npm run bench", "npm run bench -- --only import --backend postgres"]);
  });

  it("forgets a run once every figure it produced was measured again", () => {
    const scope = { sections: ["online" as const], backends: ["postgres"] };
    const first = mergeRun(
      EMPTY_HISTORY,
      run("a"),
      scope,
      [figure("online", "postgres", "1")],
      [{ section: "online", backend: "POST /v1/traces", reason: "absent" }],
    );
    const second = mergeRun(first, run("b"), scope, [figure("online", "postgres", "2")], []);
    expect(second.runs.map((r) => r.command)).toEqual(["b"]);
    expect(second.skipped).toEqual([]);
  });

  it("replaces dashboards only at the sizes a run measured", () => {
    const sized = (backend: Figure["backend"], events: string, measured: string): Figure => ({
      ...figure("dashboards", backend, measured),
      what: `Drift, ${events} events`,
    });
    const scope = (dashboardEvents: number[]) => ({ sections: ["dashboards" as const], backends: ["pglite"], dashboardEvents });
    const first = mergeRun(EMPTY_HISTORY, run("a"), scope([1_000_000]), [sized("pglite", "1,000,975", "1 M, first")], []);
    const second = mergeRun(first, run("b"), scope([10_000_000]), [sized("pglite", "10,016,064", "10 M")], []);
    expect(second.figures.map((f) => f.measured)).toEqual(["1 M, first", "10 M"]);
    const third = mergeRun(second, run("c"), scope([1_000_000]), [sized("pglite", "1,001,120", "1 M, again")], []);
    expect(third.figures.map((f) => f.measured)).toEqual(["1 M, again", "10 M"]);
    expect(third.runs.map((r) => r.command)).toEqual(["b", "c"]);
  });

  it("reads nothing from a file of another shape", () => {
    expect(readHistory({ command: "old", figures: [] })).toEqual(EMPTY_HISTORY);
  });
});
