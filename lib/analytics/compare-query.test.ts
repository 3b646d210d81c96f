import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "@/lib/authz/permissions";
import type { Database } from "@/lib/db/connection";
import { type StoredUsageRow, insertUsageBatch } from "@/lib/ingestion/usage-bulk-insert";
import { type UserActor, actorPerRole } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { compareApiBody, getComparison } from "./compare-query";
import { mulberry32, normalSampler } from "./random";

let db: Database;
let actors: Record<Role, UserActor>;
let seq = 0;

const BIG_FROM = Date.parse("2026-10-01T00:00:00Z");
const BIG_TO = Date.parse("2026-10-15T00:00:00Z");
const SMALL_FROM = Date.parse("2026-09-01T00:00:00Z");
const SMALL_TO = Date.parse("2026-09-02T00:00:00Z");

function calls(o: {
  model: string;
  bundle: string;
  workflowId: string;
  from: number;
  to: number;
  n: number;
  errorRate: number;
  medianMs: number;
  seed: number;
}): StoredUsageRow[] {
  const uniform = mulberry32(o.seed);
  const normal = normalSampler(uniform);
  // Exactly round(n · errorRate) failures (timestamps are random, so which ones does not matter).
  const failures = Math.round(o.n * o.errorRate);
  return Array.from({ length: o.n }, (_, i) => {
    const failed = i < failures;
    return {
      eventId: `cmp-${++seq}`,
      timestamp: o.from + Math.floor(uniform() * (o.to - o.from)),
      model: o.model,
      responseModel: null,
      provider: "openai",
      workflow: "support-chat",
      bundle: o.bundle,
      modelId: null,
      workflowId: o.workflowId,
      latencyMs: Math.round(o.medianMs * Math.exp(0.3 * normal())),
      ttftMs: null,
      inputTokens: 500,
      outputTokens: 100,
      costUsd: 0.002,
      costEstimated: false,
      status: failed ? "error" : "ok",
      errorType: failed ? "server_error" : null,
      isFallback: false,
      retries: i % 10 === 0 ? 1 : 0,
      region: "eu-west-1",
      userHash: null,
      qualityScore: null,
      feedback: null,
    };
  });
}

beforeAll(async () => {
  db = await openTestDatabase();
  actors = await actorPerRole(db.prisma);
  const workflow = await db.prisma.workflow.create({ data: { slug: "support-chat", name: "Support chat", riskClass: "limited", trafficTier: "high" } });
  const w = workflow.id;
  const rows = [
    // Two weeks with 2,000 calls per arm: 6 % errors on the control, 2 % on the candidate, which is also faster.
    ...calls({ model: "gpt-4o", bundle: "support-chat@1.0.0", workflowId: w, from: BIG_FROM, to: BIG_TO, n: 2000, errorRate: 0.06, medianMs: 1000, seed: 1 }),
    ...calls({ model: "gpt-4.1", bundle: "support-chat@2.0.0", workflowId: w, from: BIG_FROM, to: BIG_TO, n: 2000, errorRate: 0.02, medianMs: 800, seed: 2 }),
    // One day with 50 calls per arm and the same true rates.
    ...calls({ model: "gpt-4o", bundle: "support-chat@1.0.0", workflowId: w, from: SMALL_FROM, to: SMALL_TO, n: 50, errorRate: 0.06, medianMs: 1000, seed: 3 }),
    ...calls({
      model: "gpt-4.1",
      bundle: "support-chat@2.0.0",
      workflowId: w,
      from: SMALL_FROM,
      to: SMALL_TO,
      n: 50,
      errorRate: 0.02,
      medianMs: 1000,
      seed: 4,
    }),
  ];
  await insertUsageBatch((sql, params) => db.sql.query(sql, params), rows, null);
});
afterAll(() => db.close());

const big = { workflow: "support-chat", from: "2026-10-01", to: "2026-10-14" };
const small = { workflow: "support-chat", from: "2026-09-01", to: "2026-09-01" };
const metric = (result: Awaited<ReturnType<typeof getComparison>>, key: string) => result.report!.rows.find((r) => r.key === key)!;

describe("A/B comparison from the raw events", () => {
  it("detects the lower error rate and latency with enough calls", async () => {
    const result = await getComparison(db, actors.viewer, { ...big, a: "gpt-4o", b: "gpt-4.1" });
    expect(metric(result, "requests")).toMatchObject({ a: 2000, b: 2000 });
    const errors = metric(result, "errorRate");
    expect(errors).toMatchObject({ a: 0.06, b: 0.02, significant: true, assessment: "better" });
    expect(errors.verdict).toBe("gpt-4.1's error rate is 4.0 points lower (2.0 % vs 6.0 %), significant at 95 % (p < 0.001).");
    expect(errors.sampleSize?.remaining).toBe(0);
    expect(metric(result, "retryRate")).toMatchObject({ a: 0.1, b: 0.1, significant: false });
    const latency = metric(result, "latencyP50");
    expect(latency.significant).toBe(true);
    expect(latency.b! / latency.a!).toBeCloseTo(0.8, 1);
    expect(result.report!.latencySample).toMatchObject({ a: 1880, b: 1960, totalA: 1880, totalB: 1960 });
  });

  it("does not call the same rates significant on 50 calls per arm, and says how many more are needed", async () => {
    const result = await getComparison(db, actors.viewer, { ...small, a: "gpt-4o", b: "gpt-4.1" });
    const errors = metric(result, "errorRate");
    expect(errors).toMatchObject({ a: 0.06, b: 0.02, significant: false, assessment: "unclear" });
    // 6 % vs 2 %, pooled Fleiss at α 0.05 and power 0.8: (1.959964·√(2·0.04·0.96) + 0.841621·√(0.06·0.94 + 0.02·0.98))² / 0.04²
    // = (0.543161 + 0.232019)² / 0.0016 = 375.6 → 376 per arm; each arm has 50.
    expect(errors.sampleSize).toMatchObject({ required: 376, remaining: 326 });
    expect(errors.verdict).toContain("Not significant yet");
    expect(errors.verdict).toContain("~326 more calls per arm");
  });

  it("compares bundles the same way, and fills the busiest arms on the page", async () => {
    const byBundle = await getComparison(db, actors.viewer, { ...big, by: "bundle", a: "support-chat@1.0.0", b: "support-chat@2.0.0" });
    expect(metric(byBundle, "errorRate")).toMatchObject({ a: 0.06, b: 0.02, significant: true });
    const page = await getComparison(db, actors.viewer, { from: big.from, to: big.to });
    expect(page.params.workflow).toBe("support-chat");
    expect(page.choices.arms.map((a) => a.value).sort()).toEqual(["gpt-4.1", "gpt-4o"]);
    expect([page.params.a, page.params.b].sort()).toEqual(["gpt-4.1", "gpt-4o"]);
    expect(page.report).not.toBeNull();
  });

  it("answers the API shape and refuses incomplete or equal arms with field errors", async () => {
    const body = compareApiBody(await getComparison(db, actors.viewer, { ...big, a: "gpt-4o", b: "gpt-4.1" }, { requireArms: true }));
    expect(body).toMatchObject({
      workflow: "support-chat",
      by: "model",
      arms: { a: "gpt-4o", b: "gpt-4.1" },
      alpha: 0.05,
      period: { from: "2026-10-01T00:00:00.000Z", to: "2026-10-15T00:00:00.000Z" },
    });
    expect(body.metrics.map((m) => m.key)).toContain("errorRate");
    await expect(getComparison(db, actors.viewer, { workflow: "support-chat" }, { requireArms: true })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { a: expect.any(Array), b: expect.any(Array) },
    });
    await expect(getComparison(db, actors.viewer, { ...big, a: "gpt-4o", b: "gpt-4o" })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { b: expect.any(Array) },
    });
    await expect(getComparison(db, actors.viewer, { ...big, alpha: "0.2" })).rejects.toMatchObject({ fieldErrors: { alpha: expect.any(Array) } });
    await expect(getComparison(db, null, big)).rejects.toMatchObject({ code: "unauthenticated" });
  });
});
