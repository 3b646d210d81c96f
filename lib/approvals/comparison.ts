import "server-only";
// The evidence an ML lead weighs: the candidate beside what serves the workflow now, metric by metric,
// with cost per task and p95 latency from evaluations and, where there is traffic, from usage logs.
import { gateVerdictsByMetric } from "@/lib/evaluations/gate";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { activeApprovalWhere } from "./approval-state";

export interface MetricRow {
  metric: string;
  candidate: number | null;
  incumbent: number | null;
  delta: number | null;
  /** Whether the candidate is better on this metric (null when either side is missing). */
  better: boolean | null;
  candidatePassed: boolean | null;
}

export interface UsageFigures {
  requests: number;
  costPerTaskUsd: number | null;
  p95LatencyMs: number | null;
}

// Metrics where a lower value is better; every other metric counts higher as better.
const LOWER_IS_BETTER = /(latency|cost|hallucination|toxicity|error|refusal)/i;

export function compareMetrics(
  candidate: Record<string, number>,
  incumbent: Record<string, number> | null,
  gate: Record<string, { passed?: boolean }> | null,
): MetricRow[] {
  const names = [...new Set([...Object.keys(candidate), ...Object.keys(incumbent ?? {})])].sort();
  return names.map((metric) => {
    const c = candidate[metric] ?? null;
    const i = incumbent?.[metric] ?? null;
    const delta = c !== null && i !== null ? c - i : null;
    const better = delta === null ? null : LOWER_IS_BETTER.test(metric) ? delta < 0 : delta > 0;
    return { metric, candidate: c, incumbent: i, delta, better: delta === 0 ? null : better, candidatePassed: gate?.[metric]?.passed ?? null };
  });
}

export function recommend(
  gatePassed: boolean | null,
  rows: MetricRow[],
  violations: { rule: string }[],
): { verdict: "approve" | "reject" | "needs_evidence"; because: string } {
  if (gatePassed === null) return { verdict: "needs_evidence", because: "No evaluation run was given for this workflow." };
  if (!gatePassed) {
    const failing = rows.filter((r) => r.candidatePassed === false).map((r) => r.metric);
    return { verdict: "reject", because: `The evaluation gate failed${failing.length ? ` on ${failing.join(", ")}` : ""}.` };
  }
  if (violations.length) return { verdict: "reject", because: `The gate passed, but the request breaks ${violations.map((v) => v.rule).join(", ")}.` };
  const better = rows.filter((r) => r.better === true).map((r) => r.metric);
  const worse = rows.filter((r) => r.better === false).map((r) => r.metric);
  return {
    verdict: "approve",
    because: `The gate passed on every metric.${better.length ? ` Better than the current model on ${better.join(", ")}.` : ""}${worse.length ? ` Worse on ${worse.join(", ")}, within the thresholds.` : ""}`,
  };
}

export async function usageFigures(prisma: PrismaClient, modelId: string, workflowId: string, now: Date, days = 28): Promise<UsageFigures> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const [row] = await prisma.$queryRaw<{ requests: bigint; cost: number | null; p95: number | null }[]>`
    SELECT count(*) AS requests,
           avg("costUsd") AS cost,
           percentile_cont(0.95) WITHIN GROUP (ORDER BY "latencyMs") AS p95
      FROM "UsageEvent"
     WHERE "modelId" = ${modelId} AND "workflowId" = ${workflowId} AND "timestamp" >= ${since}`;
  const requests = Number(row?.requests ?? 0);
  return { requests, costPerTaskUsd: requests ? Number(row.cost) : null, p95LatencyMs: requests && row.p95 !== null ? Math.round(Number(row.p95)) : null };
}

/** Candidate (the request's model, with its evidence) against the current primary of the workflow. */
export async function compareWithIncumbent(
  prisma: PrismaClient,
  request: { modelId: string | null; workflowId: string | null; evidenceIds: string[] },
  now = new Date(),
) {
  if (!request.modelId || !request.workflowId) return null;
  const runs = await prisma.evaluationRun.findMany({
    where: { id: { in: request.evidenceIds }, workflowId: request.workflowId },
    orderBy: { createdAt: "desc" },
  });
  const candidateRun = runs.find((r) => r.gatePassed) ?? runs[0] ?? null;
  const incumbentApproval = await prisma.approval.findFirst({
    where: { workflowId: request.workflowId, role: "primary", modelId: { not: request.modelId }, ...activeApprovalWhere(now) },
    include: { model: { select: { id: true, name: true, snapshotId: true } }, evidence: { include: { evaluationRun: true } } },
    orderBy: { approvedAt: "desc" },
  });
  const incumbentRun =
    incumbentApproval?.evidence.map((e) => e.evaluationRun).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0] ??
    (incumbentApproval
      ? await prisma.evaluationRun.findFirst({ where: { modelId: incumbentApproval.modelId, workflowId: request.workflowId }, orderBy: { createdAt: "desc" } })
      : null);
  const rows = compareMetrics(
    (candidateRun?.metrics as Record<string, number>) ?? {},
    (incumbentRun?.metrics as Record<string, number> | null) ?? null,
    candidateRun ? gateVerdictsByMetric(candidateRun.gateResult) : null,
  );
  const [candidateUsage, incumbentUsage] = await Promise.all([
    usageFigures(prisma, request.modelId, request.workflowId, now),
    incumbentApproval ? usageFigures(prisma, incumbentApproval.modelId, request.workflowId, now) : Promise.resolve(null),
  ]);
  return {
    candidateRun: candidateRun
      ? {
          id: candidateRun.id,
          gatePassed: candidateRun.gatePassed,
          suite: candidateRun.suite,
          datasetVersion: candidateRun.datasetVersion,
          createdAt: candidateRun.createdAt,
        }
      : null,
    incumbent: incumbentApproval ? { model: incumbentApproval.model, runId: incumbentRun?.id ?? null } : null,
    rows,
    usage: { candidate: candidateUsage, incumbent: incumbentUsage },
    gatePassed: candidateRun ? candidateRun.gatePassed : null,
  };
}
