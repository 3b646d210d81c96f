import "server-only";
// The PDF audit pack of one model, its data: the model card, its approvals with the evaluation evidence
// they rest on, its status history, its bundles with their deployments and rollbacks, its reviews, its
// deprecation plans, every audit event about it, and the chain verification result. Generating a pack is
// itself an audit event, recorded first so the verification covers it.
import { type Actor, assertCan } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseAuditFilters } from "./audit-filters";
import { auditEventsInOrder } from "./audit-query";
import { deploymentHistory } from "./deployment-history";
import { recordAudit } from "./record";
import { verifyAuditTrail } from "./verify";
import type { ChainVerdict, ChainedAuditRecord } from "./chain";

/** More than any real model gathers; the pack says when it shows only the latest. */
export const MAX_PACK_EVENTS = 5_000;

export async function getAuditPack(prisma: PrismaClient, actor: Actor | null, modelId: string, now = new Date()) {
  assertCan(actor, "audit:export");
  const model = /^[0-9a-f-]{36}$/i.test(modelId)
    ? await prisma.model.findUnique({
        where: { id: modelId },
        include: {
          provider: { select: { name: true, slug: true } },
          baseModel: { select: { name: true, snapshotId: true } },
          fallbackModel: { select: { name: true, snapshotId: true } },
          approvals: {
            orderBy: { approvedAt: "asc" },
            include: {
              workflow: { select: { name: true, slug: true, riskClass: true } },
              fallbackModel: { select: { name: true } },
              changeRequest: {
                select: {
                  id: true,
                  requester: { select: { email: true } },
                  decisions: {
                    select: { decision: true, role: true, comment: true, createdAt: true, decider: { select: { email: true } } },
                    orderBy: { createdAt: "asc" },
                  },
                },
              },
              evidence: {
                include: { evaluationRun: { select: { id: true, suite: true, datasetVersion: true, gatePassed: true, metrics: true, createdAt: true } } },
              },
            },
          },
          bundles: {
            orderBy: [{ workflowId: "asc" }, { major: "asc" }, { minor: "asc" }, { patch: "asc" }],
            include: { workflow: { select: { name: true } } },
          },
          reviews: { orderBy: { dueAt: "asc" }, include: { workflow: { select: { name: true } }, signedOffBy: { select: { email: true } } } },
          deprecationPlans: {
            orderBy: { createdAt: "asc" },
            include: { migrationTarget: { select: { name: true, snapshotId: true } }, createdBy: { select: { email: true } } },
          },
        },
      })
    : null;
  if (!model) throw new DomainError("not_found", "No such model in the catalog.");

  const own = await prisma.$transaction((tx) =>
    recordAudit(tx, actor, { action: "audit.export_pack", targetType: "model", targetId: model.id, after: { format: "pdf", model: model.snapshotId } }),
  );
  const verdict = await verifyAuditTrail(prisma);

  const events: ChainedAuditRecord[] = [];
  let total = 0;
  for await (const event of auditEventsInOrder(prisma, parseAuditFilters({ model: model.id }), { upTo: own.seq })) {
    total += 1;
    events.push(event);
    if (events.length > MAX_PACK_EVENTS) events.shift();
  }
  const stageChanges = await prisma.changeRequest.findMany({
    where: { kind: "bundle_stage", bundleId: { in: model.bundles.map((b) => b.id) } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      bundleId: true,
      toStage: true,
      state: true,
      createdAt: true,
      appliedAt: true,
      justification: true,
      requester: { select: { email: true } },
    },
  });
  return {
    generatedAt: now,
    generatedBy: own.actorLabel,
    exportEvent: own.seq,
    model,
    statusHistory: events.filter((e) => e.targetType === "model" && /^model\.(register|status_change|approve|catalog_add)$/.test(e.action)),
    deployments: deploymentHistory(model.bundles, stageChanges),
    events,
    eventsTotal: total,
    verdict,
  };
}

export type AuditPack = Awaited<ReturnType<typeof getAuditPack>>;
export type { ChainVerdict };
