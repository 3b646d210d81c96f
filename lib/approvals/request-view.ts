import "server-only";
// The change-request page (/approvals/{id}): the request with its evidence, named fallback and the
// workflows a status change is for, the comparison with each workflow's current primary and its
// recommendation, the policy and who it waits on, and what this viewer may do (decide, counted as which
// role; withdraw) with why not, by the rules the service decides and withdraws with.
import { rolesCan } from "@/lib/authz/permissions";
import type { PageViewer } from "@/lib/server/page";
import { forDecision, getChangeRequest } from "./change-request-service";
import { compareWithIncumbent, recommend } from "./comparison";
import { decisionStanding, withdrawRefusal } from "./decisions";
import { describePolicy } from "./policy";

export async function requestView(viewer: PageViewer, id: string, now = new Date()) {
  const { prisma, user } = viewer;
  const { request, violations, waitingOn } = await getChangeRequest(prisma, user, id, now);

  // What an approval grants; a status change names the workflows it is for instead.
  const grant = request.kind === "approval" ? request.payload : null;
  const evidenceIds = request.evidence.map((e) => e.evaluationRunId);
  const comparedWorkflowIds =
    request.kind === "approval" ? (request.workflowId ? [request.workflowId] : []) : request.kind === "status_change" ? request.payload.workflowIds : [];
  const [evidence, fallback, statusWorkflows, comparisons] = await Promise.all([
    prisma.evaluationRun.findMany({
      where: { id: { in: evidenceIds } },
      include: { workflow: { select: { slug: true, name: true } }, model: { select: { id: true, name: true } } },
      orderBy: { createdAt: "desc" },
    }),
    grant?.fallbackModelId ? prisma.model.findUnique({ where: { id: grant.fallbackModelId }, select: { id: true, name: true, status: true } }) : null,
    comparedWorkflowIds.length
      ? prisma.workflow.findMany({ where: { id: { in: comparedWorkflowIds } }, select: { id: true, slug: true, name: true, riskClass: true } })
      : [],
    Promise.all(
      comparedWorkflowIds.map((workflowId) =>
        compareWithIncumbent(prisma, { modelId: request.modelId, workflowId, evidenceIds }, now).then((comparison) => ({ workflowId, comparison })),
      ),
    ),
  ]);

  // The rules an approval request breaks bear on its recommendation; a status change's are shown above it.
  const relevant = request.kind === "approval" ? violations : [];
  const compared = comparisons.flatMap(({ workflowId, comparison }) => {
    const workflow = statusWorkflows.find((w) => w.id === workflowId) ?? request.workflow;
    return comparison && workflow ? [{ workflowId, workflow, comparison, recommendation: recommend(comparison.gatePassed, comparison.rows, relevant) }] : [];
  });

  const standing = decisionStanding(forDecision(request), user, "approve");
  const withdrawal = withdrawRefusal(request, { userId: user.userId, mayOpen: rolesCan(user.roles, "change_request:open") });
  return {
    request,
    grant,
    violations,
    waitingOn,
    policy: { text: describePolicy(request.policy), highRisk: request.workflow?.riskClass === "high" },
    evidence,
    fallback,
    statusWorkflows,
    comparisons: compared,
    /** Several workflows compared: each section names its workflow. */
    comparesSeveral: comparedWorkflowIds.length > 1,
    decide: standing.ok ? { allowed: true as const, countsAs: standing.countedRole } : { allowed: false as const, whyNot: standing.toViewer },
    withdraw: withdrawal ? { allowed: false as const, whyNot: withdrawal.toViewer } : { allowed: true as const },
  };
}

export type RequestView = Awaited<ReturnType<typeof requestView>>;
