// Applying a status-change request is the direct move of lib/lifecycle, made inside the decision's
// transaction: the same audit event (plus the request it applies) and the same version guard, proved
// against a real PostgreSQL where a concurrent change to the model can land between the rules being
// checked and the move being written.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { changeModelStatus } from "@/lib/lifecycle/status-service";
import { failure } from "@/lib/testing/expect-failure";
import { type GovernanceWorld, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openPostgresTestDatabase } from "@/lib/testing/test-database";
import { decideChangeRequest, openChangeRequest } from "./change-request-service";

let db: Database;
let w: GovernanceWorld;

beforeAll(async () => {
  db = await openPostgresTestDatabase(6);
  w = await governanceWorld(db.prisma);
});
afterAll(() => db.close());

let n = 0;
/** A testing model, strictly pinned with a model card, approved for the (limited-risk) chat workflow with a passed gate: ready to promote. */
async function promotable() {
  const model = await db.prisma.model.create({
    data: {
      providerId: w.candidate.providerId,
      snapshotId: `promotable-${++n}-20260101`,
      name: `Promotable ${n}`,
      status: "testing",
      pinning: "strict",
      intendedUse: "Support answers.",
      limitations: "No legal advice.",
    },
  });
  const run = await db.prisma.evaluationRun.create({
    data: {
      modelId: model.id,
      workflowId: w.chat.id,
      suite: "support-v3",
      datasetVersion: "2026-10",
      metrics: { accuracy: 0.9 },
      thresholds: { accuracy: { min: 0.85 } },
      gateResult: { accuracy: { passed: true } },
      gatePassed: true,
    },
  });
  await db.prisma.approval.create({
    data: { modelId: model.id, workflowId: w.chat.id, role: "fallback", languages: ["en"], evidence: { create: [{ evaluationRunId: run.id }] } },
  });
  return model;
}

const statusEvents = (modelId: string) =>
  db.prisma.auditEvent.findMany({ where: { action: "model.status_change", targetId: modelId }, orderBy: { seq: "asc" } });

describe("an applied status-change request", () => {
  it("writes the direct move's audit event, naming the request it applies", async () => {
    // A direct move for comparison: the ML lead moves an approved model to fallback only.
    const direct = await db.prisma.model.create({
      data: { providerId: w.candidate.providerId, snapshotId: `direct-${Date.now()}`, name: "Direct", status: "approved" },
    });
    await changeModelStatus(db.prisma, w.actors.ml_lead, { modelId: direct.id, version: 1, to: "fallback_only", reason: "Kept as a fallback." });
    const [directEvent] = await statusEvents(direct.id);

    const model = await promotable();
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, {
      kind: "status_change",
      modelId: model.id,
      toStatus: "approved",
      workflows: w.chat.slug,
      justification: "Approved for support chat with a passed gate; promote it.",
    });
    expect(await decideChangeRequest(db.prisma, w.actors.ml_lead, { id: request.id, decision: "approve", version: 1 })).toMatchObject({ state: "applied" });
    const [applied] = await statusEvents(model.id);

    expect(Object.keys(applied.after as object).sort()).toEqual([...Object.keys(directEvent.after as object), "changeRequestId"].sort());
    expect(applied).toMatchObject({
      actorLabel: w.actors.ml_lead.email,
      before: { status: "testing" },
      after: { status: "approved", transition: "testing_to_approved", changeRequestId: request.id },
      reason: "Approved for support chat with a passed gate; promote it.",
    });
    expect(directEvent).toMatchObject({ before: { status: "approved" }, after: { status: "fallback_only", transition: "approved_to_fallback_only" } });
    expect(await db.prisma.model.findUniqueOrThrow({ where: { id: model.id } })).toMatchObject({
      status: "approved",
      version: 2,
      statusReason: request.justification,
    });
  });

  it("is a conflict, and writes nothing, when the model changed after the rules were checked", async () => {
    const model = await promotable();
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, {
      kind: "status_change",
      modelId: model.id,
      toStatus: "approved",
      workflows: w.chat.slug,
      justification: "Ready for approval on support chat.",
    });
    const events = await db.prisma.auditEvent.count();

    // An edit that keeps the status (testing) but clears the model card, committed only once the
    // decision has read the model and checked the rules against the card it still had.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let edited!: () => void;
    const editWritten = new Promise<void>((resolve) => (edited = resolve));
    const edit = db.prisma.$transaction(
      async (tx) => {
        await tx.model.update({ where: { id: model.id }, data: { limitations: null, version: { increment: 1 } } });
        edited();
        await held;
      },
      { timeout: 60_000 },
    );
    await editWritten;
    const decision = failure(decideChangeRequest(db.prisma, w.actors.ml_lead, { id: request.id, decision: "approve", version: 1 }));
    // Wait until the decision is blocked on the edit's row lock: it has read the model and passed the rules.
    for (let i = 0; i < 600; i++) {
      const [{ waiting }] = await db.prisma.$queryRaw<{ waiting: bigint }[]>`SELECT count(*) AS waiting FROM pg_locks WHERE NOT granted`;
      if (waiting > 0n) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    release();
    await edit;

    // Guarded only by the status (still testing), it would have promoted a model without a card.
    expect(await decision).toMatchObject({ code: "conflict" });
    expect(await db.prisma.model.findUniqueOrThrow({ where: { id: model.id } })).toMatchObject({ status: "testing", version: 2, limitations: null });
    expect(await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ state: "open", version: 1 });
    expect(await db.prisma.changeRequestDecision.count({ where: { changeRequestId: request.id } })).toBe(0);
    expect(await db.prisma.auditEvent.count()).toBe(events);

    // Decided again now, the rules see the cleared card.
    expect(await failure(decideChangeRequest(db.prisma, w.actors.ml_lead, { id: request.id, decision: "approve", version: 1 }))).toMatchObject({
      rule: "testing_to_approved.model_card",
    });
  });
});
