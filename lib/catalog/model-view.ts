import "server-only";
// The model page (/models/{id}): the model's facts, where it is approved (with each approval's state and
// evidence), the moves out of its status, its change requests, the warnings about fallbacks it relies
// on, and for a model out of service why it left, what replaced it and what still depends on it; with
// what this viewer may do (edit, request an approval, make a status move, read its audit trail) and why
// not, by the rules the catalog, change-request and status services enforce.
import { approvabilityViolation } from "@/lib/approvals/approval-rules";
import { activeApprovalWhere } from "@/lib/approvals/approval-state";
import { listChangeRequests } from "@/lib/approvals/change-request-service";
import { statusOptions } from "@/lib/lifecycle/status-service";
import type { PageViewer } from "@/lib/server/page";
import { modelDependencyFlags } from "@/lib/workflows/workflow-query";
import { getModelDetail } from "./model-detail";
import { editRefusal } from "./model-rules";

/** What a status-change audit event records after the move (a disable records what it did). */
interface StatusEventAfter {
  status?: string;
  revokedApprovals?: number;
  workflowsAtRisk?: string[];
  modelsNamingItAsFallback?: string[];
  approvalsNamingItAsFallback?: number;
}

const OUT_OF_SERVICE = new Set(["disabled", "retired"]);
const DEPARTURES = new Set(["deprecated", "disabled", "retired"]);

export async function modelView(viewer: PageViewer, id: string, now = new Date()) {
  const { prisma, user } = viewer;
  const { model, approvals, history } = await getModelDetail(prisma, user, id, now);
  const outOfService = OUT_OF_SERVICE.has(model.status);
  const servedWorkflowIds = [...new Set(approvals.map((a) => a.workflowId))];
  const [moves, flags, requests, evidence, replacements, approvalsNamingIt] = await Promise.all([
    statusOptions(prisma, user, model.id, now),
    modelDependencyFlags(prisma, model.id, now),
    listChangeRequests(prisma, user, { model: model.id, pageSize: 20 }),
    prisma.approvalEvidence.findMany({ where: { approvalId: { in: approvals.map((a) => a.id) } }, select: { approvalId: true, evaluationRunId: true } }),
    outOfService && servedWorkflowIds.length
      ? prisma.approval.findMany({
          where: { workflowId: { in: servedWorkflowIds }, role: "primary", modelId: { not: model.id }, ...activeApprovalWhere(now) },
          select: { workflowId: true, model: { select: { id: true, name: true } } },
        })
      : [],
    outOfService
      ? prisma.approval.findMany({
          where: { fallbackModelId: model.id, ...activeApprovalWhere(now) },
          select: { id: true, model: { select: { id: true, name: true } }, workflow: { select: { slug: true, name: true } } },
        })
      : [],
  ]);

  // Status changes as the audit trail recorded them; the newest disable carries what it did.
  const statusEvents = history
    .filter((e) => e.action === "model.status_change")
    .map((e) => ({ event: e, before: (e.before ?? {}) as { status?: string }, after: (e.after ?? {}) as StatusEventAfter }));
  const disableEvent = statusEvents.find((s) => s.after.status === "disabled");
  const disabled = disableEvent
    ? {
        at: disableEvent.event.occurredAt,
        by: disableEvent.event.actorLabel,
        reason: disableEvent.event.reason,
        revokedApprovals: disableEvent.after.revokedApprovals ?? 0,
        workflowsAtRisk: disableEvent.after.workflowsAtRisk ?? [],
        modelsNamingItAsFallback: disableEvent.after.modelsNamingItAsFallback ?? [],
        approvalsNamingItAsFallback: disableEvent.after.approvalsNamingItAsFallback ?? 0,
      }
    : null;

  const edit = editRefusal(model, viewer.can("model:edit"));
  const notApprovable = approvabilityViolation(model.status);
  const requestApproval = !viewer.can("change_request:open")
    ? { allowed: false as const, whyNot: "Opening change requests is for engineers." }
    : notApprovable
      ? { allowed: false as const, whyNot: `A ${model.status} model gets no new approvals.` }
      : { allowed: true as const };

  return {
    model,
    approvals: approvals.map((a) => ({ ...a, evidenceRunIds: evidence.filter((e) => e.approvalId === a.id).map((e) => e.evaluationRunId) })),
    history,
    moves,
    flags,
    requests,
    disabled,
    outOfService: outOfService
      ? {
          departures: statusEvents
            .filter((s) => DEPARTURES.has(s.after.status ?? ""))
            .map((s) => ({ at: s.event.occurredAt, by: s.event.actorLabel, from: s.before.status ?? "?", to: s.after.status ?? "?", reason: s.event.reason })),
          migrationTarget: model.deprecationPlans.find((p) => p.migrationTarget)?.migrationTarget ?? null,
          replacements: servedWorkflowIds.map((wid) => ({
            workflow: approvals.find((a) => a.workflowId === wid)!.workflow,
            primaries: replacements.filter((r) => r.workflowId === wid).map((r) => r.model),
          })),
          approvalsNamingIt,
        }
      : null,
    /** Links for the names an audit record keeps (models naming it as fallback, workflows it served). */
    hrefs: {
      models: Object.fromEntries(model.fallbackFor.map((f) => [f.name, `/models/${f.id}`])) as Record<string, string>,
      workflows: Object.fromEntries(approvals.map((a) => [a.workflow.name, `/workflows/${a.workflow.slug}`])) as Record<string, string>,
    },
    edit: edit ? { allowed: false as const, whyNot: edit.toViewer } : { allowed: true as const },
    requestApproval,
    auditPack: viewer.can("audit:export") ? { allowed: true as const } : { allowed: false as const, whyNot: "The audit pack is for compliance and admins." },
    auditTrail: viewer.can("audit:read") ? { allowed: true as const } : { allowed: false as const, whyNot: "The audit trail is for compliance and admins." },
  };
}
