import "server-only";
// Walks each demo model through its declared status history (docs/lifecycle.md), after its approvals
// exist: a deprecation plan before `deprecated`, approvals revoked when the model is deprecated or
// disabled, and one audit event per change, so a model page shows how it got where it is. The history
// is back-dated, so it is written here rather than by lib/lifecycle's status service, but each step is
// checked first against the same transition table and preconditions (lib/lifecycle/transitions.ts), with
// the facts of that day: a demo history the rules forbid stops the seed.
import type { AuditEntry } from "@/lib/audit/record";
import type { ModelStatus } from "@/lib/catalog/model-vocabulary";
import type { Model, Prisma } from "@/lib/generated/prisma/client";
import { loadLifecycleFacts } from "@/lib/lifecycle/lifecycle-facts";
import { type Transition, checkPreconditions, resolveTransition } from "@/lib/lifecycle/transitions";
import { ensureDeprecationPlan } from "./demo-governance";
import { DEMO_MODELS } from "./demo-models";
import { countCreated, daysFrom, requireModel, type SeedContext, writeAudited } from "./seed-context";

export async function applyLifecycle(ctx: SeedContext) {
  for (const m of DEMO_MODELS) {
    let model = requireModel(ctx, m.ref);
    const path = ["testing", ...m.lifecycle.map((step) => step.to)];
    const done = path.lastIndexOf(model.status);
    // A status the demo never declared means someone changed the model since: leave it alone.
    if (done < 0) continue;
    for (const step of m.lifecycle.slice(done)) {
      if (step.to === "deprecated") await ensureDeprecationPlan(ctx, m.ref);
      const from = model.status;
      const at = daysFrom(ctx.now, -step.daysAgo);
      model = await writeAudited<Model>(ctx, async (tx) => {
        const transition = await checkedTransition(tx, m.ref, model.id, from, step.to, step.reason, at);
        const audit: AuditEntry[] = [];
        if (step.to === "deprecated" || step.to === "disabled") {
          const active = await tx.approval.findMany({ where: { modelId: model.id, revokedAt: null } });
          for (const approval of active) {
            const revokedAt = at;
            await tx.approval.update({ where: { id: approval.id }, data: { revokedAt, revokedReason: step.reason, version: { increment: 1 } } });
            audit.push({
              action: "approval.revoke",
              targetType: "approval",
              targetId: approval.id,
              before: { revokedAt: null },
              after: { revokedAt },
              reason: step.reason,
            });
            countCreated(ctx, "approvalRevocations");
          }
        }
        const row = await tx.model.update({ where: { id: model.id }, data: { status: step.to, statusReason: step.reason, version: { increment: 1 } } });
        audit.push({
          action: "model.status_change",
          targetType: "model",
          targetId: model.id,
          before: { status: from },
          after: { status: step.to, transition: transition.name },
          reason: step.reason,
        });
        return { result: row, audit };
      });
      countCreated(ctx, "statusChanges");
    }
    ctx.models.set(m.ref, model);
  }
}

/** The transition for one declared step, or an error naming the rules it breaks on that day. */
async function checkedTransition(
  tx: Prisma.TransactionClient,
  ref: string,
  modelId: string,
  from: ModelStatus,
  to: ModelStatus,
  reason: string,
  at: Date,
): Promise<Transition> {
  const resolved = resolveTransition(from, to);
  if ("violation" in resolved) throw new Error(`Demo history of ${ref} breaks the lifecycle: ${resolved.violation.message}`);
  const violations = checkPreconditions(resolved.transition, await loadLifecycleFacts(tx, modelId, [], at), reason);
  if (violations.length)
    throw new Error(`Demo history of ${ref} breaks the lifecycle on ${at.toISOString().slice(0, 10)}: ${violations.map((v) => v.message).join(" ")}`);
  return resolved.transition;
}
