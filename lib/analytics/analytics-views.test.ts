// The overview, drift and compare pages' views against a real (in-memory PGlite) database: a URL that does
// not parse falls back to the defaults with the reason (and, on the forms, what was typed), the tables
// come in the URL's order, the findings panel gets only what the filters select, and the import link is
// offered only to those the import would accept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolesCan } from "@/lib/authz/permissions";
import type { Database } from "@/lib/db/connection";
import { type StoredUsageRow, insertUsageBatch } from "@/lib/ingestion/usage-bulk-insert";
import type { PageViewer } from "@/lib/server/page";
import { type UserActor, createActor } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { storedUsageRow } from "@/lib/testing/usage-fixtures";
import { compareView } from "./compare-view";
import { driftView } from "./drift-view";
import { analyticsOverviewView } from "./overview-view";

let db: Database;
let engineer: UserActor;
let viewer: UserActor;
const viewerOf = (user: UserActor): PageViewer => ({ user, prisma: db.prisma, can: (p) => rolesCan(user.roles, p) });

beforeAll(async () => {
  db = await openTestDatabase();
  engineer = await createActor(db.prisma, ["engineer"]);
  viewer = await createActor(db.prisma, ["viewer"]);
  const at = new Date(Date.now() - 3 * 3_600_000);
  let n = 0;
  const event = (overrides: Partial<StoredUsageRow>) => storedUsageRow({ eventId: `view-${++n}`, timestamp: at, ...overrides });
  const rows = [
    ...Array.from({ length: 3 }, () => event({ model: "model-a", workflow: "alpha" })),
    ...Array.from({ length: 5 }, () => event({ model: "model-b", workflow: "alpha", latencyMs: 1200 })),
    event({ model: "model-c", workflow: "beta", provider: "anthropic" }),
  ];
  await insertUsageBatch((sql, params) => db.sql.query(sql, params) as Promise<{ n: number }[]>, rows, null);
  await db.prisma.usageFinding.deleteMany();
  await db.prisma.usageFinding.createMany({
    data: [
      { kind: "deprecated_model_traffic", model: "model-a", workflow: "alpha", firstSeen: at, lastSeen: at, events: 3 },
      { kind: "unapproved_workflow_traffic", model: "model-c", workflow: "beta", firstSeen: at, lastSeen: at, events: 1 },
    ],
  });
});
afterAll(() => db.close());

describe("the overview view", () => {
  it("shows the last 30 days with the reason when the URL's range does not parse", async () => {
    const view = await analyticsOverviewView(viewerOf(viewer), { from: "not-a-date", workflow: "alpha" }, db);
    expect(view.filterError).toMatch(/from must be an ISO date/);
    expect(view.dimensionFiltered).toBe(false);
    expect(view.overview.totals.metrics.requests.value).toBe(9);
  });

  it("sorts each table as the URL says, and hands the findings panel only what the filters select", async () => {
    const view = await analyticsOverviewView(viewerOf(viewer), { workflow: "alpha", msort: "name", mdir: "desc", wsort: "latencyP50Ms" }, db);
    expect(view.filterError).toBeNull();
    expect(view.tables.model.sort).toEqual({ key: "name", dir: "desc" });
    expect(view.tables.model.rows.map((r) => r.model)).toEqual(["model-b", "model-a"]);
    expect(view.tables.workflow.sort).toEqual({ key: "latencyP50Ms", dir: "desc" });
    expect(view.findings.map((f) => f.model)).toEqual(["model-a"]);
    expect(view.dimensionFiltered).toBe(true);
    const anthropic = await analyticsOverviewView(viewerOf(viewer), { provider: "anthropic" }, db);
    expect(anthropic.findings.map((f) => f.model)).toEqual(["model-c"]);
  });

  it("offers the import only to those the import accepts, and says why not to the others", async () => {
    const asEngineer = await analyticsOverviewView(viewerOf(engineer), {}, db);
    expect([asEngineer.importHref, asEngineer.whyNotImport]).toEqual(["/usage/import", null]);
    const asViewer = await analyticsOverviewView(viewerOf(viewer), {}, db);
    expect(asViewer.importHref).toBeNull();
    expect(asViewer.whyNotImport).toMatch(/usage:ingest|permission|role/i);
  });
});

describe("the drift view", () => {
  it("keeps what was typed beside its message and falls back to the default thresholds", async () => {
    const view = await driftView(viewerOf(viewer), { watch: "0.5", alert: "0.2", sort: "ks" }, db);
    expect(view.errorMessage).toMatch(/watch/);
    expect(view.fieldErrors).toHaveProperty("alert");
    expect(view.controls.watch).toBe("0.5");
    expect(view.params.thresholds).toEqual({ watch: 0.1, alert: 0.2 });
  });

  it("links the open row's close and the API to the same parameters without the open row", async () => {
    const view = await driftView(viewerOf(viewer), { alert: "0.3", show: "latency", showModel: "model-b", showWorkflow: "alpha" }, db);
    expect(view.errorMessage).toBeNull();
    expect(view.closeHref).toBe("/analytics/drift?alert=0.3");
    expect(view.apiHref).toBe("/api/v1/analytics/drift?alert=0.3");
    expect(view.controls.hidden).toEqual({ show: "latency", showModel: "model-b", showWorkflow: "alpha" });
    expect(view.facets.workflows).toEqual(["alpha", "beta"]);
  });
});

describe("the compare view", () => {
  it("opens on the busiest workflow and arms, and swaps them by link", async () => {
    const view = await compareView(viewerOf(viewer), {}, db);
    expect([view.params.workflow, view.params.a, view.params.b]).toEqual(["alpha", "model-b", "model-a"]);
    expect(view.swapHref).toBe("/analytics/compare?workflow=alpha&a=model-a&b=model-b");
    expect(view.apiHref).toBe("/api/v1/analytics/compare?workflow=alpha&a=model-b&b=model-a");
    expect(view.report?.armA).toBe("model-b");
  });

  it("shows the default comparison with the field named when the URL's period does not parse", async () => {
    const view = await compareView(viewerOf(viewer), { workflow: "alpha", from: "2026-13-40", range: "" }, db);
    expect(view.errorMessage).not.toBeNull();
    expect(Object.keys(view.fieldErrors)).toContain("from");
    expect(view.controls.range).toBe("30d");
  });
});
