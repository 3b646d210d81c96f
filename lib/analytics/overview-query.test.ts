// The overview read from the rollups that ingest writes, against hand-computed figures and against the
// same answer computed from the raw events.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import { type StoredUsageRow, insertUsageBatch } from "@/lib/ingestion/usage-bulk-insert";
import { ensureProvider } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { storedUsageRow } from "@/lib/testing/usage-fixtures";
import { LATENCY_MS_LAYOUT } from "./latency-buckets";
import { getOverview, listOpenFindings, overviewFromRawEvents, resolveFilters } from "./overview-query";
import { getAnalyticsCharts } from "./timeseries-query";
import type { MetricKey, Overview } from "./overview";

const base = storedUsageRow({ timestamp: new Date("2026-03-10T10:00:00Z"), latencyMs: 100, ttftMs: 20, outputTokens: 100 });
let n = 0;
const event = (overrides: Partial<StoredUsageRow>): StoredUsageRow => ({ ...base, eventId: `e${++n}`, ...overrides });

// Current period [2026-03-08, 2026-03-15), previous [2026-03-01, 2026-03-08).
const CURRENT = { from: "2026-03-08", to: "2026-03-14" };
const EVENTS: StoredUsageRow[] = [
  // support-chat on gpt-4o: four calls at 100 ms, one timeout, one retried twice, two scored, one 👍 one 👎.
  event({ qualityScore: 0.9, feedback: 1 }),
  event({ qualityScore: 0.7, feedback: -1, timestamp: new Date("2026-03-10T10:30:00Z") }),
  event({ status: "error", errorType: "timeout", retries: 2, timestamp: new Date("2026-03-11T08:00:00Z") }),
  event({ timestamp: new Date("2026-03-14T23:59:59Z") }),
  // support-chat on claude: two slow calls, one a fallback; no ttft recorded.
  event({ model: "claude-sonnet", provider: "anthropic", latencyMs: 1000, ttftMs: null, costUsd: 0.05, isFallback: true }),
  event({ model: "claude-sonnet", provider: "anthropic", latencyMs: 1000, ttftMs: null, costUsd: 0.05, region: "us-east-1" }),
  // rag asked for gpt-4o and was answered by gpt-4o-mini: counted under the model that answered.
  event({ workflow: "rag", responseModel: "gpt-4o-mini", latencyMs: 500, ttftMs: 50, costUsd: 0.03, inputTokens: 5000, outputTokens: 300 }),
  // At `to` exactly: outside the range.
  event({ timestamp: new Date("2026-03-15T00:00:00Z"), costUsd: 100 }),
  // Previous period: support-chat on gpt-4o, two calls at 200 ms, one rate-limited.
  event({ timestamp: new Date("2026-03-03T12:00:00Z"), latencyMs: 200, costUsd: 0.02 }),
  event({ timestamp: new Date("2026-03-03T12:10:00Z"), latencyMs: 200, costUsd: 0.02, status: "error", errorType: "rate_limit" }),
];

let db: Database;
const actor: Actor = { kind: "api_key", apiKeyId: "k", name: "dashboard", scopes: ["read"] };

beforeAll(async () => {
  db = await openTestDatabase();
  const run = (sql: string, params: unknown[]) => db.sql.query(sql, params) as Promise<{ n: number }[]>;
  await insertUsageBatch(run, EVENTS.slice(0, 5), null);
  await insertUsageBatch(run, EVENTS.slice(5), null);
});
afterAll(() => db.close());

describe("the overview from rollups", () => {
  let overview: Overview;
  beforeAll(async () => {
    overview = await getOverview(db, actor, CURRENT);
  });

  it("gives the range and the previous period of the same length", () => {
    expect(overview.range).toEqual({ from: "2026-03-08T00:00:00.000Z", to: "2026-03-15T00:00:00.000Z" });
    expect(overview.previousRange).toEqual({ from: "2026-03-01T00:00:00.000Z", to: "2026-03-08T00:00:00.000Z" });
  });

  it("matches the hand-computed totals", () => {
    const t = overview.totals.metrics;
    expect(t.requests).toEqual({ value: 7, previous: 2, change: 5, relativeChange: 2.5 });
    expect(t.costUsd.value).toBeCloseTo(0.17, 12); // 4 × 0.01 + 2 × 0.05 + 0.03 (the event at `to` is out)
    expect(t.costPerTask.value).toBeCloseTo(0.17 / 7, 12);
    expect(t.errorRate.value).toBeCloseTo(1 / 7, 12);
    expect(t.errorRate.previous).toBe(0.5);
    expect(t.retryRate.value).toBeCloseTo(2 / 7, 12);
    expect(t.fallbackRate.value).toBeCloseTo(1 / 7, 12);
    expect([t.inputTokens.value, t.outputTokens.value]).toEqual([11000, 900]);
    expect(t.qualityMean.value).toBeCloseTo(0.8, 12);
    expect(t.qualityMean.previous).toBeNull();
    expect([t.feedbackUp.value, t.feedbackDown.value, t.feedbackPositiveShare.value]).toEqual([1, 1, 0.5]);
    expect(t.feedbackUp.previous).toBeNull();
    // Latencies 100 ×4, 500, 1000 ×2. p50: rank 3.5 of 7 falls among the four in [100, 112): 100 + 3.5/4 × 12.
    expect(t.latencyP50Ms.value).toBeCloseTo(110.5, 9);
    // p95: rank 6.65, past the 5 values below 1000, in [1000, 1120) holding 2: 1000 + 1.65/2 × 120.
    expect(t.latencyP95Ms.value).toBeCloseTo(1099, 9);
    expect(t.latencyP50Ms.previous).toBeCloseTo(200 + (1 / 2) * 24, 9); // both at 200 in [200, 224)
    expect(overview.totals.errorTypes.map((e) => [e.type, e.count, e.previousCount])).toEqual([
      ["timeout", 1, 0],
      ["rate_limit", 0, 1],
    ]);
  });

  it("groups per workflow and per model (the model that answered)", () => {
    expect(overview.byWorkflow.map((w) => [w.workflow, w.metrics.requests.value, w.metrics.requests.previous])).toEqual([
      ["support-chat", 6, 2],
      ["rag", 1, 0],
    ]);
    expect(overview.byModel.map((m) => [m.model, m.metrics.requests.value, m.metrics.requests.previous])).toEqual([
      ["gpt-4o", 4, 2],
      ["claude-sonnet", 2, 0],
      ["gpt-4o-mini", 1, 0],
    ]);
    const claude = overview.byModel[1].metrics;
    expect(claude.ttftP50Ms.value).toBeNull(); // no call recorded a first token
    expect(claude.fallbackRate.value).toBe(0.5);
    expect(claude.costPerTask.value).toBeCloseTo(0.05, 12);
  });

  it("names catalog workflows and models (snapshot ids matched without case) for links", async () => {
    const provider = await ensureProvider(db.prisma, "openai", "OpenAI");
    const model = await db.prisma.model.create({
      data: { providerId: provider.id, snapshotId: "GPT-4o", name: "GPT-4o (catalog)", status: "approved", sources: ["manual"] },
    });
    const workflow = await db.prisma.workflow.create({ data: { slug: "support-chat", name: "Support chat", riskClass: "limited", trafficTier: "high" } });
    const named = await getOverview(db, actor, CURRENT);
    expect(named.byModel.find((m) => m.model === "gpt-4o")).toMatchObject({ modelId: model.id, modelName: "GPT-4o (catalog)" });
    expect(named.byModel.find((m) => m.model === "claude-sonnet")).toMatchObject({ modelId: null, modelName: null });
    expect(named.byWorkflow.find((w) => w.workflow === "support-chat")).toMatchObject({ workflowId: workflow.id, workflowName: "Support chat" });
    expect(named.byWorkflow.find((w) => w.workflow === "rag")?.workflowId).toBeNull();
  });

  it("applies the dimension filters", async () => {
    const mini = await getOverview(db, actor, { ...CURRENT, model: "gpt-4o-mini" });
    expect(mini.totals.metrics.requests.value).toBe(1);
    expect(mini.byWorkflow.map((w) => w.workflow)).toEqual(["rag"]);
    const usEast = await getOverview(db, actor, { ...CURRENT, region: ["us-east-1"], workflow: "support-chat,rag" });
    expect(usEast.totals.metrics.requests.value).toBe(1);
    const none = await getOverview(db, actor, { ...CURRENT, provider: "nobody" });
    expect(none.totals.metrics.requests.value).toBe(0);
    expect(none.byWorkflow).toEqual([]);
  });

  it("agrees with the same answer from the raw events (percentiles within the layout's error)", async () => {
    const raw = await overviewFromRawEvents(db, actor, CURRENT);
    expectAgreement(overview, raw, LATENCY_MS_LAYOUT.maxBucketRatio ** 2 - 1); // tiny n: the adjacent-bucket bound
    expect(raw.totals.metrics.latencyP50Ms.value).toBe(100); // exact type-7 median
  });

  it("refuses bad parameters with the field named, and callers without a session or key", async () => {
    await expect(getOverview(db, actor, { from: "2026-03-10", to: "2026-03-01" })).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { from: [expect.stringMatching(/before/)] },
    });
    await expect(getOverview(db, actor, { from: "10/03/2026" })).rejects.toMatchObject({ code: "validation", fieldErrors: { from: expect.any(Array) } });
    await expect(getOverview(db, actor, { from: "2024-01-01", to: "2026-01-01" })).rejects.toMatchObject({
      fieldErrors: { from: [expect.stringMatching(/400 days/)] },
    });
    await expect(getOverview(db, null, CURRENT)).rejects.toMatchObject({ code: "unauthenticated" });
    await expect(getOverview(db, { kind: "api_key", apiKeyId: "k", name: "ingest", scopes: ["ingest:write"] }, CURRENT)).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});

describe("rollups and raw events at volume", () => {
  it("agree on every metric, percentiles within the stated 12.7 %", async () => {
    const big = await openTestDatabase();
    try {
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const rows: StoredUsageRow[] = [];
      for (let i = 0; i < 3000; i++) {
        const model = ["m-a", "m-b", "m-c"][i % 3];
        rows.push(
          event({
            timestamp: new Date(Date.parse("2026-02-01T00:00:00Z") + Math.floor(random() * 28 * 86_400_000)),
            model,
            workflow: i % 5 === 0 ? null : ["w1", "w2"][i % 2],
            latencyMs: Math.round(200 * Math.exp(random() * 3 + (model === "m-c" ? 1 : 0))),
            ttftMs: random() < 0.2 ? null : Math.round(30 * Math.exp(random() * 2)),
            status: random() < 0.05 ? "error" : "ok",
            errorType: random() < 0.5 ? "timeout" : null,
            qualityScore: random() < 0.3 ? random() : null,
            costUsd: random() < 0.1 ? null : random() / 100,
          }),
        );
      }
      const run = (sql: string, params: unknown[]) => big.sql.query(sql, params) as Promise<{ n: number }[]>;
      for (let i = 0; i < rows.length; i += 1000) await insertUsageBatch(run, rows.slice(i, i + 1000), null);
      const filters = { from: "2026-02-15", to: "2026-02-28" };
      const [fast, raw] = await Promise.all([getOverview(big, actor, filters), overviewFromRawEvents(big, actor, filters)]);
      expect(fast.totals.metrics.requests.value).toBeGreaterThan(1000);
      expect(fast.totals.metrics.requests.previous).toBeGreaterThan(500);
      expectAgreement(fast, raw, LATENCY_MS_LAYOUT.maxRelativeError);
      // Events without a workflow are grouped under '' in both.
      expect(fast.byWorkflow.map((w) => w.workflow).sort()).toEqual(["", "w1", "w2"]);
    } finally {
      await big.close();
    }
  });
});

const PERCENTILES: MetricKey[] = ["latencyP50Ms", "latencyP95Ms", "latencyP99Ms", "ttftP50Ms", "ttftP95Ms"];

function expectAgreement(fast: Overview, raw: Overview, percentileError: number) {
  expect(fast.range).toEqual(raw.range);
  const pairs: [string, Overview["totals"], Overview["totals"] | undefined][] = [
    ["totals", fast.totals, raw.totals],
    ...fast.byWorkflow.map((w): [string, Overview["totals"], Overview["totals"] | undefined] => [
      `workflow ${w.workflow}`,
      w,
      raw.byWorkflow.find((r) => r.workflow === w.workflow),
    ]),
    ...fast.byModel.map((m): [string, Overview["totals"], Overview["totals"] | undefined] => [
      `model ${m.model}`,
      m,
      raw.byModel.find((r) => r.model === m.model),
    ]),
  ];
  expect(raw.byWorkflow.length).toBe(fast.byWorkflow.length);
  expect(raw.byModel.length).toBe(fast.byModel.length);
  for (const [label, a, b] of pairs) {
    expect(b, label).toBeDefined();
    for (const [key, m] of Object.entries(a.metrics) as [MetricKey, (typeof a.metrics)[MetricKey]][]) {
      const other = b!.metrics[key];
      for (const side of ["value", "previous"] as const) {
        const x = m[side];
        const y = other[side];
        if (x === null || y === null) {
          expect(x, `${label} ${key} ${side}`).toBe(y);
        } else if (PERCENTILES.includes(key)) {
          expect(Math.abs(x - y) / y, `${label} ${key} ${side}: ${x} vs exact ${y}`).toBeLessThanOrEqual(percentileError);
        } else {
          expect(x, `${label} ${key} ${side}`).toBeCloseTo(y, 9);
        }
      }
    }
    expect(
      a.errorTypes.map((e) => [e.type, e.count, e.previousCount]),
      label,
    ).toEqual(b!.errorTypes.map((e) => [e.type, e.count, e.previousCount]));
  }
}

describe("the charts' data", () => {
  it("has an hourly point for each hour of a 7-day range, cost by model, and token distributions", async () => {
    const charts = await getAnalyticsCharts(db, actor, CURRENT);
    expect(charts.granularity).toBe("hour");
    expect(charts.points).toHaveLength(7 * 24);
    expect(charts.series).toEqual(["claude-sonnet", "gpt-4o", "gpt-4o-mini"]);
    const total = charts.points.reduce((s, p) => s + p.costUsd, 0);
    expect(total).toBeCloseTo(0.17, 12);
    const tenAm = charts.points.find((p) => p.t === "2026-03-10T10:00:00.000Z")!;
    expect(tenAm.requests).toBe(5); // two gpt-4o, two claude, one rag call
    expect(tenAm.cost["claude-sonnet"]).toBeCloseTo(0.1, 12);
    expect(tenAm.fallbackRate).toBeCloseTo(0.2, 12);
    expect(charts.points.find((p) => p.t === "2026-03-09T10:00:00.000Z")!.errorRate).toBeNull();
    expect(charts.tokens.input.reduce((s, b) => s + b.count, 0)).toBe(7);
    expect(charts.filterOptions).toEqual({
      workflow: ["rag", "support-chat"],
      model: ["claude-sonnet", "gpt-4o", "gpt-4o-mini"],
      provider: ["anthropic", "openai"],
      region: ["eu-west-1", "us-east-1"],
      bundle: [],
    });
  });

  it("keeps listing every value of a dimension when one is selected", async () => {
    const charts = await getAnalyticsCharts(db, actor, { ...CURRENT, model: "gpt-4o", range: "7d" });
    expect(charts.series).toEqual(["gpt-4o"]);
    expect(charts.filterOptions.model).toEqual(["claude-sonnet", "gpt-4o", "gpt-4o-mini"]);
  });
});

describe("open findings", () => {
  it("are labelled in plain words, naming the substitute model", async () => {
    const at = new Date("2026-03-10T00:00:00Z");
    await db.prisma.usageFinding.deleteMany(); // start from exactly these (ingest may have recorded the substitution already)
    await db.prisma.usageFinding.createMany({
      data: [
        { kind: "silent_substitution", model: "gpt-4o", workflow: "rag", detail: "Answered by gpt-4o-mini", firstSeen: at, lastSeen: at, events: 1 },
        {
          kind: "deprecated_model_traffic",
          model: "old",
          workflow: "rag",
          detail: "The model is deprecated in the catalog",
          firstSeen: at,
          lastSeen: at,
          events: 9,
        },
        { kind: "unapproved_workflow_traffic", model: "x", workflow: "rag", firstSeen: at, lastSeen: at, events: 3, resolvedAt: at },
      ],
    });
    const findings = await listOpenFindings(db, actor);
    expect(findings.map((f) => [f.label, f.events])).toEqual([
      ["Traffic to a deprecated model", 9],
      ["Silent substitution: answered by gpt-4o-mini", 1],
    ]);
  });

  it("honour every filter in the query: the range, workflow, model (asked for or answering), and provider, region, bundle through the pair's traffic", async () => {
    const at = new Date("2026-03-10T00:00:00Z");
    const february = new Date("2026-02-01T00:00:00Z");
    await db.prisma.usageFinding.deleteMany();
    await db.prisma.usageFinding.createMany({
      data: [
        { kind: "silent_substitution", model: "gpt-4o", workflow: "rag", detail: "Answered by gpt-4o-mini", firstSeen: at, lastSeen: at, events: 1 },
        { kind: "deprecated_model_traffic", model: "old", workflow: "rag", firstSeen: at, lastSeen: at, events: 9 },
        { kind: "deprecated_model_traffic", model: "claude-sonnet", workflow: "support-chat", firstSeen: at, lastSeen: at, events: 4 },
        { kind: "disabled_model_traffic", model: "gpt-4o", workflow: "support-chat", firstSeen: february, lastSeen: february, events: 2 },
      ],
    });
    const shown = async (query: Record<string, string>) =>
      (await listOpenFindings(db, actor, resolveFilters({ ...CURRENT, ...query }))).map((f) => `${f.model}@${f.workflow}`);
    expect((await listOpenFindings(db, actor)).map((f) => f.events)).toEqual([9, 4, 2, 1]);
    // February's finding lies before the range.
    expect(await shown({})).toEqual(["old@rag", "claude-sonnet@support-chat", "gpt-4o@rag"]);
    expect(await shown({ workflow: "rag" })).toEqual(["old@rag", "gpt-4o@rag"]);
    // The substitution asked for gpt-4o and was answered by gpt-4o-mini: either name selects it.
    expect(await shown({ model: "gpt-4o-mini" })).toEqual(["gpt-4o@rag"]);
    expect(await shown({ model: "gpt-4o" })).toEqual(["gpt-4o@rag"]);
    // Findings do not record providers or regions: the pair's calls in the range do.
    expect(await shown({ provider: "anthropic" })).toEqual(["claude-sonnet@support-chat"]);
    expect(await shown({ region: "us-east-1" })).toEqual(["claude-sonnet@support-chat"]);
    expect(await shown({ provider: "openai", workflow: "rag" })).toEqual(["gpt-4o@rag"]);
    expect(await shown({ bundle: "nothing-ships-this" })).toEqual([]);
  });
});
