import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { failure } from "@/lib/testing/expect-failure";
import { type GovernanceWorld, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openTestDatabase } from "@/lib/testing/test-database";
import { changeModelStatus, statusOptions } from "./status-service";

let db: Database;
let w: GovernanceWorld;

beforeAll(async () => {
  db = await openTestDatabase();
  w = await governanceWorld(db.prisma);
});
afterAll(() => db.close());

async function freshModel(status: "approved" | "testing" | "disabled" | "fallback_only", extra: Record<string, unknown> = {}) {
  return db.prisma.model.create({
    data: { providerId: w.candidate.providerId, snapshotId: `m-${Math.random().toString(36).slice(2)}`, name: `Model ${status}`, status, ...extra },
  });
}

describe("direct status changes", () => {
  it("lets an ML lead move an approved model to fallback only, and nobody else", async () => {
    const model = await freshModel("approved");
    for (const role of ["viewer", "engineer", "product_owner", "compliance", "admin"] as const) {
      expect((await failure(changeModelStatus(db.prisma, w.actors[role], { modelId: model.id, version: 1, to: "fallback_only" }))).code).toBe("forbidden");
    }
    const result = await changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: model.id, version: 1, to: "fallback_only" });
    expect(result).toMatchObject({ from: "approved", to: "fallback_only" });
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: model.id, action: "model.status_change" } });
    expect(event.before).toEqual({ status: "approved" });
  });

  it("sends moves that need approvers to a change request, and refuses moves that do not exist", async () => {
    const model = await freshModel("testing");
    expect(await failure(changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: model.id, version: 1, to: "approved" }))).toMatchObject({
      code: "rule_violation",
      rule: "needs_change_request",
    });
    const error = await failure(changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: model.id, version: 1, to: "deprecated" }));
    expect(error).toMatchObject({ rule: "no_such_transition" });
    expect(error.message).toContain("from testing it can go to");
  });

  it("refuses to deprecate a model still serving workflows without a plan", async () => {
    const error = await failure(changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: w.incumbent.id, version: w.incumbent.version, to: "deprecated" }));
    expect(error).toMatchObject({ rule: "to_deprecated.deprecation_plan_unless_unused" });
    const unused = await freshModel("approved");
    await expect(changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: unused.id, version: 1, to: "deprecated" })).resolves.toMatchObject({
      to: "deprecated",
    });
  });

  it("disables at once with a reason: approvals revoked, dependants flagged, workflows at risk listed", async () => {
    const primary = await freshModel("approved", { name: "Primary to disable" });
    const workflow = await db.prisma.workflow.create({ data: { slug: `wf-${Date.now()}`, name: "Agent planning", riskClass: "minimal", trafficTier: "low" } });
    await db.prisma.approval.create({ data: { modelId: primary.id, workflowId: workflow.id, role: "primary" } });
    const dependant = await freshModel("approved", { name: "Names it as fallback", fallbackModelId: primary.id });
    await db.prisma.approval.create({ data: { modelId: dependant.id, workflowId: workflow.id, role: "fallback", fallbackModelId: primary.id } });

    expect(await failure(changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: primary.id, version: 1, to: "disabled" }))).toMatchObject({
      rule: "disable.reason",
    });
    const { impact } = await changeModelStatus(db.prisma, w.actors.compliance, {
      modelId: primary.id,
      version: 1,
      to: "disabled",
      reasonKind: "security",
      reason: "Prompt injection exposure reported by the provider.",
    });
    expect(impact).toMatchObject({
      workflowsAtRisk: [{ id: workflow.id, name: "Agent planning" }],
      modelsNamingItAsFallback: [{ id: dependant.id, name: "Names it as fallback" }],
    });
    expect(impact!.approvalsNamingItAsFallback).toHaveLength(1);
    const revoked = await db.prisma.approval.findFirstOrThrow({ where: { modelId: primary.id } });
    expect(revoked.revokedAt).not.toBeNull();
    expect(revoked.revokedReason).toMatch(/security/);
    const saved = await db.prisma.model.findUniqueOrThrow({ where: { id: primary.id } });
    expect(saved).toMatchObject({ status: "disabled", statusReason: "security: Prompt injection exposure reported by the provider." });
  });

  it("retires a disabled model only when nothing refers to it, by compliance or admin", async () => {
    const model = await freshModel("disabled");
    const workflow = await db.prisma.workflow.create({ data: { slug: `wf-b-${Date.now()}`, name: "Bundled", riskClass: "minimal", trafficTier: "low" } });
    const bundle = await db.prisma.bundle.create({
      data: { workflowId: workflow.id, modelId: model.id, major: 1, minor: 0, patch: 0, promptHash: "p", configHash: "c", config: {}, stage: "active" },
    });
    expect(await failure(changeModelStatus(db.prisma, w.actors.admin, { modelId: model.id, version: 1, to: "retired" }))).toMatchObject({
      rule: "disabled_to_retired.nothing_refers_to_it",
    });
    expect((await failure(changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: model.id, version: 1, to: "retired" }))).code).toBe("forbidden");
    await db.prisma.bundle.update({ where: { id: bundle.id }, data: { stage: "retired" } });
    await expect(changeModelStatus(db.prisma, w.actors.admin, { modelId: model.id, version: 1, to: "retired" })).resolves.toMatchObject({ to: "retired" });
    expect(
      await failure(changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: model.id, version: 2, to: "testing", reason: "bring it back" })),
    ).toMatchObject({ rule: "no_such_transition" });
  });

  it("brings a disabled model back to testing with a reason", async () => {
    const model = await freshModel("disabled");
    await expect(
      changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: model.id, version: 1, to: "testing", reason: "Provider fixed the incident." }),
    ).resolves.toMatchObject({ to: "testing" });
  });

  it("refuses a change made against a stale version, writing nothing", async () => {
    const model = await freshModel("approved");
    await changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: model.id, version: 1, to: "fallback_only" });
    const events = await db.prisma.auditEvent.count();
    expect(
      (await failure(changeModelStatus(db.prisma, w.actors.compliance, { modelId: model.id, version: 1, to: "disabled", reason: "incident in region" }))).code,
    ).toBe("conflict");
    expect(await db.prisma.auditEvent.count()).toBe(events);
  });
});

describe("the moves a person sees", () => {
  it("are open or closed with the reason", async () => {
    const options = await statusOptions(db.prisma, w.actors.engineer, w.incumbent.id);
    const byTo = Object.fromEntries(options.map((o) => [o.to, o]));
    expect(byTo.fallback_only).toMatchObject({ open: false, why: "only ML lead may make this move." });
    const lead = Object.fromEntries((await statusOptions(db.prisma, w.actors.ml_lead, w.incumbent.id)).map((o) => [o.to, o]));
    expect(lead.fallback_only.open).toBe(true);
    expect(lead.deprecated).toMatchObject({ open: false });
    expect(lead.deprecated.why).toMatch(/deprecation plan/);
    expect(lead.disabled.open).toBe(true);
  });
});
