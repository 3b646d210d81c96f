// The compliance pages' views against a real (in-memory PGlite) database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolesCan } from "@/lib/authz/permissions";
import type { Database } from "@/lib/db/connection";
import type { PageViewer } from "@/lib/server/page";
import { type GovernanceWorld, type UserActor, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openTestDatabase } from "@/lib/testing/test-database";
import { checklistView } from "./checklist-view";
import { modelComplianceView } from "./model-compliance-view";

let db: Database;
let world: GovernanceWorld;
const viewerOf = (user: UserActor): PageViewer => ({ user, prisma: db.prisma, can: (p) => rolesCan(user.roles, p) });

beforeAll(async () => {
  db = await openTestDatabase();
  world = await governanceWorld(db.prisma);
});
afterAll(() => db.close());

describe("the compliance checklist page", () => {
  it("keeps the rows the URL asks for, and counts gaps over every model", async () => {
    const view = await checklistView(viewerOf(world.actors.compliance), { gaps: "only" });
    expect(view.filterError).toBeNull();
    expect(view.rows.every((r) => r.gaps > 0)).toBe(true);
    expect(view.withGaps).toBe(view.all.filter((r) => r.gaps > 0).length);
  });

  it("shows every model with what was wrong when the URL is bad", async () => {
    const view = await checklistView(viewerOf(world.actors.compliance), { gaps: "some", sort: "name" });
    expect(view.filterError).toContain("gaps must be only or all");
    expect(view.filters).toMatchObject({ gaps: "all", sort: "gaps" });
    expect(view.rows).toHaveLength(view.all.length);
  });

  it("is for compliance and admins", async () => {
    await expect(checklistView(viewerOf(world.actors.engineer), {})).rejects.toMatchObject({ code: "forbidden" });
  });
});

describe("one model's compliance page", () => {
  it("offers the audit pack to those who may export it, and is not found for an unknown model", async () => {
    const view = await modelComplianceView(viewerOf(world.actors.admin), world.incumbent.id);
    expect(view).toMatchObject({ facts: { id: world.incumbent.id }, whyNotAuditPack: null });
    await expect(modelComplianceView(viewerOf(world.actors.admin), "not-an-id")).rejects.toMatchObject({ code: "not_found" });
  });
});
