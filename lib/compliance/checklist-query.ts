import "server-only";
// Gathers the facts the compliance checklist reads, for every model the team governs (registered by
// hand or past testing; catalog entries nobody has taken up are not checked) or for one model, in a
// fixed number of queries whatever the catalog's size.
import { activeApprovalWhere } from "@/lib/approvals/approval-state";
import { type Actor, assertCan } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { type ChecklistItem, type ModelComplianceFacts, modelChecklist } from "./checklist";

const DAY_MS = 86_400_000;
const MANUAL_SOURCE = "manual";

export interface ModelCompliance {
  facts: ModelComplianceFacts;
  items: ChecklistItem[];
  gaps: number;
}

async function gatherFacts(prisma: PrismaClient, where: { id?: string }, now: Date): Promise<ModelComplianceFacts[]> {
  const models = await prisma.model.findMany({
    where: where.id ? { id: where.id } : { OR: [{ status: { not: "testing" } }, { sources: { has: MANUAL_SOURCE } }] },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      snapshotId: true,
      purpose: true,
      owner: true,
      status: true,
      pinning: true,
      kind: true,
      baseModelId: true,
      trainingData: true,
      trainingDate: true,
      providerDeprecationDate: true,
      providerDeprecationSource: true,
      sources: true,
      provider: { select: { name: true } },
      _count: { select: { evaluationRuns: true, bundles: true, deprecationPlans: true } },
    },
  });
  const ids = models.map((m) => m.id);
  const inForce = { modelId: { in: ids }, ...activeApprovalWhere(now) };
  const [passed, approvals, unrequested, plansWithSteps, usage] = await Promise.all([
    prisma.evaluationRun.groupBy({ by: ["modelId"], where: { modelId: { in: ids }, gatePassed: true }, _count: { _all: true } }),
    prisma.approval.groupBy({ by: ["modelId"], where: inForce, _count: { _all: true } }),
    prisma.approval.groupBy({ by: ["modelId"], where: { ...inForce, changeRequestId: null }, _count: { _all: true } }),
    prisma.deprecationPlan.groupBy({ by: ["modelId"], where: { modelId: { in: ids }, steps: { not: Prisma.AnyNull } }, _count: { _all: true } }),
    prisma.$queryRaw<{ model: string; recent: bigint; baseline: bigint }[]>`
      SELECT "model",
             coalesce(sum("requests") FILTER (WHERE "bucketStart" >= ${new Date(now.getTime() - 7 * DAY_MS)}), 0)::int8 AS recent,
             coalesce(sum("requests") FILTER (WHERE "bucketStart" < ${new Date(now.getTime() - 7 * DAY_MS)}), 0)::int8 AS baseline
      FROM "UsageRollupDaily"
      WHERE "bucketStart" >= ${new Date(now.getTime() - 35 * DAY_MS)} AND "bucketStart" < ${now}
      GROUP BY "model"`,
  ]);
  const count = (rows: { modelId: string | null; _count: { _all: number } }[]) => new Map(rows.map((r) => [r.modelId, r._count._all]));
  const passedBy = count(passed);
  const approvalsBy = count(approvals);
  const unrequestedBy = count(unrequested);
  const stepsBy = count(plansWithSteps);
  const usageBy = new Map(usage.map((u) => [u.model, u]));
  return models.map((m) => ({
    id: m.id,
    name: m.name,
    snapshotId: m.snapshotId,
    provider: m.provider?.name ?? null,
    purpose: m.purpose,
    owner: m.owner,
    status: m.status,
    pinning: m.pinning,
    kind: m.kind,
    baseModelId: m.baseModelId,
    trainingData: m.trainingData,
    trainingDate: m.trainingDate,
    providerDeprecationDate: m.providerDeprecationDate,
    providerDeprecationSource: m.providerDeprecationSource,
    catalogFeeds: m.sources.filter((s) => s !== MANUAL_SOURCE),
    evaluationRuns: m._count.evaluationRuns,
    passedEvaluationRuns: passedBy.get(m.id) ?? 0,
    bundles: m._count.bundles,
    deprecationPlans: m._count.deprecationPlans,
    plansWithSteps: stepsBy.get(m.id) ?? 0,
    activeApprovals: approvalsBy.get(m.id) ?? 0,
    approvalsWithoutRequest: unrequestedBy.get(m.id) ?? 0,
    recentCalls: Number(usageBy.get(m.snapshotId)?.recent ?? 0),
    baselineCalls: Number(usageBy.get(m.snapshotId)?.baseline ?? 0),
  }));
}

function withChecklist(facts: ModelComplianceFacts): ModelCompliance {
  const items = modelChecklist(facts);
  return { facts, items, gaps: items.filter((i) => i.state === "gap").length };
}

export async function catalogCompliance(prisma: PrismaClient, actor: Actor | null, now = new Date()): Promise<ModelCompliance[]> {
  assertCan(actor, "audit:read");
  return (await gatherFacts(prisma, {}, now)).map(withChecklist);
}

export async function modelCompliance(prisma: PrismaClient, actor: Actor | null, id: string, now = new Date()): Promise<ModelCompliance> {
  assertCan(actor, "audit:read");
  const [facts] = /^[0-9a-f-]{36}$/i.test(id) ? await gatherFacts(prisma, { id }, now) : [];
  if (!facts) throw new DomainError("not_found", "No such model in the catalog.");
  return withChecklist(facts);
}
