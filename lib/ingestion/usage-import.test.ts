import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditTrail } from "@/lib/audit/verify";
import type { Database } from "@/lib/db/connection";
import { createActor, ensureProvider } from "@/lib/testing/actors";
import type { UserActor } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { parseUsageFile } from "./parse-usage-file";
import { estimateCost, importUsageRows, priceAt } from "./usage-import";

let db: Database;
let engineer: UserActor;

const NOW = new Date("2026-11-20T12:00:00Z");
const HEADER = "event_id,timestamp,model,provider,workflow,latency_ms,input_tokens,output_tokens,cost_usd,status,error_type";
const good = (i: number, cost = "0.01") => `e-${i},2026-11-1${i % 9}T10:00:00Z,gpt-4o,openai,support-chat,${800 + i},${1000 + i},${200 + i},${cost},ok,`;

async function load(text: string, mode: "strict" | "lenient", fileName = "usage.csv") {
  return importUsageRows(db, engineer, parseUsageFile(text, { fileName, now: NOW }), { mode, source: "file", fileName });
}

beforeAll(async () => {
  db = await openTestDatabase();
  engineer = await createActor(db.prisma, ["engineer"]);
  const openai = await ensureProvider(db.prisma, "openai", "OpenAI");
  const gpt4o = await db.prisma.model.create({
    data: { providerId: openai.id, snapshotId: "gpt-4o", name: "GPT-4o", inputPricePerMTok: 2.5, outputPricePerMTok: 10 },
  });
  await db.prisma.modelPrice.createMany({
    data: [
      { modelId: gpt4o.id, inputPricePerMTok: 5, outputPricePerMTok: 15, effectiveFrom: new Date("2026-01-01T00:00:00Z"), source: "litellm" },
      { modelId: gpt4o.id, inputPricePerMTok: 2.5, outputPricePerMTok: 10, effectiveFrom: new Date("2026-11-15T00:00:00Z"), source: "litellm" },
    ],
  });
  await db.prisma.workflow.create({ data: { slug: "support-chat", name: "Support chat", riskClass: "limited", trafficTier: "high" } });
});
afterAll(() => db.close());

describe("importing usage rows", () => {
  it("writes every good row, resolved to the catalog, with one audit event", async () => {
    const report = await load([HEADER, good(1), good(2), good(3)].join("\n"), "strict");
    expect(report).toMatchObject({ written: true, rowsRead: 3, accepted: 3, rejected: 0, duplicates: 0 });
    const stored = await db.prisma.usageEvent.findUniqueOrThrow({ where: { eventId: "e-1" } });
    expect(stored.modelId).not.toBeNull();
    expect(stored.workflowId).not.toBeNull();
    expect(stored.importId).toBe(report.importId);
    expect(await db.prisma.auditEvent.count({ where: { action: "usage.import", targetId: report.importId! } })).toBe(1);
  });

  it("changes nothing when the same file comes again, ten times", async () => {
    const file = [HEADER, good(1), good(2), good(3)].join("\n");
    const before = await db.prisma.usageEvent.count();
    for (let i = 0; i < 10; i++) expect(await load(file, "lenient")).toMatchObject({ accepted: 0, duplicates: 3 });
    expect(await db.prisma.usageEvent.count()).toBe(before);
  });

  it("in strict mode writes nothing when any row is bad, and reports every bad row", async () => {
    const before = await db.prisma.usageEvent.count();
    const events = await db.prisma.auditEvent.count();
    const report = await load(
      [
        HEADER,
        good(4),
        "e-5,not-a-date,gpt-4o,openai,support-chat,800,10,10,0.01,ok,",
        good(6),
        "e-7,2026-11-12T10:00:00Z,gpt-4o,openai,support-chat,-3,10,10,0.01,ok,",
      ].join("\n"),
      "strict",
    );
    expect(report).toMatchObject({ written: false, accepted: 0, rejected: 2 });
    expect(report.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "timestamp"],
      [5, "latency_ms"],
    ]);
    expect(await db.prisma.usageEvent.count()).toBe(before);
    expect(await db.prisma.auditEvent.count()).toBe(events);
    expect(await db.prisma.usageEvent.findUnique({ where: { eventId: "e-4" } })).toBeNull();
  });

  it("in lenient mode writes the good rows and reports the bad ones", async () => {
    const report = await load([HEADER, good(4), "e-5,not-a-date,gpt-4o,openai,support-chat,800,10,10,0.01,ok,", good(6)].join("\n"), "lenient");
    expect(report).toMatchObject({ written: true, accepted: 2, rejected: 1 });
    expect(report.errors[0]).toMatchObject({ row: 3, column: "timestamp" });
  });

  it("prices a row without cost from the catalog's price at that time", async () => {
    const header = "event_id,timestamp,model,provider,input_tokens,output_tokens,status";
    const report = await load(
      [header, "p-old,2026-03-01T00:00:00Z,gpt-4o,openai,1000000,100000,ok", "p-new,2026-11-16T00:00:00Z,gpt-4o,openai,1000000,100000,ok"].join("\n"),
      "strict",
    );
    expect(report.costsEstimated).toBe(2);
    // Before the November price change: 1M × $5 + 0.1M × $15 = $6.50; after: 1M × $2.50 + 0.1M × $10 = $3.50.
    expect(await db.prisma.usageEvent.findUniqueOrThrow({ where: { eventId: "p-old" } })).toMatchObject({ costUsd: 6.5, costEstimated: true });
    expect(await db.prisma.usageEvent.findUniqueOrThrow({ where: { eventId: "p-new" } })).toMatchObject({ costUsd: 3.5, costEstimated: true });
  });

  it("is refused to roles that do not ingest", async () => {
    const viewer = await createActor(db.prisma, ["viewer"]);
    await expect(
      importUsageRows(db, viewer, parseUsageFile([HEADER, good(8)].join("\n"), { fileName: "x.csv", now: NOW }), { mode: "strict", source: "file" }),
    ).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.prisma.usageEvent.findUnique({ where: { eventId: "e-8" } })).toBeNull();
  });

  it("keeps the audit chain intact", async () => {
    expect((await verifyAuditTrail(db.prisma)).intact).toBe(true);
  });
});

describe("pricing helpers", () => {
  const prices = [
    { from: 100, input: 5, output: 15 },
    { from: 200, input: 2.5, output: 10 },
  ];
  it("pick the price in force, or the earliest for older events", () => {
    expect(priceAt(prices, 50)).toBe(prices[0]);
    expect(priceAt(prices, 150)).toBe(prices[0]);
    expect(priceAt(prices, 200)).toBe(prices[1]);
  });
  it("estimate nothing without tokens or prices", () => {
    expect(estimateCost({ inputTokens: null, outputTokens: null }, prices[0])).toBeNull();
    expect(estimateCost({ inputTokens: 10, outputTokens: 0 }, undefined)).toBeNull();
    expect(estimateCost({ inputTokens: 2_000, outputTokens: 1_000 }, prices[1])).toBeCloseTo(0.015, 10);
  });
});
