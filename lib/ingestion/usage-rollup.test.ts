import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LATENCY_MS_LAYOUT, QUALITY_LAYOUT, TOKENS_LAYOUT, bucketIndex, histogramOf } from "@/lib/analytics/latency-buckets";
import type { Database } from "@/lib/db/connection";
import { openTestDatabase } from "@/lib/testing/test-database";
import { storedUsageRow } from "@/lib/testing/usage-fixtures";
import { type StoredUsageRow, insertUsageBatch } from "./usage-bulk-insert";
import { accumulateRollups, hourStart } from "./usage-rollup";

const row = (id: string, overrides: Partial<StoredUsageRow> = {}): StoredUsageRow => storedUsageRow({ eventId: id, ...overrides });

describe("accumulating rollups", () => {
  it("cuts events into UTC hours and keys them by model, workflow, provider, region and bundle", () => {
    expect(new Date(hourStart(new Date("2026-11-20T10:59:59.999Z"))).toISOString()).toBe("2026-11-20T10:00:00.000Z");
    const deltas = accumulateRollups([
      row("a"),
      row("b", { timestamp: new Date("2026-11-20T10:59:00Z") }),
      row("c", { timestamp: new Date("2026-11-20T11:00:00Z") }),
      row("d", { region: "us-east-1" }),
      row("e", { bundle: "support-chat@1.2.0" }),
    ]);
    expect(deltas.map((d) => [new Date(d.bucketStart).toISOString().slice(11, 16), d.region, d.bundle, d.requests])).toEqual([
      ["10:00", "eu-west-1", "", 2],
      ["10:00", "eu-west-1", "support-chat@1.2.0", 1],
      ["10:00", "us-east-1", "", 1],
      ["11:00", "eu-west-1", "", 1],
    ]);
  });

  it("sums counters, counts error types (unknown when unnamed) and fills each histogram from its own column", () => {
    const [d] = accumulateRollups([
      row("a", { latencyMs: 500, retries: 2, qualityScore: 0.9, feedback: 1 }),
      row("b", { status: "error", errorType: "timeout", latencyMs: 30_000, outputTokens: 0, costUsd: null, isFallback: true }),
      row("c", { status: "error", errorType: null, latencyMs: null, ttftMs: null, inputTokens: null, qualityScore: 0.5, feedback: -1 }),
    ]);
    expect(d).toMatchObject({ requests: 3, errors: 2, retries: 2, fallbacks: 1, inputTokens: 2000, outputTokens: 300, costUsd: 0.02, latencySumMs: 30_500 });
    expect(d.errorTypes).toEqual({ timeout: 1, unknown: 1 });
    expect(d).toMatchObject({ qualitySum: 1.4, qualityCount: 2, feedbackUp: 1, feedbackDown: 1 });
    expect(d.latencyHist).toEqual(histogramOf([500, 30_000], LATENCY_MS_LAYOUT));
    expect(d.ttftHist).toEqual(histogramOf([200, 200], LATENCY_MS_LAYOUT));
    expect(d.inputTokenHist).toEqual(histogramOf([1000, 1000], TOKENS_LAYOUT));
    expect(d.outputTokenHist).toEqual(histogramOf([150, 0, 150], TOKENS_LAYOUT));
    expect(d.qualityHist[bucketIndex(0.9, QUALITY_LAYOUT)]).toBe(1);
    expect(d.qualityHist.reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe("rollups stored with the events", () => {
  let db: Database;
  const run = (sql: string, params: unknown[]) => db.sql.query(sql, params);
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it("add later batches into the same hour's row, bucket by bucket, and ignore rows already stored", async () => {
    await insertUsageBatch(run, [row("r1", { latencyMs: 100 }), row("r2", { status: "error", errorType: "rate_limit" })], null);
    const second = await insertUsageBatch(
      run,
      [
        row("r2", { status: "error", errorType: "rate_limit" }),
        row("r3", { latencyMs: 100, status: "error", errorType: "rate_limit" }),
        row("r3"),
        row("r4", { status: "error", errorType: "timeout" }),
      ],
      null,
    );
    expect(second.inserted).toBe(2);
    expect([...second.newIds].sort()).toEqual(["r3", "r4"]);
    const [stored] = await db.prisma.usageRollup.findMany({ where: { model: "gpt-4o" } });
    expect(stored).toMatchObject({ requests: 4, errors: 3, workflow: "support-chat", provider: "openai", bundle: "" });
    expect(stored.errorTypes).toEqual({ rate_limit: 2, timeout: 1 });
    expect(stored.latencyHist).toEqual(histogramOf([100, 800, 100, 800], LATENCY_MS_LAYOUT));
    expect(Number(stored.inputTokens)).toBe(4000);
  });

  it("always equal the same aggregates recomputed from the raw events", async () => {
    const rows = Array.from({ length: 3_000 }, (_, i) =>
      row(`bulk-${i}`, {
        timestamp: new Date(Date.UTC(2026, 10, 1) + i * 97_000),
        model: i % 3 === 0 ? "claude-haiku-4-5" : "gpt-4.1",
        latencyMs: 200 + ((i * 37) % 5_000),
        status: i % 17 === 0 ? "error" : "ok",
        errorType: i % 17 === 0 ? "timeout" : null,
      }),
    );
    for (let i = 0; i < rows.length; i += 700) await insertUsageBatch(run, rows.slice(i, i + 700), null);
    const [raw] = await db.sql.query<{ n: number; errors: number; latency: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'error')::int AS errors, sum("latencyMs")::float8 AS latency FROM "UsageEvent" WHERE "eventId" LIKE 'bulk-%'`,
    );
    const [rolled] = await db.sql.query<{ n: number; errors: number; latency: number }>(
      `SELECT sum(requests)::int AS n, sum(errors)::int AS errors, sum("latencySumMs")::float8 AS latency FROM "UsageRollup" WHERE "bucketStart" >= '2026-11-01' AND model IN ('claude-haiku-4-5', 'gpt-4.1')`,
    );
    expect(rolled).toEqual(raw);
    const stored = await db.prisma.usageRollup.findMany({ where: { model: "gpt-4.1" } });
    const merged = stored.reduce((acc, r) => acc.map((v, i) => v + r.latencyHist[i]), new Array(LATENCY_MS_LAYOUT.edges.length + 1).fill(0));
    expect(merged).toEqual(
      histogramOf(
        rows.filter((r) => r.model === "gpt-4.1").map((r) => r.latencyMs!),
        LATENCY_MS_LAYOUT,
      ),
    );
  });

  it("keep daily rows equal to the sum of their day's hourly rows", async () => {
    type Row = {
      bucketStart: Date;
      model: string;
      workflow: string;
      requests: number;
      errors: number;
      costUsd: number;
      latencyHist: number[];
      errorTypes: unknown;
    };
    const byDay = (rows: Row[]) => {
      const out = new Map<string, { requests: number; errors: number; cost: number; latencyHist: number[]; errorTypes: Record<string, number> }>();
      for (const r of rows) {
        const key = `${r.bucketStart.toISOString().slice(0, 10)} ${r.model} ${r.workflow}`;
        const acc = out.get(key) ?? { requests: 0, errors: 0, cost: 0, latencyHist: r.latencyHist.map(() => 0), errorTypes: {} };
        acc.requests += r.requests;
        acc.errors += r.errors;
        acc.cost = Math.round((acc.cost + r.costUsd) * 1e9) / 1e9;
        r.latencyHist.forEach((v, i) => (acc.latencyHist[i] += v));
        for (const [k, v] of Object.entries(r.errorTypes as Record<string, number>)) acc.errorTypes[k] = (acc.errorTypes[k] ?? 0) + v;
        out.set(key, acc);
      }
      return Object.fromEntries([...out.entries()].sort());
    };
    const hourly = await db.prisma.usageRollup.findMany();
    const daily = await db.prisma.usageRollupDaily.findMany();
    expect(daily.every((d) => d.bucketStart.getTime() % 86_400_000 === 0)).toBe(true);
    expect(daily.length).toBeLessThan(hourly.length);
    expect(byDay(daily)).toEqual(byDay(hourly));
  });
});
