import "server-only";
// Walks each demo model through its declared status history (docs/lifecycle.md), after its approvals
// exist: a deprecation plan before `deprecated`, approvals revoked when the model is deprecated or
// disabled, and one audit event per change, so a model page shows how it got where it is.
import type { Model } from "@/lib/generated/prisma/client";
import type { AuditEntry } from "@/lib/audit/record";
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
      model = await writeAudited<Model>(ctx, async (tx) => {
        const audit: AuditEntry[] = [];
        if (step.to === "deprecated" || step.to === "disabled") {
          const active = await tx.approval.findMany({ where: { modelId: model.id, revokedAt: null } });
          for (const approval of active) {
            const revokedAt = daysFrom(ctx.now, -step.daysAgo);
            await tx.approval.update({ where: { id: approval.id }, data: { revokedAt, revokedReason: step.reason, version: { increment: 1 } } });
            audit.push({ action: "approval.revoke", targetType: "approval", targetId: approval.id, before: { revokedAt: null }, after: { revokedAt }, reason: step.reason });
            countCreated(ctx, "approvalRevocations");
          }
        }
        const row = await tx.model.update({ where: { id: model.id }, data: { status: step.to, statusReason: step.reason, version: { increment: 1 } } });
        audit.push({ action: "model.status_change", targetType: "model", targetId: model.id, before: { status: from }, after: { status: step.to }, reason: step.reason });
        return { result: row, audit };
      });
      countCreated(ctx, "statusChanges");
    }
    ctx.models.set(m.ref, model);
  }
}
