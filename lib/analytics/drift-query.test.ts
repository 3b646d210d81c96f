import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/authz/permissions";
import type { Database } from "@/lib/db/connection";
import { type StoredUsageRow, insertUsageBatch } from "@/lib/ingestion/usage-bulk-insert";
import { actorPerRole } from "@/lib/testing/actors";
import type { UserActor } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { parseDriftParams } from "./drift-params";
import { driftFromRawEvents, driftFromRollups, getDriftReport, loadDriftGroupsFromRawEvents, loadDriftGroupsFromRollups } from "./drift-query";
import { mulberry32, normalSampler } from "./random";

const DAY = 86_400_000;
const BASELINE_FROM = Date.parse("2026-10-01T00:00:00Z");
const CURRENT_FROM = Date.parse("2026-10-29T00:00:00Z");
const CURRENT_TO = Date.parse("2026-11-05T00:00:00Z");
const QUERY = {
  baselineFrom: "2026-10-01",
  baselineTo: "2026-10-28", // through the 28th, i.e. up to the current window
  currentFrom: "2026-10-29",
  currentTo: "2026-11-04",
};

let db: Database;
let actors: Record<Role, UserActor>;
let seq = 0;

interface Shape {
  model: string;
  workflow: string | null;
  from: number;
  to: number;
  calls: number;
  medianMs: number;
  errorRate?: number;
  quality?: number;
}

function events(shape: Shape, seed: number): StoredUsageRow[] {
  const uniform = mulberry32(seed);
  const normal = normalSampler(uniform);
  return Array.from({ length: shape.calls }, () => {
    const failed = uniform() < (shape.errorRate ?? 0.02);
    return {
      eventId: `drift-${++seq}`,
      timestamp: shape.from + Math.floor(uniform() * (shape.to - shape.from)),
      model: shape.model,
      responseModel: shape.model,
      provider: "openai",
      workflow: shape.workflow,
      bundle: null,
      modelId: null,
      workflowId: null,
      latencyMs: Math.round(shape.medianMs * Math.exp(0.35 * normal())),
      ttftMs: null,
      inputTokens: Math.round(800 * Math.exp(0.5 * normal())),
      outputTokens: failed ? 0 : Math.round(200 * Math.exp(0.5 * normal())),
      costUsd: 0.001,
      costEstimated: false,
      status: failed ? "error" : "ok",
      errorType: failed ? (uniform() < 0.6 ? "rate_limit" : uniform() < 0.5 ? "timeout" : null) : null,
      isFallback: false,
      retries: 0,
      region: "eu-west-1",
      userHash: null,
      qualityScore: uniform() < 0.5 ? Math.min(1, Math.max(0, (shape.quality ?? 0.8) + 0.08 * normal())) : null,
      feedback: null,
    };
  });
}

beforeAll(async () => {
  db = await openTestDatabase();
  actors = await actorPerRole(db.prisma);
  const rows = [
    // Latency doubled in the current window: a drift to catch.
    ...events({ model: "gpt-4.1", workflow: "rag-answers", from: BASELINE_FROM, to: CURRENT_FROM, calls: 2400, medianMs: 900 }, 1),
    ...events({ model: "gpt-4.1", workflow: "rag-answers", from: CURRENT_FROM, to: CURRENT_TO, calls: 700, medianMs: 1800 }, 2),
    // The same distribution in both windows: stable.
    ...events({ model: "claude-haiku", workflow: "support-chat", from: BASELINE_FROM, to: CURRENT_FROM, calls: 2400, medianMs: 600 }, 3),
    ...events({ model: "claude-haiku", workflow: "support-chat", from: CURRENT_FROM, to: CURRENT_TO, calls: 700, medianMs: 600 }, 4),
    // Too few calls in the current window to judge; and calls without a workflow.
    ...events({ model: "qwen3-max", workflow: null, from: BASELINE_FROM, to: CURRENT_FROM, calls: 400, medianMs: 700, errorRate: 0.1 }, 5),
    ...events({ model: "qwen3-max", workflow: null, from: CURRENT_FROM, to: CURRENT_TO, calls: 40, medianMs: 700, errorRate: 0.1 }, 6),
    // Only in the baseline: listed apart, not judged.
    ...events({ model: "gpt-4o", workflow: "rag-answers", from: BASELINE_FROM, to: BASELINE_FROM + 5 * DAY, calls: 300, medianMs: 800 }, 7),
    // Outside both windows: must not count.
    ...events({ model: "gpt-4.1", workflow: "rag-answers", from: BASELINE_FROM - 20 * DAY, to: BASELINE_FROM, calls: 500, medianMs: 5000 }, 8),
    ...events({ model: "gpt-4.1", workflow: "rag-answers", from: CURRENT_TO, to: CURRENT_TO + 3 * DAY, calls: 500, medianMs: 5000 }, 9),
  ];
  for (let i = 0; i < rows.length; i += 2000) await insertUsageBatch((sql, params) => db.sql.query(sql, params), rows.slice(i, i + 2000), null);
});
afterAll(() => db.close());

describe("drift from the rollups", () => {
  it("flags latency doubled in the current window as alert and an unchanged model as stable", async () => {
    const { report, params } = await getDriftReport(db, actors.viewer, QUERY);
    expect(params.current.to.toISOString()).toBe("2026-11-05T00:00:00.000Z");
    const rag = report.rows.find((r) => r.model === "gpt-4.1")!;
    expect(rag.requests).toEqual({ baseline: 2400, current: 700 });
    expect(rag.metrics.latency.level).toBe("alert");
    expect(rag.metrics.latency.psi).toBeGreaterThan(1);
    expect(rag.metrics.latency.ks).toBeGreaterThan(0.6);
    expect(rag.metrics.latency.percentiles!.p50.current! / rag.metrics.latency.percentiles!.p50.baseline!).toBeCloseTo(2, 0);
    // Tokens did not move.
    expect(rag.metrics.inputTokens.level).toBe("stable");
    expect(rag.level).toBe("alert");
    // Sorted: the moved pair first.
    expect(report.rows[0].model).toBe("gpt-4.1");

    const chat = report.rows.find((r) => r.model === "claude-haiku")!;
    for (const metric of ["latency", "inputTokens", "outputTokens", "quality", "errorType"] as const) expect(chat.metrics[metric].level, metric).toBe("stable");
    expect(chat.metrics.latency.psi).toBeLessThan(0.1);
  });

  it("shows a pair with too few calls as not enough data, and a pair seen in one window apart", async () => {
    const { report } = await getDriftReport(db, actors.viewer, QUERY);
    const small = report.rows.find((r) => r.model === "qwen3-max")!;
    expect(small.workflow).toBe("");
    expect(small.requests).toEqual({ baseline: 400, current: 40 });
    expect(small.metrics.latency).toMatchObject({ level: "insufficient", psi: null });
    expect(small.level).toBe("insufficient");
    expect(report.oneWindowOnly).toEqual([{ model: "gpt-4o", workflow: "rag-answers", requests: { baseline: 300, current: 0 } }]);
    // With a lower minimum the same pair is judged.
    const lower = await getDriftReport(db, actors.viewer, { ...QUERY, minSamples: "20" });
    expect(lower.report.rows.find((r) => r.model === "qwen3-max")!.metrics.latency.level).not.toBe("insufficient");
  });

  it("filters by workflow and model", async () => {
    const { report } = await getDriftReport(db, actors.viewer, { ...QUERY, workflow: "support-chat" });
    expect(report.rows.map((r) => r.model)).toEqual(["claude-haiku"]);
    const byModel = await getDriftReport(db, actors.viewer, { ...QUERY, model: ["gpt-4.1", "gpt-4o"] });
    expect(byModel.report.rows.map((r) => r.model)).toEqual(["gpt-4.1"]);
    expect(byModel.report.oneWindowOnly.map((r) => r.model)).toEqual(["gpt-4o"]);
  });

  it("gives the same histograms and numbers as the raw events", async () => {
    const params = parseDriftParams(QUERY);
    const sortGroups = <T extends { model: string; workflow: string }>(g: T[]) =>
      [...g].sort((a, b) => (a.model + a.workflow).localeCompare(b.model + b.workflow));
    const fromRollups = sortGroups(await loadDriftGroupsFromRollups(db.sql, params));
    const fromRaw = sortGroups(await loadDriftGroupsFromRawEvents(db.sql, params));
    expect(fromRollups.length).toBe(4);
    expect(fromRaw).toEqual(fromRollups);
    expect(await driftFromRawEvents(db.sql, params)).toEqual(await driftFromRollups(db.sql, params));
    // Windows that start and end mid-day read hourly rows at their ends and daily rows between.
    const ragged = parseDriftParams({
      baselineFrom: "2026-10-01T05:00:00Z",
      baselineTo: "2026-10-27T13:00:00Z",
      currentFrom: "2026-10-29T13:00:00Z",
      currentTo: "2026-11-04T18:00:00Z",
    });
    const raggedRollups = sortGroups(await loadDriftGroupsFromRollups(db.sql, ragged));
    expect(sortGroups(await loadDriftGroupsFromRawEvents(db.sql, ragged))).toEqual(raggedRollups);
    expect(raggedRollups.find((g) => g.model === "gpt-4.1")!.current!.requests).toBeLessThan(700);
  });

  it("refuses bad parameters with field errors and anonymous callers", async () => {
    await expect(getDriftReport(db, actors.viewer, { watch: "0.3", alert: "0.2" })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { alert: expect.any(Array) },
    });
    await expect(getDriftReport(db, null, QUERY)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
