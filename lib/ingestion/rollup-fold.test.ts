import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { overviewRows } from "@/lib/analytics/overview-query";
import type { Database } from "@/lib/db/connection";
import { openTestDatabase } from "@/lib/testing/test-database";
import { storedUsageRow } from "@/lib/testing/usage-fixtures";
import { PendingRollupFolder, foldPendingRollups } from "./rollup-fold";
import { type StoredUsageRow, insertUsageBatch } from "./usage-bulk-insert";

const row = (id: string, overrides: Partial<StoredUsageRow> = {}): StoredUsageRow => storedUsageRow({ eventId: id, ...overrides });

const range = {
  from: new Date("2026-11-01T00:00:00Z"),
  to: new Date("2026-12-01T00:00:00Z"),
  preset: null,
  workflow: [],
  model: [],
  provider: [],
  region: [],
  bundle: [],
};

describe("pending rollups from online ingest", () => {
  let db: Database;
  const run = (sql: string, params: unknown[]) => db.sql.query(sql, params);
  const counts = async () => {
    const [c] = await db.sql.query<{ pending: number; hourly: number; daily: number }>(
      `SELECT (SELECT count(*) FROM "UsageRollupPending")::int AS pending, (SELECT coalesce(sum("requests"), 0) FROM "UsageRollup")::int AS hourly,
        (SELECT coalesce(sum("requests"), 0) FROM "UsageRollupDaily")::int AS daily`,
    );
    return c;
  };
  const overviewRequests = async () => (await overviewRows(db, range)).filter((r) => r.period === "current").reduce((n, r) => n + Number(r.requests), 0);

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db?.close();
  });

  it("count in the dashboards as soon as they are committed, then fold into the rollup tables exactly once", async () => {
    await insertUsageBatch(run, [row("p-1"), row("p-2", { status: "error", errorType: "timeout", latencyMs: 30_000 })], null, "pending");
    await insertUsageBatch(run, [row("p-3"), row("p-4", { timestamp: new Date("2026-11-21T03:00:00Z") })], null, "pending");
    expect(await counts()).toEqual({ pending: 3, hourly: 0, daily: 0 });
    expect(await overviewRequests()).toBe(4);

    expect(await foldPendingRollups(db.sql)).toBe(3);
    expect(await counts()).toEqual({ pending: 0, hourly: 4, daily: 4 });
    expect(await overviewRequests()).toBe(4);

    // Later batches into the same hour add to the folded row: histograms bucket by bucket, error types by name.
    await insertUsageBatch(run, [row("p-5", { latencyMs: 30_000 }), row("p-6", { status: "error", errorType: "timeout" })], null, "pending");
    await insertUsageBatch(run, [row("p-7", { status: "error", errorType: "rate_limit" })], null, "pending");
    expect(await overviewRequests()).toBe(7);
    expect(await foldPendingRollups(db.sql)).toBe(2);
    const [hour] = await db.sql.query<{ requests: number; errors: number; slow: number; types: Record<string, number> }>(
      `SELECT "requests", "errors", (SELECT sum(x) FROM unnest("latencyHist") x WHERE x > 0)::int AS slow, "errorTypes" AS types
       FROM "UsageRollup" WHERE "bucketStart" = '2026-11-20 10:00:00'`,
    );
    expect(hour).toMatchObject({ requests: 6, errors: 3, slow: 6, types: { timeout: 2, rate_limit: 1 } });
    expect(await counts()).toEqual({ pending: 0, hourly: 7, daily: 7 });
    expect(await foldPendingRollups(db.sql)).toBe(0);
  });

  it("are folded by the folder a moment after a write, and settle() waits for it", async () => {
    const folder = new PendingRollupFolder(20);
    await insertUsageBatch(run, [row("f-1", { timestamp: new Date("2026-11-22T08:00:00Z") })], null, "pending");
    folder.schedule(db.sql);
    folder.schedule(db.sql);
    expect((await counts()).pending).toBe(1);
    await folder.settle(db.sql);
    expect(await counts()).toEqual({ pending: 0, hourly: 8, daily: 8 });
  });
});
