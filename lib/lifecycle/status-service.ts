import "server-only";
// Status changes (docs/lifecycle.md). Direct ones: approved → fallback only, → deprecated, → disabled
// (at once, revoking approvals and flagging dependants), disabled → testing, disabled → retired. Moves
// that need approval by others are opened as change requests (lib/approvals), whose apply makes the same
// move here (changeModelStatusIn) inside the decision's transaction. Each change is checked here, names
// the version it was made against, and commits with its audit event.
import { z } from "zod";
import { activeApprovalWhere } from "@/lib/approvals/approval-state";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, actorCan, assertCan } from "@/lib/authz/actor";
import { MODEL_STATUSES } from "@/lib/catalog/model-vocabulary";
import { DomainError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { optionalField } from "@/lib/validation/form-fields";
import { kickWebhookDispatcher } from "@/lib/webhooks/webhook-dispatcher";
import { enqueueWebhookEvent } from "@/lib/webhooks/webhook-outbox";
import { disableImpact } from "./disable-impact";
import { loadLifecycleFacts } from "./lifecycle-facts";
import { statusMoves } from "./status-moves";
import { checkPreconditions, resolveTransition } from "./transitions";

export const DISABLE_REASON_KINDS = ["incident", "security", "compliance", "provider_change"] as const;

const STATUS_PERMISSIONS = ["model:change_status", "model:disable", "model:retire"] as const;
const STALE_MODEL = "Someone changed this model after you opened it. Reload to see its current state.";

type Tx = Prisma.TransactionClient;

export const statusChangeInput = z.object({
  modelId: z.string({ error: "Missing model" }).uuid("Unknown model"),
  version: z.coerce.number({ error: "Missing version" }).int().positive(),
  to: z.enum(MODEL_STATUSES, { error: `Status must be one of ${MODEL_STATUSES.join(", ")}` }),
  reason: optionalField(z.string().trim().max(2000, "Reason is limited to 2000 characters")),
  reasonKind: optionalField(z.enum(DISABLE_REASON_KINDS, { error: `Kind of reason: ${DISABLE_REASON_KINDS.join(", ")}` })),
});

export function refuse(violations: { rule: string; message: string }[]): never {
  throw new DomainError("rule_violation", violations.map((v) => v.message).join(" "), undefined, violations[0].rule);
}

/** A move made by applying an approved change request, rather than directly by its owner role. */
export interface ByChangeRequest {
  id: string;
  /** The workflows the request is for: they count among the workflows the preconditions look at. */
  workflowIds: string[];
}

type StatusChange = z.infer<typeof statusChangeInput>;

/**
 * One status move inside the caller's transaction: the transition and its mode, the permission (a
 * direct move's own; for a change request, its approvers' decision stands in), the preconditions, a
 * disable's revocations, the update guarded by the version the move was judged on, its audit event and
 * its webhook. Direct moves (changeModelStatus) and applied change requests both make it here.
 */
export async function changeModelStatusIn(tx: Tx, actor: Actor, data: StatusChange, now: Date, byRequest?: ByChangeRequest) {
  const reason = data.reasonKind ? `${data.reasonKind.replace("_", " ")}: ${data.reason ?? ""}`.trim() : (data.reason ?? null);
  const model = await tx.model.findUnique({ where: { id: data.modelId }, select: { id: true, name: true, status: true, version: true } });
  if (!model) throw new DomainError("not_found", "No such model.");
  // A stale version is a conflict before anything else: the status it was judged on has changed.
  if (!byRequest && !STATUS_PERMISSIONS.some((p) => actorCan(actor, p))) assertCan(actor, "model:change_status");
  if (model.version !== data.version) throw new DomainError("conflict", STALE_MODEL);
  const resolved = resolveTransition(model.status, data.to);
  if ("violation" in resolved) refuse([resolved.violation]);
  const { transition } = resolved;
  if (!byRequest && transition.mode === "change_request") {
    refuse([
      {
        rule: "needs_change_request",
        message: `needs_change_request: ${model.status} → ${data.to} (${transition.name}) is decided by approvers; open a change request instead.`,
      },
    ]);
  }
  if (byRequest && transition.mode !== "change_request") {
    refuse([
      {
        rule: "direct_transition",
        message: `direct_transition: ${model.status} → ${data.to} is made directly by its owner role (${transition.permission}), not by a change request.`,
      },
    ]);
  }
  if (!byRequest) assertCan(actor, transition.permission);
  const facts = await loadLifecycleFacts(tx, model.id, byRequest?.workflowIds ?? [], now);
  const violations = checkPreconditions(transition, facts, reason);
  if (violations.length) refuse(violations);

  let impact = null;
  if (data.to === "disabled") {
    const [approvals, dependants] = await Promise.all([
      tx.approval.findMany({
        where: { ...activeApprovalWhere(now), OR: [{ workflow: { approvals: { some: { modelId: model.id } } } }, { fallbackModelId: model.id }] },
        select: { id: true, modelId: true, workflowId: true, role: true, fallbackModelId: true, workflow: { select: { name: true } } },
      }),
      // Models already out of service are not flagged: nothing routes to them.
      tx.model.findMany({
        where: { fallbackModelId: model.id, status: { notIn: ["disabled", "retired"] } },
        select: { id: true, name: true, fallbackModelId: true },
      }),
    ]);
    impact = disableImpact(
      model.id,
      approvals.map((a) => ({ ...a, workflowName: a.workflow.name })),
      dependants,
    );
    if (impact.revokedApprovalIds.length) {
      await tx.approval.updateMany({ where: { id: { in: impact.revokedApprovalIds } }, data: { revokedAt: now, revokedReason: `Model disabled: ${reason}` } });
    }
  }

  // The version in the WHERE clause makes simultaneous changes exclusive: one matches, the rest see a conflict.
  const { count } = await tx.model.updateMany({
    where: { id: model.id, version: data.version, status: model.status },
    data: { status: data.to, statusReason: reason, version: { increment: 1 } },
  });
  if (count === 0) throw new DomainError("conflict", STALE_MODEL);

  await recordAudit(tx, actor, {
    action: "model.status_change",
    targetType: "model",
    targetId: model.id,
    before: { status: model.status },
    after: {
      status: data.to,
      transition: transition.name,
      ...(byRequest ? { changeRequestId: byRequest.id } : {}),
      ...(impact
        ? {
            revokedApprovals: impact.revokedApprovalIds.length,
            workflowsAtRisk: impact.workflowsAtRisk.map((w) => w.name),
            modelsNamingItAsFallback: impact.modelsNamingItAsFallback.map((m) => m.name),
            approvalsNamingItAsFallback: impact.approvalsNamingItAsFallback.length,
          }
        : {}),
    },
    reason,
  });
  if (data.to === "disabled") {
    await enqueueWebhookEvent(
      tx,
      "model.disabled",
      {
        id: model.id,
        name: model.name,
        from: model.status,
        reason,
        revokedApprovals: impact?.revokedApprovalIds.length ?? 0,
        workflowsAtRisk: impact?.workflowsAtRisk.map((w) => w.name) ?? [],
        modelsNamingItAsFallback: impact?.modelsNamingItAsFallback.map((m) => m.name) ?? [],
      },
      now,
    );
  }
  return { id: model.id, from: model.status, to: data.to, impact };
}

/** A direct status change from the model page or the API, in its own transaction. */
export async function changeModelStatus(prisma: PrismaClient, actor: Actor | null, input: unknown, now = new Date()) {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  const data = parseInput(statusChangeInput, input);
  const changed = await prisma.$transaction((tx) => changeModelStatusIn(tx, actor, data, now));
  if (changed.to === "disabled") kickWebhookDispatcher(prisma);
  return changed;
}

/** The moves out of the model's status as this actor sees them (lib/lifecycle/status-moves). */
export async function statusOptions(prisma: PrismaClient, actor: Actor | null, modelId: string, now = new Date()) {
  return prisma.$transaction(async (tx) => {
    const facts = await loadLifecycleFacts(tx, modelId, [], now);
    return statusMoves(facts, (permission) => (actor ? actorCan(actor, permission) : false));
  });
}
