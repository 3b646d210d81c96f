import "server-only";
// Gathers, inside the caller's transaction, the facts the lifecycle rules are checked against.
import { activeApprovalWhere } from "@/lib/approvals/approval-state";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { LifecycleFacts } from "./transitions";

type Tx = Prisma.TransactionClient;

export async function loadLifecycleFacts(tx: Tx, modelId: string, requestedWorkflowIds: string[], now: Date): Promise<LifecycleFacts & { version: number }> {
  const model = await tx.model.findUniqueOrThrow({
    where: { id: modelId },
    select: {
      status: true,
      pinning: true,
      intendedUse: true,
      limitations: true,
      version: true,
      approvals: { where: activeApprovalWhere(now), select: { workflowId: true } },
      evaluationRuns: { where: { gatePassed: true }, select: { workflowId: true, createdAt: true } },
      deprecationPlans: {
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { migrationTargetId: true, softDeadline: true, hardDeadline: true, createdAt: true },
      },
      _count: { select: { bundles: { where: { stage: { not: "retired" } } } } },
    },
  });
  return {
    status: model.status,
    pinning: model.pinning,
    intendedUse: model.intendedUse,
    limitations: model.limitations,
    version: model.version,
    approvedWorkflowIds: [...new Set(model.approvals.map((a) => a.workflowId))],
    requestedWorkflowIds,
    passedGates: model.evaluationRuns,
    plan: model.deprecationPlans[0] ?? null,
    liveBundles: model._count.bundles,
  };
}
