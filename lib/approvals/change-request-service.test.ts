import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditTrail } from "@/lib/audit/verify";
import type { Database } from "@/lib/db/connection";
import { failure } from "@/lib/testing/expect-failure";
import { type GovernanceWorld, approvalRequest, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openTestDatabase } from "@/lib/testing/test-database";
import { decideChangeRequest, getChangeRequest, listChangeRequests, openChangeRequest, withdrawChangeRequest } from "./change-request-service";

let db: Database;
let w: GovernanceWorld;

beforeAll(async () => {
  db = await openTestDatabase();
  w = await governanceWorld(db.prisma);
});
afterAll(() => db.close());

const auditCount = () => db.prisma.auditEvent.count();

describe("opening a change request", () => {
  it("records who must approve: an ML lead for a limited-risk workflow", async () => {
    const { request, violations, policy } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w));
    expect(request.state).toBe("open");
    expect(policy).toEqual([{ role: "ml_lead", count: 1 }]);
    expect(violations).toEqual([]);
  });

  it("adds compliance for a high-risk workflow", async () => {
    const { policy } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w, { workflow: w.loans.slug, evidence: [w.runs.passLoans.id] }));
    expect(policy).toEqual([
      { role: "ml_lead", count: 1 },
      { role: "compliance", count: 1 },
    ]);
  });

  it("shows at once the rules the request already breaks", async () => {
    const disabled = await db.prisma.model.create({
      data: { providerId: w.candidate.providerId, snapshotId: `disabled-fallback-${Date.now()}`, name: "Disabled fallback", status: "disabled" },
    });
    const { violations } = await openChangeRequest(
      db.prisma,
      w.actors.engineer,
      approvalRequest(w, { evidence: [w.runs.failChat.id], maxCostPerTaskUsd: 0.5, fallbackModelId: disabled.id, languages: "en,ja" }),
    );
    expect(violations.map((v) => v.rule).sort()).toEqual([
      "cost_limit_above_workflow_maximum",
      "fallback_not_approved",
      "gate_failed",
      "language_not_supported",
    ]);
  });

  it("is refused to roles that may not open requests, and invalid input writes nothing", async () => {
    const before = await auditCount();
    expect((await failure(openChangeRequest(db.prisma, w.actors.viewer, approvalRequest(w)))).code).toBe("forbidden");
    const invalid = await failure(openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w, { role: "boss", justification: "short" })));
    expect(invalid.code).toBe("validation");
    expect(Object.keys(invalid.fieldErrors ?? {})).toEqual(expect.arrayContaining(["role", "justification"]));
    expect(await auditCount()).toBe(before);
  });

  it("refuses a status change that is made directly, or that does not exist, naming the rule", async () => {
    const direct = await failure(
      openChangeRequest(db.prisma, w.actors.engineer, {
        kind: "status_change",
        modelId: w.incumbent.id,
        toStatus: "fallback_only",
        justification: "Make it a fallback only.",
      }),
    );
    expect(direct).toMatchObject({ code: "rule_violation", rule: "direct_transition" });
    const none = await failure(
      openChangeRequest(db.prisma, w.actors.engineer, {
        kind: "status_change",
        modelId: w.candidate.id,
        toStatus: "retired",
        justification: "Retire it right away.",
      }),
    );
    expect(none).toMatchObject({ code: "rule_violation", rule: "no_such_transition" });
  });
});

describe("deciding", () => {
  it("applies an approval in the transaction of the last needed approval, with one audit event for the change", async () => {
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w));
    const before = await auditCount();
    const result = await decideChangeRequest(db.prisma, w.actors.ml_lead, {
      id: request.id,
      decision: "approve",
      comment: "Good evidence.",
      version: request.version,
    });
    expect(result).toMatchObject({ state: "applied", countedAs: "ml_lead" });
    const approval = await db.prisma.approval.findFirstOrThrow({ where: { changeRequestId: request.id }, include: { evidence: true } });
    expect(approval).toMatchObject({ modelId: w.candidate.id, workflowId: w.chat.id, role: "fallback", maxCostPerTaskUsd: 0.03 });
    expect(approval.evidence.map((e) => e.evaluationRunId)).toEqual([w.runs.passChat.id]);
    const events = await db.prisma.auditEvent.findMany({ where: { seq: { gt: BigInt(before) } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["change_request.decide", "approval.grant"]);
    expect(events[1]).toMatchObject({ targetType: "model", targetId: w.candidate.id });
  });

  it("never lets people decide their own request, whatever roles they hold", async () => {
    const { request } = await openChangeRequest(db.prisma, w.engineerLead, approvalRequest(w));
    const error = await failure(decideChangeRequest(db.prisma, w.engineerLead, { id: request.id, decision: "approve", version: request.version }));
    expect(error).toMatchObject({ code: "rule_violation", rule: "no_self_decision" });
  });

  it("waits for compliance on a high-risk workflow and counts one person once", async () => {
    const { request } = await openChangeRequest(
      db.prisma,
      w.actors.engineer,
      approvalRequest(w, { workflow: w.loans.slug, evidence: [w.runs.passLoans.id], role: "primary" }),
    );
    const first = await decideChangeRequest(db.prisma, w.leadAndCompliance, { id: request.id, decision: "approve", version: 1 });
    expect(first).toMatchObject({ state: "open", countedAs: "ml_lead", waitingOn: [{ role: "compliance", missing: 1 }] });
    const again = await failure(decideChangeRequest(db.prisma, w.leadAndCompliance, { id: request.id, decision: "approve", version: 2 }));
    expect(again).toMatchObject({ code: "conflict", rule: "one_decision_per_person" });
    const lead = await failure(decideChangeRequest(db.prisma, w.actors.ml_lead, { id: request.id, decision: "approve", version: 2 }));
    expect(lead).toMatchObject({ rule: "role_already_satisfied" });
    expect(await db.prisma.approval.count({ where: { changeRequestId: request.id } })).toBe(0);
    const last = await decideChangeRequest(db.prisma, w.secondCompliance, { id: request.id, decision: "approve", version: 2 });
    expect(last).toMatchObject({ state: "applied", countedAs: "compliance" });
    expect(await db.prisma.approval.count({ where: { changeRequestId: request.id } })).toBe(1);
  });

  it("closes on a rejection, and a decided or withdrawn request cannot be decided again", async () => {
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w));
    expect(
      await decideChangeRequest(db.prisma, w.actors.ml_lead, { id: request.id, decision: "reject", comment: "Needs a larger suite.", version: 1 }),
    ).toMatchObject({ state: "rejected" });
    expect(await failure(decideChangeRequest(db.prisma, w.leadAndCompliance, { id: request.id, decision: "approve", version: 2 }))).toMatchObject({
      code: "conflict",
      rule: "request_not_open",
    });

    const { request: other } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w));
    expect((await failure(withdrawChangeRequest(db.prisma, w.engineerLead, { id: other.id, version: 1 }))).rule).toBe("only_requester_withdraws");
    await withdrawChangeRequest(db.prisma, w.actors.engineer, { id: other.id, version: 1 });
    expect(await failure(decideChangeRequest(db.prisma, w.actors.ml_lead, { id: other.id, decision: "approve", version: 2 }))).toMatchObject({
      rule: "request_not_open",
    });
  });

  it("refuses a decision made on a stale version", async () => {
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w, { workflow: w.loans.slug, evidence: [w.runs.passLoans.id] }));
    await decideChangeRequest(db.prisma, w.actors.ml_lead, { id: request.id, decision: "approve", version: 1 });
    expect(await failure(decideChangeRequest(db.prisma, w.actors.compliance, { id: request.id, decision: "approve", version: 1 }))).toMatchObject({
      code: "conflict",
      rule: "stale_version",
    });
  });

  it("re-checks the rules when applying: a model disabled meanwhile is refused, and nothing is written", async () => {
    const model = await db.prisma.model.create({
      data: { providerId: w.candidate.providerId, snapshotId: `soon-disabled-${Date.now()}`, name: "Soon disabled", status: "testing", contextWindow: 100_000 },
    });
    const run = await db.prisma.evaluationRun.create({
      data: {
        modelId: model.id,
        workflowId: w.chat.id,
        suite: "s",
        datasetVersion: "1",
        metrics: { accuracy: 0.9 },
        thresholds: {},
        gateResult: {},
        gatePassed: true,
      },
    });
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w, { modelId: model.id, evidence: [run.id], languages: "" }));
    await db.prisma.model.update({ where: { id: model.id }, data: { status: "disabled" } });
    const before = await auditCount();
    const error = await failure(decideChangeRequest(db.prisma, w.actors.ml_lead, { id: request.id, decision: "approve", version: 1 }));
    expect(error).toMatchObject({ code: "rule_violation", rule: "model_not_approvable" });
    // The whole decision rolled back: no decision row, no state change, no audit event.
    expect(await auditCount()).toBe(before);
    expect(await db.prisma.changeRequestDecision.count({ where: { changeRequestId: request.id } })).toBe(0);
    expect((await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: request.id } })).state).toBe("open");
  });

  it("is never accepted from an API key", async () => {
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w));
    const key = { kind: "api_key" as const, apiKeyId: "k", name: "pipeline", scopes: ["read", "ingest:write", "catalog:write"] as never };
    expect(await failure(decideChangeRequest(db.prisma, key, { id: request.id, decision: "approve", version: 1 }))).toMatchObject({
      code: "forbidden",
      rule: "decisions_need_a_person",
    });
  });

  it("is refused to roles that do not approve", async () => {
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w));
    for (const role of ["viewer", "product_owner", "admin"] as const) {
      expect((await failure(decideChangeRequest(db.prisma, w.actors[role], { id: request.id, decision: "approve", version: 1 }))).code).toBe("forbidden");
    }
  });
});

describe("a status change by request", () => {
  it("promotes a testing model to approved once it holds an approval with a passed gate, with compliance since one workflow is high risk", async () => {
    const { request, violations, policy } = await openChangeRequest(db.prisma, w.actors.engineer, {
      kind: "status_change",
      modelId: w.candidate.id,
      toStatus: "approved",
      justification: "Approved for support chat; promote it.",
    });
    expect(violations).toEqual([]);
    // The candidate is by now approved for the high-risk loan workflow too.
    expect(policy.map((p) => p.role)).toEqual(["ml_lead", "compliance"]);
    const before = await db.prisma.model.findUniqueOrThrow({ where: { id: w.candidate.id } });
    expect(await decideChangeRequest(db.prisma, w.actors.ml_lead, { id: request.id, decision: "approve", version: 1 })).toMatchObject({ state: "open" });
    expect((await db.prisma.model.findUniqueOrThrow({ where: { id: w.candidate.id } })).status).toBe("testing");
    expect(await decideChangeRequest(db.prisma, w.actors.compliance, { id: request.id, decision: "approve", version: 2 })).toMatchObject({ state: "applied" });
    const after = await db.prisma.model.findUniqueOrThrow({ where: { id: w.candidate.id } });
    expect(after).toMatchObject({ status: "approved", version: before.version + 1 });
  });

  it("shows the missing preconditions and refuses to apply without them", async () => {
    const loose = await db.prisma.model.create({
      data: { providerId: w.candidate.providerId, snapshotId: `loose-${Date.now()}`, name: "Loose alias", status: "testing", pinning: "family" },
    });
    const { request, violations } = await openChangeRequest(db.prisma, w.actors.engineer, {
      kind: "status_change",
      modelId: loose.id,
      toStatus: "approved",
      justification: "Please promote this one.",
    });
    expect(violations.map((v) => v.rule)).toEqual([
      "testing_to_approved.passed_gate_any_workflow",
      "testing_to_approved.strict_pinning",
      "testing_to_approved.model_card",
    ]);
    expect(await failure(decideChangeRequest(db.prisma, w.actors.ml_lead, { id: request.id, decision: "approve", version: 1 }))).toMatchObject({
      rule: "testing_to_approved.passed_gate_any_workflow",
    });
  });
});

describe("reading requests", () => {
  it("filters by state, requester and model and returns each version", async () => {
    const open = await listChangeRequests(db.prisma, w.actors.viewer, { state: "open", requester: w.actors.engineer.email });
    expect(open.total).toBeGreaterThan(0);
    for (const item of open.items) expect(item).toMatchObject({ state: "open", requesterId: w.actors.engineer.userId, version: expect.any(Number) });
    const applied = await listChangeRequests(db.prisma, w.actors.viewer, { state: "applied", model: w.candidate.id });
    expect(applied.items.every((i) => i.modelId === w.candidate.id && i.state === "applied")).toBe(true);
    expect((await failure(listChangeRequests(db.prisma, w.actors.viewer, { state: "maybe" }))).code).toBe("validation");
    const decided = await listChangeRequests(db.prisma, w.actors.viewer, { state: "rejected,withdrawn,applied" });
    expect(new Set(decided.items.map((i) => i.state))).toEqual(new Set(["rejected", "withdrawn", "applied"]));
  });

  it("shows what an open request waits on", async () => {
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w, { workflow: w.loans.slug, evidence: [w.runs.passLoans.id] }));
    const detail = await getChangeRequest(db.prisma, w.actors.viewer, request.id);
    expect(detail.waitingOn).toEqual([
      { role: "ml_lead", missing: 1 },
      { role: "compliance", missing: 1 },
    ]);
  });

  it("leaves the audit chain intact", async () => {
    expect((await verifyAuditTrail(db.prisma)).intact).toBe(true);
  });
});

describe("a pipeline with an API key", () => {
  it("opens a request on behalf of the key's owner, who then cannot decide it", async () => {
    const key = { kind: "api_key" as const, apiKeyId: "k", name: "training-pipeline", scopes: ["catalog:write"] as never, ownerId: w.engineerLead.userId };
    const { request } = await openChangeRequest(db.prisma, key, approvalRequest(w));
    expect(request.requesterId).toBe(w.engineerLead.userId);
    expect(await failure(decideChangeRequest(db.prisma, w.engineerLead, { id: request.id, decision: "approve", version: 1 }))).toMatchObject({
      rule: "no_self_decision",
    });
    const ownerless = { ...key, ownerId: null };
    expect(await failure(openChangeRequest(db.prisma, ownerless, approvalRequest(w)))).toMatchObject({ code: "forbidden", rule: "requester_required" });
  });
});
