import "server-only";
// Everything the model page shows: facts, where it is approved and as what, what depends on it, and the
// audit events that touched it.
import { approvalState } from "@/lib/approvals/approval-state";
import { type Actor, assertCan } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function getModelDetail(prisma: PrismaClient, actor: Actor | null, id: string, now = new Date()) {
  assertCan(actor, "catalog:read");
  const model = /^[0-9a-f-]{36}$/i.test(id)
    ? await prisma.model.findUnique({
        where: { id },
        include: {
          provider: true,
          baseModel: { select: { id: true, name: true, snapshotId: true } },
          fallbackModel: { select: { id: true, name: true, snapshotId: true, status: true } },
          fallbackFor: { select: { id: true, name: true, snapshotId: true, status: true } },
          approvals: {
            include: { workflow: { select: { slug: true, name: true, riskClass: true } }, fallbackModel: { select: { id: true, name: true } } },
            orderBy: { approvedAt: "desc" },
          },
          deprecationPlans: { include: { migrationTarget: { select: { id: true, name: true } } }, orderBy: { createdAt: "desc" } },
          prices: { orderBy: { effectiveFrom: "desc" }, take: 10 },
        },
      })
    : null;
  if (!model) throw new DomainError("not_found", "No such model in the catalog.");
  const history = await prisma.auditEvent.findMany({
    where: { targetType: "model", targetId: id },
    orderBy: { seq: "desc" },
    take: 100,
  });
  const approvals = model.approvals.map((a) => ({ ...a, state: approvalState(a, now) }));
  return { model, approvals, history };
}

export type ModelDetail = Awaited<ReturnType<typeof getModelDetail>>;

/** Options for the form's provider, base-model and fallback pickers. */
export async function modelFormOptions(prisma: PrismaClient) {
  const [providers, candidates] = await Promise.all([
    prisma.provider.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true } }),
    // Fallbacks and base models are the team's curated models, not the whole public catalog.
    prisma.model.findMany({
      where: { OR: [{ status: { not: "testing" } }, { sources: { has: "manual" } }], NOT: { status: { in: ["disabled", "retired"] } } },
      orderBy: { name: "asc" },
      select: { id: true, name: true, snapshotId: true, status: true },
      take: 500,
    }),
  ]);
  return { providers, candidates };
}
