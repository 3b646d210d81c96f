import "server-only";
// Change requests: open (engineers or pipelines with a catalog:write key), decide (signed-in ML leads
// and compliance, never an API key), withdraw (the requester). A request is applied in the transaction
// that records its last needed approval; every decision names the request version it was made on, so of
// simultaneous decisions exactly one wins.
import { recordAudit } from "@/lib/audit/record";
import { type Actor, actorLabel, actorOnBehalfOf, actorUserId, assertCan } from "@/lib/authz/actor";
import { isRole } from "@/lib/authz/permissions";
import { DomainError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { loadLifecycleFacts } from "@/lib/lifecycle/lifecycle-facts";
import { changeModelStatusIn, refuse } from "@/lib/lifecycle/status-service";
import { type Violation, checkPreconditions, resolveTransition } from "@/lib/lifecycle/transitions";
import { parseInput } from "@/lib/validation";
import { kickWebhookDispatcher } from "@/lib/webhooks/webhook-dispatcher";
import { enqueueWebhookEvent } from "@/lib/webhooks/webhook-outbox";
import { checkApproval } from "./approval-rules";
import { activeApprovalWhere } from "./approval-state";
import { changeRequestFilters, changeRequestInput, decisionInput } from "./change-request-input";
import { type RecordedDecision, type RequestForDecision, decide, pendingRoles, withdrawRefusal } from "./decisions";
import { type ApprovalPolicy, requiredApprovals } from "./policy";
import {
  type ApprovalPayload,
  type StatusPayload,
  type TypedColumns,
  type WithTypedColumns,
  payloadJson,
  policyJson,
  withTypedColumns,
} from "./stored-request";

type Tx = Prisma.TransactionClient;
type ChangeRequestRow = Prisma.ChangeRequestGetPayload<{ include: { evidence: true } }>;

async function resolveWorkflow(tx: Tx, ref: string) {
  const workflow = await tx.workflow.findFirst({ where: /^[0-9a-f-]{36}$/i.test(ref) ? { id: ref } : { slug: ref } });
  if (!workflow) throw new DomainError("validation", `Unknown workflow "${ref}"`, { workflow: [`Unknown workflow "${ref}"`] });
  return workflow;
}

/** Cost per task from the evidence: the metric the evaluation suites report, when present. */
function costFromEvidence(runs: { gatePassed: boolean; metrics: Prisma.JsonValue; createdAt: Date }[]): number | null {
  const withCost = runs
    .filter((r) => typeof (r.metrics as Record<string, unknown> | null)?.cost_per_task_usd === "number")
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return withCost.length ? ((withCost[0].metrics as Record<string, number>).cost_per_task_usd ?? null) : null;
}

/** The rules a request breaks right now. Checked when it is opened, shown while it waits, and again when applied. */
export async function requestViolations(
  tx: Tx,
  request: Pick<ChangeRequestRow, "modelId" | "workflowId" | "toStatus"> & TypedColumns & { evidenceIds: string[] },
  now: Date,
): Promise<Violation[]> {
  if (!request.modelId) return [];
  const model = await tx.model.findUniqueOrThrow({ where: { id: request.modelId }, select: { id: true, status: true, contextWindow: true, languages: true } });
  const evidence = await tx.evaluationRun.findMany({
    where: { id: { in: request.evidenceIds } },
    select: { id: true, modelId: true, workflowId: true, gatePassed: true, metrics: true, createdAt: true },
  });
  if (request.kind === "approval" && request.workflowId) {
    const { payload } = request;
    const workflow = await tx.workflow.findUniqueOrThrow({ where: { id: request.workflowId } });
    let fallback = null;
    if (payload.fallbackModelId) {
      const f = await tx.model.findUnique({ where: { id: payload.fallbackModelId }, select: { id: true, name: true, status: true } });
      if (f) {
        const approvedForWorkflow = (await tx.approval.count({ where: { modelId: f.id, workflowId: workflow.id, ...activeApprovalWhere(now) } })) > 0;
        fallback = { ...f, approvedForWorkflow };
      }
    }
    return checkApproval({
      model,
      workflow,
      role: payload.role,
      requestedMaxCostPerTaskUsd: payload.maxCostPerTaskUsd,
      expectedCostPerTaskUsd: costFromEvidence(evidence.filter((e) => e.workflowId === workflow.id)),
      requestedLanguages: payload.languages,
      evidence,
      fallback,
      validUntil: payload.validUntil ? new Date(payload.validUntil) : null,
      now,
    });
  }
  if (request.kind === "status_change" && request.toStatus) {
    const resolved = resolveTransition(model.status, request.toStatus);
    if ("violation" in resolved) return [resolved.violation];
    // The model's passed gates are among the facts already, the evidence given with the request included.
    const facts = await loadLifecycleFacts(tx, model.id, request.payload.workflowIds, now);
    return checkPreconditions(resolved.transition, facts);
  }
  return [];
}

export async function openChangeRequest(prisma: PrismaClient, actor: Actor | null, input: unknown, now = new Date()) {
  assertCan(actor, "change_request:open");
  const data = parseInput(changeRequestInput, input);
  const requesterId = actorOnBehalfOf(actor);
  if (!requesterId) {
    throw new DomainError(
      "forbidden",
      "Change requests are filed on behalf of a person: use a session, or an API key that names its owner (npm run apikey:create -- --owner <email>).",
      undefined,
      "requester_required",
    );
  }
  const opened = await prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { id: data.modelId }, select: { id: true, name: true, status: true } });
    if (!model) throw new DomainError("validation", "Unknown model", { modelId: ["Choose a model from the catalog"] });
    const found = await tx.evaluationRun.findMany({ where: { id: { in: data.evidence } }, select: { id: true } });
    if (found.length !== new Set(data.evidence).size)
      throw new DomainError("validation", "Some evidence is not an evaluation run", { evidence: ["Some evidence is not a known evaluation run"] });

    let workflowId: string | null = null;
    let payload: ApprovalPayload | StatusPayload;
    let riskClasses: ("minimal" | "limited" | "high")[];
    if (data.kind === "approval") {
      const workflow = await resolveWorkflow(tx, data.workflow);
      workflowId = workflow.id;
      riskClasses = [workflow.riskClass];
      payload = {
        role: data.role,
        maxCostPerTaskUsd: data.maxCostPerTaskUsd ?? null,
        languages: data.languages,
        fallbackModelId: data.fallbackModelId ?? null,
        validUntil: data.validUntil?.toISOString() ?? null,
      };
    } else {
      const resolved = resolveTransition(model.status, data.toStatus);
      if ("violation" in resolved) refuse([resolved.violation]);
      if (resolved.transition.mode !== "change_request") {
        refuse([
          {
            rule: "direct_transition",
            message: `direct_transition: ${model.status} → ${data.toStatus} is made directly by its owner role (${resolved.transition.permission}), not by a change request.`,
          },
        ]);
      }
      const requested = await Promise.all(data.workflows.map((ref) => resolveWorkflow(tx, ref)));
      const approvedFor = await tx.approval.findMany({
        where: { modelId: model.id, ...activeApprovalWhere(now) },
        select: { workflow: { select: { riskClass: true } } },
      });
      riskClasses = [...requested.map((w) => w.riskClass), ...approvedFor.map((a) => a.workflow.riskClass)];
      payload = { workflowIds: requested.map((w) => w.id) };
    }
    const policy: ApprovalPolicy = requiredApprovals(riskClasses);
    const created = await tx.changeRequest.create({
      data: {
        kind: data.kind,
        modelId: model.id,
        workflowId,
        fromStatus: data.kind === "status_change" ? model.status : null,
        toStatus: data.kind === "status_change" ? data.toStatus : null,
        payload: payloadJson(payload),
        justification: data.justification,
        policy: policyJson(policy),
        requesterId,
        evidence: { create: data.evidence.map((evaluationRunId) => ({ evaluationRunId })) },
      },
    });
    const violations = await requestViolations(tx, { ...withTypedColumns(created), evidenceIds: data.evidence }, now);
    await recordAudit(tx, actor, {
      action: "change_request.open",
      targetType: "change_request",
      targetId: created.id,
      after: {
        kind: data.kind,
        model: model.name,
        modelId: model.id,
        workflowId,
        toStatus: created.toStatus,
        payload,
        policy,
        evidence: data.evidence,
        breaks: violations.map((v) => v.rule),
      },
      reason: data.justification,
    });
    await enqueueWebhookEvent(
      tx,
      "change_request.opened",
      {
        id: created.id,
        kind: data.kind,
        model: { id: model.id, name: model.name },
        workflowId,
        toStatus: created.toStatus,
        justification: data.justification,
        requestedBy: actor.kind === "user" ? actor.email : actorLabel(actor),
        breaks: violations.map((v) => v.rule),
      },
      now,
    );
    return { request: created, violations, policy };
  });
  kickWebhookDispatcher(prisma);
  return opened;
}

function decisionsOf(rows: { deciderId: string; role: string; decision: "approve" | "reject" }[]): RecordedDecision[] {
  return rows.filter((d) => isRole(d.role)).map((d) => ({ deciderId: d.deciderId, role: d.role as RecordedDecision["role"], decision: d.decision }));
}

/** A stored request as the decision rules read it (lib/approvals/decisions). */
export function forDecision(row: {
  requesterId: string;
  state: RequestForDecision["state"];
  policy: ApprovalPolicy;
  decisions: { deciderId: string; role: string; decision: "approve" | "reject" }[];
}): RequestForDecision {
  return { requesterId: row.requesterId, state: row.state, policy: row.policy, decisions: decisionsOf(row.decisions) };
}

async function apply(tx: Tx, actor: Actor, request: WithTypedColumns<ChangeRequestRow>, now: Date) {
  // A status change is guarded by the model's version read before any rule is checked: a change to the
  // model committed meanwhile makes the move a conflict rather than one judged on stale facts.
  const judgedOn =
    request.kind === "status_change" && request.modelId
      ? await tx.model.findUniqueOrThrow({ where: { id: request.modelId }, select: { version: true } })
      : null;
  const violations = await requestViolations(tx, { ...request, evidenceIds: request.evidence.map((e) => e.evaluationRunId) }, now);
  if (violations.length) refuse(violations);
  if (request.kind === "approval" && request.modelId && request.workflowId) {
    const p = request.payload;
    // A new approval of the same model for the same workflow replaces the one in force.
    const replaced = await tx.approval.findMany({
      where: { modelId: request.modelId, workflowId: request.workflowId, ...activeApprovalWhere(now) },
      select: { id: true },
    });
    if (replaced.length)
      await tx.approval.updateMany({
        where: { id: { in: replaced.map((r) => r.id) } },
        data: { revokedAt: now, revokedReason: `Replaced by change request ${request.id}` },
      });
    const approval = await tx.approval.create({
      data: {
        modelId: request.modelId,
        workflowId: request.workflowId,
        role: p.role,
        maxCostPerTaskUsd: p.maxCostPerTaskUsd,
        languages: p.languages,
        fallbackModelId: p.fallbackModelId,
        validUntil: p.validUntil ? new Date(p.validUntil) : null,
        approvedAt: now,
        changeRequestId: request.id,
        evidence: { create: request.evidence.map((e) => ({ evaluationRunId: e.evaluationRunId })) },
      },
    });
    await recordAudit(tx, actor, {
      action: "approval.grant",
      targetType: "model",
      targetId: request.modelId,
      after: {
        approvalId: approval.id,
        workflowId: request.workflowId,
        role: p.role,
        maxCostPerTaskUsd: p.maxCostPerTaskUsd,
        languages: p.languages,
        fallbackModelId: p.fallbackModelId,
        validUntil: p.validUntil,
        changeRequestId: request.id,
        evidence: request.evidence.map((e) => e.evaluationRunId),
        replaced: replaced.length,
      },
    });
  } else if (request.kind === "status_change" && request.modelId && request.toStatus && judgedOn) {
    // The same move, guard and audit event as a direct one, with the request's approvers in place of
    // the transition's own permission.
    await changeModelStatusIn(tx, actor, { modelId: request.modelId, version: judgedOn.version, to: request.toStatus, reason: request.justification }, now, {
      id: request.id,
      workflowIds: request.payload.workflowIds,
    });
  }
}

export async function decideChangeRequest(prisma: PrismaClient, actor: Actor | null, input: unknown, now = new Date()) {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  if (actor.kind !== "user") {
    throw new DomainError("forbidden", "Decisions are taken by a signed-in person, never by an API key.", undefined, "decisions_need_a_person");
  }
  assertCan(actor, "change_request:decide");
  const data = parseInput(decisionInput, input);
  try {
    const decided = await prisma.$transaction(async (tx) => {
      const row = await tx.changeRequest.findUnique({ where: { id: data.id }, include: { evidence: true, decisions: true } });
      if (!row) throw new DomainError("not_found", "No such change request.");
      const request = withTypedColumns(row);
      const outcome = decide(forDecision(request), { userId: actor.userId, roles: actor.roles }, data.decision);
      if (!outcome.ok) throw new DomainError(outcome.code, outcome.violation.message, undefined, outcome.violation.rule);
      if (request.version !== data.version) {
        throw new DomainError(
          "conflict",
          `This request changed since you opened it (version ${data.version}, now ${request.version}). Reload to see the latest decisions.`,
          undefined,
          "stale_version",
        );
      }
      const newState = outcome.complete ? "applied" : outcome.newState;
      // The guard: of simultaneous decisions on this version exactly one matches; the rest see a conflict.
      const { count } = await tx.changeRequest.updateMany({
        where: { id: request.id, version: data.version, state: "open" },
        data: {
          state: newState,
          version: { increment: 1 },
          ...(newState !== "open" ? { decidedAt: now } : {}),
          ...(outcome.complete ? { appliedAt: now } : {}),
        },
      });
      if (count === 0)
        throw new DomainError("conflict", "Someone decided this request at the same moment; reload to see the outcome.", undefined, "stale_version");
      await tx.changeRequestDecision.create({
        data: { changeRequestId: request.id, deciderId: actor.userId, role: outcome.countedRole, decision: data.decision, comment: data.comment },
      });
      await recordAudit(tx, actor, {
        action: "change_request.decide",
        targetType: "change_request",
        targetId: request.id,
        before: { state: request.state, version: request.version },
        after: { decision: data.decision, as: outcome.countedRole, state: newState, version: request.version + 1, modelId: request.modelId },
        reason: data.comment ?? null,
      });
      if (outcome.complete) await apply(tx, actor, request, now);
      await enqueueWebhookEvent(
        tx,
        "change_request.decided",
        {
          id: request.id,
          kind: request.kind,
          modelId: request.modelId,
          decision: data.decision,
          decidedBy: actor.email,
          as: outcome.countedRole,
          state: newState,
          applied: outcome.complete,
          comment: data.comment ?? null,
        },
        now,
      );
      const pending = pendingRoles(request.policy, [
        ...decisionsOf(request.decisions),
        { deciderId: actor.userId, role: outcome.countedRole, decision: data.decision },
      ]);
      return { id: request.id, state: newState, version: request.version + 1, countedAs: outcome.countedRole, waitingOn: newState === "open" ? pending : [] };
    });
    kickWebhookDispatcher(prisma);
    return decided;
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") {
      throw new DomainError("conflict", "You have already decided this request; one person counts once.", undefined, "one_decision_per_person");
    }
    throw error;
  }
}

export async function withdrawChangeRequest(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  assertCan(actor, "change_request:open");
  const data = parseInput(decisionInput.pick({ id: true, version: true }), input);
  return prisma.$transaction(async (tx) => {
    const request = await tx.changeRequest.findUnique({ where: { id: data.id } });
    if (!request) throw new DomainError("not_found", "No such change request.");
    // The permission was asserted above; the rest is the rule the request page shows as its why-not.
    const refused = withdrawRefusal(request, { userId: actorUserId(actor), mayOpen: true });
    if (refused) throw new DomainError(refused.code, refused.violation.message, undefined, refused.violation.rule);
    const { count } = await tx.changeRequest.updateMany({
      where: { id: data.id, version: data.version, state: "open" },
      data: { state: "withdrawn", version: { increment: 1 }, decidedAt: new Date() },
    });
    if (count === 0) throw new DomainError("conflict", "This request changed since you opened it; reload.", undefined, "stale_version");
    await recordAudit(tx, actor, {
      action: "change_request.withdraw",
      targetType: "change_request",
      targetId: data.id,
      before: { state: "open" },
      after: { state: "withdrawn" },
    });
    return { id: data.id, state: "withdrawn" as const };
  });
}

const listInclude = {
  model: { select: { id: true, name: true, snapshotId: true, status: true } },
  workflow: { select: { id: true, slug: true, name: true, riskClass: true } },
  requester: { select: { id: true, email: true, name: true } },
  decisions: { include: { decider: { select: { email: true, name: true } } }, orderBy: { createdAt: "asc" as const } },
  evidence: { select: { evaluationRunId: true } },
} as const;

export async function listChangeRequests(prisma: PrismaClient, actor: Actor | null, filters: unknown) {
  assertCan(actor, "catalog:read");
  const f = parseInput(changeRequestFilters, filters);
  const where: Prisma.ChangeRequestWhereInput = {
    ...(f.state?.length ? { state: { in: f.state } } : {}),
    ...(f.model ? { modelId: f.model } : {}),
    ...(f.requester ? { requester: /^[0-9a-f-]{36}$/i.test(f.requester) ? { id: f.requester } : { email: f.requester.toLowerCase() } } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.changeRequest.count({ where }),
    prisma.changeRequest.findMany({ where, include: listInclude, orderBy: { createdAt: "desc" }, skip: (f.page - 1) * f.pageSize, take: f.pageSize }),
  ]);
  return {
    total,
    items: rows.map(withTypedColumns).map((r) => ({ ...r, waitingOn: r.state === "open" ? pendingRoles(r.policy, decisionsOf(r.decisions)) : [] })),
  };
}

export async function getChangeRequest(prisma: PrismaClient, actor: Actor | null, id: string, now = new Date()) {
  assertCan(actor, "catalog:read");
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new DomainError("not_found", "No such change request.");
  const row = await prisma.changeRequest.findUnique({ where: { id }, include: listInclude });
  if (!row) throw new DomainError("not_found", "No such change request.");
  const request = withTypedColumns(row);
  const violations =
    request.state === "open"
      ? await prisma.$transaction((tx) => requestViolations(tx, { ...request, evidenceIds: request.evidence.map((e) => e.evaluationRunId) }, now))
      : [];
  return { request, violations, waitingOn: request.state === "open" ? pendingRoles(request.policy, decisionsOf(request.decisions)) : [] };
}
