import "server-only";
// Direct status changes (docs/lifecycle.md): approved → fallback only, → deprecated, → disabled (at
// once, revoking approvals and flagging dependants), disabled → testing, disabled → retired. Moves that
// need approval by others go through change requests (lib/approvals). Each change is checked here, names
// the version it was made against, and commits with its audit event.
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, actorCan, assertCan } from "@/lib/authz/actor";
import { MODEL_STATUSES } from "@/lib/catalog/model-vocabulary";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";
import { kickWebhookDispatcher } from "@/lib/webhooks/webhook-dispatcher";
import { enqueueWebhookEvent } from "@/lib/webhooks/webhook-outbox";
import { disableImpact } from "./disable-impact";
import { activeApprovalWhere } from "@/lib/approvals/approval-state";
import { loadLifecycleFacts } from "./lifecycle-facts";
import { statusMoves } from "./status-moves";
import { checkPreconditions, resolveTransition } from "./transitions";

export const DISABLE_REASON_KINDS = ["incident", "security", "compliance", "provider_change"] as const;

const STATUS_PERMISSIONS = ["model:change_status", "model:disable", "model:retire"] as const;

export const statusChangeInput = z.object({
  modelId: z.string({ error: "Missing model" }).uuid("Unknown model"),
  version: z.coerce.number({ error: "Missing version" }).int().positive(),
  to: z.enum(MODEL_STATUSES, { error: `Status must be one of ${MODEL_STATUSES.join(", ")}` }),
  reason: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(2000, "Reason is limited to 2000 characters").optional()),
  reasonKind: z.preprocess((v) => (v === "" ? undefined : v), z.enum(DISABLE_REASON_KINDS, { error: `Kind of reason: ${DISABLE_REASON_KINDS.join(", ")}` }).optional()),
});

export function refuse(violations: { rule: string; message: string }[]): never {
  throw new DomainError("rule_violation", violations.map((v) => v.message).join(" "), undefined, violations[0].rule);
}

export async function changeModelStatus(prisma: PrismaClient, actor: Actor | null, input: unknown, now = new Date()) {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  const data = parseInput(statusChangeInput, input);
  const reason = data.reasonKind ? `${data.reasonKind.replace("_", " ")}: ${data.reason ?? ""}`.trim() : (data.reason ?? null);

  const changed = await prisma.$transaction(async (tx) => {
    const model = await tx.model.findUnique({ where: { id: data.modelId }, select: { id: true, name: true, status: true, version: true } });
    if (!model) throw new DomainError("not_found", "No such model.");
    // A stale version is a conflict before anything else: the status it was judged on has changed.
    if (!STATUS_PERMISSIONS.some((p) => actorCan(actor, p))) assertCan(actor, "model:change_status");
    if (model.version !== data.version) {
      throw new DomainError("conflict", "Someone changed this model after you opened it. Reload to see its current state.");
    }
    const resolved = resolveTransition(model.status, data.to);
    if ("violation" in resolved) refuse([resolved.violation]);
    const { transition } = resolved;
    if (transition.mode === "change_request") {
      refuse([{ rule: "needs_change_request", message: `needs_change_request: ${model.status} → ${data.to} (${transition.name}) is decided by approvers; open a change request instead.` }]);
    }
    assertCan(actor, transition.permission);
    const facts = await loadLifecycleFacts(tx, model.id, [], now);
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
        tx.model.findMany({ where: { fallbackModelId: model.id, status: { notIn: ["disabled", "retired"] } }, select: { id: true, name: true, fallbackModelId: true } }),
      ]);
      impact = disableImpact(model.id, approvals.map((a) => ({ ...a, workflowName: a.workflow.name })), dependants);
      if (impact.revokedApprovalIds.length) {
        await tx.approval.updateMany({ where: { id: { in: impact.revokedApprovalIds } }, data: { revokedAt: now, revokedReason: `Model disabled: ${reason}` } });
      }
    }

    // The version in the WHERE clause makes simultaneous changes exclusive: one matches, the rest see a conflict.
    const { count } = await tx.model.updateMany({
      where: { id: model.id, version: data.version, status: model.status },
      data: { status: data.to, statusReason: reason, version: { increment: 1 } },
    });
    if (count === 0) throw new DomainError("conflict", "Someone changed this model after you opened it. Reload to see its current state.");

    await recordAudit(tx, actor, {
      action: "model.status_change",
      targetType: "model",
      targetId: model.id,
      before: { status: model.status },
      after: {
        status: data.to,
        transition: transition.name,
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
      await enqueueWebhookEvent(tx, "model.disabled", {
        id: model.id,
        name: model.name,
        from: model.status,
        reason,
        revokedApprovals: impact?.revokedApprovalIds.length ?? 0,
        workflowsAtRisk: impact?.workflowsAtRisk.map((w) => w.name) ?? [],
        modelsNamingItAsFallback: impact?.modelsNamingItAsFallback.map((m) => m.name) ?? [],
      }, now);
    }
    return { id: model.id, from: model.status, to: data.to, impact };
  });
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
