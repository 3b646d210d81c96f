// The workflow pages' views against a real (in-memory PGlite) database.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rolesCan } from "@/lib/authz/permissions";
import type { Database } from "@/lib/db/connection";
import type { PageViewer } from "@/lib/server/page";
import { type GovernanceWorld, type UserActor, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openTestDatabase } from "@/lib/testing/test-database";
import { REQUEST_WHY_NOT, workflowView } from "./workflow-view";
import { workflowsView } from "./workflows-view";

let db: Database;
let world: GovernanceWorld;
const viewerOf = (user: UserActor): PageViewer => ({ user, prisma: db.prisma, can: (p) => rolesCan(user.roles, p) });

beforeAll(async () => {
  db = await openTestDatabase();
  world = await governanceWorld(db.prisma);
  await db.prisma.workflow.update({
    where: { id: world.chat.id },
    data: { qualityThresholds: { accuracy: { min: 0.85, maxRegression: 0.02 }, typo: { minimum: 1 } } },
  });
});
afterAll(() => db.close());

describe("a workflow's page", () => {
  it("offers engineers to request a candidate's approval, and says why not to others", async () => {
    expect((await workflowView(viewerOf(world.actors.engineer), world.chat.slug)).whyNotRequest).toBeNull();
    expect((await workflowView(viewerOf(world.actors.ml_lead), world.chat.slug)).whyNotRequest).toBe(REQUEST_WHY_NOT);
  });

  it("shows the quality bar as the gate reads it, and links every workflow an impact names", async () => {
    const view = await workflowView(viewerOf(world.actors.viewer), world.chat.slug);
    expect(view.thresholds).toEqual([["accuracy", { min: 0.85, maxRegression: 0.02 }]]);
    expect(view.workflowHrefs[world.loans.id]).toBe(`/workflows/${world.loans.slug}`);
    expect(view.primary.map((a) => a.model.id)).toEqual([world.incumbent.id]);
    expect(view.candidates).toEqual([expect.objectContaining({ id: world.candidate.id })]);
  });

  it("is not found for an unknown slug", async () => {
    await expect(workflowView(viewerOf(world.actors.viewer), "no-such-workflow")).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the workflows page", () => {
  it("lists each workflow with whether it is at risk", async () => {
    const { workflows } = await workflowsView(viewerOf(world.actors.viewer));
    expect(workflows.find((w) => w.id === world.chat.id)).toMatchObject({ atRisk: false });
    expect(workflows.find((w) => w.id === world.loans.id)).toMatchObject({ atRisk: true });
  });
});
