// The checklist's facts gathered from a real (in-memory PGlite) database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { uploadUsageFile } from "@/lib/ingestion/usage-upload";
import { type GovernanceWorld, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openTestDatabase } from "@/lib/testing/test-database";
import { catalogCompliance, modelCompliance } from "./checklist-query";

let db: Database;
let world: GovernanceWorld;
const now = new Date();

beforeAll(async () => {
  db = await openTestDatabase();
  world = await governanceWorld(db.prisma);
  // An untouched catalog entry: not part of the team's registry, so not checked.
  await db.prisma.model.create({
    data: { providerId: world.incumbent.providerId, snapshotId: "catalog-only-1", name: "Catalog only", status: "testing", sources: ["litellm"] },
  });
  await db.prisma.model.update({ where: { id: world.candidate.id }, data: { sources: ["manual"] } });
  // Recent and baseline traffic on the incumbent, through the real import (events, hourly and daily rollups).
  const at = (daysAgo: number, i: number) => new Date(now.getTime() - daysAgo * 86_400_000 - i * 1000).toISOString();
  const rows = [...Array.from({ length: 300 }, (_, i) => at(2, i)), ...Array.from({ length: 900 }, (_, i) => at(20, i))];
  const csv = [
    "timestamp,model,provider,workflow,latency_ms,status",
    ...rows.map((t) => `${t},${world.incumbent.snapshotId},anthropic,${world.chat.slug},900,ok`),
  ].join("\n");
  const report = await uploadUsageFile(db, world.actors.engineer, csv, { fileName: "usage.csv", mode: "strict" });
  expect(report.accepted).toBe(1200);
});
afterAll(() => db.close());

describe("catalogCompliance", () => {
  it("checks the team's models only, from their data", async () => {
    const rows = await catalogCompliance(db.prisma, world.actors.compliance, now);
    expect(rows.map((r) => r.facts.name).sort()).toEqual([world.candidate.name, world.incumbent.name].sort());
    const incumbent = rows.find((r) => r.facts.id === world.incumbent.id)!;
    expect(incumbent.facts).toMatchObject({
      activeApprovals: 1,
      approvalsWithoutRequest: 1,
      passedEvaluationRuns: 1,
      recentCalls: 300,
      baselineCalls: 900,
      bundles: 0,
    });
    const state = (id: string) => incumbent.items.find((i) => i.id === id)!.state;
    expect(state("monitored_in_production")).toBe("met");
    expect(state("changes_through_requests")).toBe("gap");
    expect(state("controlled_rollout")).toBe("gap");
    expect(state("registry_record")).toBe("gap"); // no owner or purpose in the fixture
    expect(incumbent.gaps).toBe(incumbent.items.filter((i) => i.state === "gap").length);
  });

  it("is for compliance and admins only", async () => {
    await expect(catalogCompliance(db.prisma, world.actors.viewer)).rejects.toMatchObject({ code: "forbidden" });
    await expect(modelCompliance(db.prisma, world.actors.engineer, world.incumbent.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(modelCompliance(db.prisma, world.actors.admin, "nope")).rejects.toMatchObject({ code: "not_found" });
  });
});
