// The concurrency proof against a real PostgreSQL: of 50 simultaneous conflicting calls exactly one
// wins, the change is applied once, and exactly one audit event records it. Repeated.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditTrail } from "@/lib/audit/verify";
import type { Database } from "@/lib/db/connection";
import { DomainError } from "@/lib/errors";
import { changeModelStatus } from "@/lib/lifecycle/status-service";
import { type UserActor, createActor } from "@/lib/testing/actors";
import { type GovernanceWorld, approvalRequest, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openPostgresTestDatabase } from "@/lib/testing/test-database";
import { decideChangeRequest, openChangeRequest } from "./change-request-service";

const ATTEMPTS = 50;
const ROUNDS = 3;

let db: Database;
let w: GovernanceWorld;
let leads: UserActor[];

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => "won",
    (error) => (error instanceof DomainError ? error.code : Promise.reject(error)),
  );

beforeAll(async () => {
  db = await openPostgresTestDatabase(25);
  w = await governanceWorld(db.prisma);
  leads = await Promise.all(Array.from({ length: ATTEMPTS }, () => createActor(db.prisma, ["ml_lead"])));
});
afterAll(() => db.close());

describe("simultaneous decisions", () => {
  it(`of ${ATTEMPTS} ML leads approving one request at once, exactly one applies it`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w));
      const results = await Promise.all(
        leads.map((lead) => outcome(decideChangeRequest(db.prisma, lead, { id: request.id, decision: "approve", version: request.version }))),
      );
      expect(results.filter((r) => r === "won")).toHaveLength(1);
      expect(results.filter((r) => r === "conflict")).toHaveLength(ATTEMPTS - 1);
      expect(await db.prisma.approval.count({ where: { changeRequestId: request.id } })).toBe(1);
      expect(await db.prisma.changeRequestDecision.count({ where: { changeRequestId: request.id } })).toBe(1);
      expect(await db.prisma.auditEvent.count({ where: { action: "approval.grant", after: { path: ["changeRequestId"], equals: request.id } } })).toBe(1);
      expect(await db.prisma.auditEvent.count({ where: { action: "change_request.decide", targetId: request.id } })).toBe(1);
      expect(await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ state: "applied", version: request.version + 1 });
    }
  });

  it(`of ${ATTEMPTS} simultaneous approve and reject decisions, exactly one counts`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w));
      const results = await Promise.all(
        leads.map((lead, i) => outcome(decideChangeRequest(db.prisma, lead, { id: request.id, decision: i % 2 ? "reject" : "approve", version: 1 }))),
      );
      expect(results.filter((r) => r === "won")).toHaveLength(1);
      const saved = await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: request.id }, include: { decisions: true } });
      expect(saved.decisions).toHaveLength(1);
      expect(saved.state).toBe(saved.decisions[0].decision === "approve" ? "applied" : "rejected");
    }
  });
});

describe("atomicity", () => {
  it("a decision whose change cannot be applied rolls back whole: no decision, no state change, no audit event", async () => {
    const { request } = await openChangeRequest(db.prisma, w.actors.engineer, approvalRequest(w, { maxCostPerTaskUsd: 999 }));
    const events = await db.prisma.auditEvent.count();
    await expect(decideChangeRequest(db.prisma, leads[0], { id: request.id, decision: "approve", version: 1 })).rejects.toMatchObject({
      code: "rule_violation",
      rule: "cost_limit_above_workflow_maximum",
    });
    expect(await db.prisma.auditEvent.count()).toBe(events);
    expect(await db.prisma.changeRequestDecision.count({ where: { changeRequestId: request.id } })).toBe(0);
    expect(await db.prisma.changeRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({ state: "open", version: 1 });
  });
});

describe("simultaneous status changes", () => {
  it(`of ${ATTEMPTS} disables of one model at once, exactly one happens, with one audit event`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const model = await db.prisma.model.create({
        data: { providerId: w.candidate.providerId, snapshotId: `race-${round}-${Date.now()}`, name: `Race ${round}`, status: "approved" },
      });
      await db.prisma.approval.create({ data: { modelId: model.id, workflowId: w.chat.id, role: "fallback" } });
      const results = await Promise.all(
        leads.map((lead) =>
          outcome(
            changeModelStatus(db.prisma, lead, { modelId: model.id, version: 1, to: "disabled", reasonKind: "incident", reason: "Elevated error rate." }),
          ),
        ),
      );
      expect(results.filter((r) => r === "won")).toHaveLength(1);
      expect(results.filter((r) => r === "conflict")).toHaveLength(ATTEMPTS - 1);
      expect(await db.prisma.auditEvent.count({ where: { targetId: model.id, action: "model.status_change" } })).toBe(1);
      expect(await db.prisma.model.findUniqueOrThrow({ where: { id: model.id } })).toMatchObject({ status: "disabled", version: 2 });
    }
  });

  it("keeps the audit chain unbroken through all of it", async () => {
    expect((await verifyAuditTrail(db.prisma)).intact).toBe(true);
  });
});
