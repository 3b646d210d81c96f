import "server-only";
// Reading workflows: who serves each now, what is waiting to, and what disabling any of them would do.
import { activeApprovalWhere, approvalState, isApprovalActive } from "@/lib/approvals/approval-state";
import { withTypedColumns } from "@/lib/approvals/stored-request";
import { type Actor, assertCan } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { disableImpact } from "@/lib/lifecycle/disable-impact";

export async function listWorkflows(prisma: PrismaClient, actor: Actor | null, now = new Date()) {
  assertCan(actor, "catalog:read");
  const workflows = await prisma.workflow.findMany({
    orderBy: { name: "asc" },
    include: {
      owner: { select: { name: true, email: true } },
      approvals: { where: activeApprovalWhere(now), include: { model: { select: { id: true, name: true, status: true } } } },
      _count: { select: { changeRequests: { where: { state: "open" } } } },
    },
  });
  return workflows.map((w) => ({
    ...w,
    primary: w.approvals.filter((a) => a.role === "primary").map((a) => a.model),
    fallbacks: w.approvals.filter((a) => a.role === "fallback").map((a) => a.model),
    openRequests: w._count.changeRequests,
    atRisk: !w.approvals.some((a) => a.role === "primary"),
  }));
}

export async function getWorkflowDetail(prisma: PrismaClient, actor: Actor | null, slug: string, now = new Date()) {
  assertCan(actor, "catalog:read");
  const workflow = await prisma.workflow.findUnique({ where: { slug }, include: { owner: { select: { name: true, email: true } } } });
  if (!workflow) throw new DomainError("not_found", "No such workflow.");
  const [approvals, allActive, openRequests, candidateRuns, history] = await Promise.all([
    prisma.approval.findMany({
      where: { workflowId: workflow.id },
      include: {
        model: { select: { id: true, name: true, snapshotId: true, status: true, fallbackModelId: true } },
        fallbackModel: { select: { id: true, name: true, status: true } },
      },
      orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { approvedAt: "desc" }],
    }),
    prisma.approval.findMany({
      where: activeApprovalWhere(now),
      select: { id: true, modelId: true, workflowId: true, role: true, fallbackModelId: true, workflow: { select: { name: true } } },
    }),
    prisma.changeRequest.findMany({
      where: { workflowId: workflow.id, state: "open" },
      include: { model: { select: { id: true, name: true, status: true } }, requester: { select: { name: true } } },
      orderBy: { createdAt: "desc" },
    }),
    prisma.evaluationRun.findMany({
      where: { workflowId: workflow.id, model: { status: "testing" } },
      include: { model: { select: { id: true, name: true, status: true } } },
      orderBy: { createdAt: "desc" },
      take: 20,
    }),
    prisma.auditEvent.findMany({ where: { targetType: "workflow", targetId: workflow.id }, orderBy: { seq: "desc" }, take: 50 }),
  ]);
  const active = approvals.filter((a) => isApprovalActive(a, now));
  const servingIds = [...new Set(active.map((a) => a.modelId))];
  const modelsWithFallback = await prisma.model.findMany({
    where: { fallbackModelId: { in: servingIds } },
    select: { id: true, name: true, fallbackModelId: true },
  });
  const impacts = servingIds.map((modelId) => ({
    model: active.find((a) => a.modelId === modelId)!.model,
    impact: disableImpact(
      modelId,
      allActive.map((a) => ({ ...a, workflowName: a.workflow.name })),
      modelsWithFallback,
    ),
  }));
  const candidates = new Map<string, { id: string; name: string; status: string; passed: boolean }>();
  for (const run of candidateRuns) {
    if (run.model && !candidates.has(run.model.id)) candidates.set(run.model.id, { ...run.model, passed: run.gatePassed });
  }
  return {
    workflow,
    approvals: approvals.map((a) => ({ ...a, state: approvalState(a, now) })),
    primary: active.filter((a) => a.role === "primary"),
    fallbacks: active.filter((a) => a.role === "fallback"),
    // Policy and payload read once, typed (lib/approvals/stored-request.ts).
    openRequests: openRequests.map(withTypedColumns),
    candidates: [...candidates.values()],
    impacts,
    history,
  };
}

/** Models whose fallback (in the catalog or in an approval) is disabled or retired: they are flagged. */
export async function modelDependencyFlags(prisma: PrismaClient, modelId: string, now = new Date()) {
  const model = await prisma.model.findUniqueOrThrow({
    where: { id: modelId },
    select: {
      fallbackModel: { select: { id: true, name: true, status: true } },
      approvals: {
        where: activeApprovalWhere(now),
        select: { workflow: { select: { name: true } }, fallbackModel: { select: { id: true, name: true, status: true } } },
      },
    },
  });
  const broken = (m: { status: string } | null) => !!m && (m.status === "disabled" || m.status === "retired");
  return [
    ...(broken(model.fallbackModel) ? [{ where: "catalog fallback", fallback: model.fallbackModel! }] : []),
    ...model.approvals.filter((a) => broken(a.fallbackModel)).map((a) => ({ where: `fallback in ${a.workflow.name}`, fallback: a.fallbackModel! })),
  ];
}
