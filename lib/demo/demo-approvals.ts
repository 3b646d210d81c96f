import "server-only";
// Which model may serve which workflow: primary and fallback approvals, each resting on an evaluation run
// whose gate passed, plus evaluation runs of candidates still in testing (some failing). Approvals of
// models that later left service are revoked by the lifecycle step (demo-lifecycle.ts), not deleted.
//
// Metric values are derived, not typed in: cost per task from the model's catalog price and the workflow's
// typical task (trace means × input scale), p95 latency from the model's serving speed, quality metrics
// from a per-run `score` (0 = exactly at the bar, 1 = perfect; negative fails), so the evidence stays
// coherent with the catalog and the usage data.
import { checkApproval } from "@/lib/approvals/approval-rules";
import { computeGate, type MetricVerdict } from "@/lib/evaluations/gate";
import type { Prisma } from "@/lib/generated/prisma/client";
import { demoModel, statusAt } from "./demo-models";
import { loadTrace } from "./demo-traces";
import { demoWorkflow, type Threshold } from "./demo-workflows";
import { createRng } from "./prng";
import { countCreated, DAY_MS, daysFrom, demoId, requireId, requireModel, type SeedContext, writeAudited } from "./seed-context";

export interface DemoApproval {
  model: string;
  workflow: string;
  role: "primary" | "fallback";
  /** For primaries: the model that takes over; it must hold its own approval for the workflow (declared above). */
  fallback?: string;
  maxCostPerTaskUsd: number;
  languages: string[];
  approvedDaysAgo: number;
  /** validUntil = approvedAt + validForDays; smaller than approvedDaysAgo means already expired. */
  validForDays: number;
  /** Quality margin of the evidence run (see top of file). */
  score: number;
  /** Model whose run on the same workflow is this run's baseline (regression check). */
  baseline?: string;
}

export interface DemoCandidateRun {
  model: string;
  workflow: string;
  score: number;
  daysAgo: number;
  baseline?: string;
  /** What the gate must say; the seed stops if the derived metrics disagree. */
  expectPass: boolean;
}

// Order matters: a fallback's approval and a baseline's run come before the approval that names them.
export const DEMO_APPROVALS: readonly DemoApproval[] = [
  // Historical approvals of models that have since left service (revoked by their lifecycle).
  {
    model: "gpt-4o-2024-05-13",
    workflow: "rag-answers",
    role: "primary",
    maxCostPerTaskUsd: 0.018,
    languages: ["en", "de"],
    approvedDaysAgo: 560,
    validForDays: 365,
    score: 0.35,
  },
  {
    model: "gpt-4o-2024-08-06",
    workflow: "rag-answers",
    role: "primary",
    maxCostPerTaskUsd: 0.012,
    languages: ["en", "de"],
    approvedDaysAgo: 430,
    validForDays: 540,
    score: 0.4,
  },
  {
    model: "claude-3.7-sonnet",
    workflow: "coding-assistant",
    role: "primary",
    maxCostPerTaskUsd: 0.02,
    languages: ["en"],
    approvedDaysAgo: 420,
    validForDays: 365,
    score: 0.45,
  },
  {
    model: "gemini-2.0-flash",
    workflow: "background-automation",
    role: "primary",
    maxCostPerTaskUsd: 0.001,
    languages: ["en", "de"],
    approvedDaysAgo: 330,
    validForDays: 365,
    score: 0.4,
  },
  {
    model: "mistral-medium-2505",
    workflow: "support-chat",
    role: "fallback",
    maxCostPerTaskUsd: 0.004,
    languages: ["de", "fr", "es"],
    approvedDaysAgo: 210,
    validForDays: 365,
    score: 0.3,
  },

  // Background automation: GPT-4.1 mini with the self-hosted Llama behind it.
  {
    model: "llama-3.3-70b",
    workflow: "background-automation",
    role: "fallback",
    maxCostPerTaskUsd: 0.001,
    languages: ["en", "de"],
    approvedDaysAgo: 240,
    validForDays: 365,
    score: 0.25,
  },
  {
    model: "gpt-4.1-mini",
    workflow: "background-automation",
    role: "primary",
    fallback: "llama-3.3-70b",
    maxCostPerTaskUsd: 0.002,
    languages: ["en", "de"],
    approvedDaysAgo: 180,
    validForDays: 365,
    score: 0.5,
  },

  // Coding assistant.
  {
    model: "gpt-5",
    workflow: "coding-assistant",
    role: "fallback",
    maxCostPerTaskUsd: 0.01,
    languages: ["en"],
    approvedDaysAgo: 315,
    validForDays: 365,
    score: 0.55,
  },
  {
    model: "claude-sonnet-4.5",
    workflow: "coding-assistant",
    role: "primary",
    fallback: "gpt-5",
    maxCostPerTaskUsd: 0.015,
    languages: ["en"],
    approvedDaysAgo: 310,
    validForDays: 365,
    score: 0.6,
    baseline: "claude-3.7-sonnet",
  },

  // Agent planning: the primary approval expired 12 days ago (renewal review overdue).
  {
    model: "mistral-large-2512",
    workflow: "agent-planning",
    role: "fallback",
    maxCostPerTaskUsd: 0.01,
    languages: ["en"],
    approvedDaysAgo: 200,
    validForDays: 365,
    score: 0.3,
  },
  {
    model: "claude-sonnet-4.5",
    workflow: "agent-planning",
    role: "primary",
    fallback: "mistral-large-2512",
    maxCostPerTaskUsd: 0.05,
    languages: ["en"],
    approvedDaysAgo: 192,
    validForDays: 180,
    score: 0.5,
  },

  // Long-context document analysis.
  {
    model: "gpt-4.1",
    workflow: "long-context-docs",
    role: "fallback",
    maxCostPerTaskUsd: 0.3,
    languages: ["en", "de"],
    approvedDaysAgo: 125,
    validForDays: 365,
    score: 0.35,
  },
  {
    model: "gemini-2.5-pro",
    workflow: "long-context-docs",
    role: "primary",
    fallback: "gpt-4.1",
    maxCostPerTaskUsd: 0.2,
    languages: ["en", "de", "fr"],
    approvedDaysAgo: 120,
    validForDays: 365,
    score: 0.5,
  },

  // Loan document extraction (high risk): fine-tuned model over its base.
  {
    model: "gpt-4.1-mini",
    workflow: "json-extraction",
    role: "fallback",
    maxCostPerTaskUsd: 0.003,
    languages: ["en", "de"],
    approvedDaysAgo: 140,
    validForDays: 365,
    score: 0.3,
  },
  {
    model: "ft-loan-fields",
    workflow: "json-extraction",
    role: "primary",
    fallback: "gpt-4.1-mini",
    maxCostPerTaskUsd: 0.006,
    languages: ["en", "de"],
    approvedDaysAgo: 95,
    validForDays: 180,
    score: 0.7,
    baseline: "gpt-4.1-mini",
  },

  // Support chat.
  {
    model: "gpt-4.1-mini",
    workflow: "support-chat",
    role: "fallback",
    maxCostPerTaskUsd: 0.003,
    languages: ["en"],
    approvedDaysAgo: 140,
    validForDays: 365,
    score: 0.35,
  },
  {
    model: "mistral-large-2512",
    workflow: "support-chat",
    role: "fallback",
    maxCostPerTaskUsd: 0.004,
    languages: ["en", "de", "fr", "es"],
    approvedDaysAgo: 105,
    validForDays: 365,
    score: 0.4,
    baseline: "mistral-medium-2505",
  },
  {
    model: "claude-haiku-4.5",
    workflow: "support-chat",
    role: "primary",
    fallback: "mistral-large-2512",
    maxCostPerTaskUsd: 0.006,
    languages: ["en", "de", "fr", "es"],
    approvedDaysAgo: 100,
    validForDays: 180,
    score: 0.55,
  },

  // RAG answers: GPT-4.1 replaced GPT-4o (baseline).
  {
    model: "gemini-2.5-flash",
    workflow: "rag-answers",
    role: "fallback",
    maxCostPerTaskUsd: 0.006,
    languages: ["en", "de"],
    approvedDaysAgo: 100,
    validForDays: 270,
    score: 0.4,
  },
  {
    model: "gpt-4.1",
    workflow: "rag-answers",
    role: "primary",
    fallback: "gemini-2.5-flash",
    maxCostPerTaskUsd: 0.012,
    languages: ["en", "de"],
    approvedDaysAgo: 100,
    validForDays: 270,
    score: 0.6,
    baseline: "gpt-4o-2024-08-06",
  },

  // Chinese document analysis: approved for Qwen3 Max (and GLM-4.7 as fallback), which are not approved for support chat.
  {
    model: "glm-4.7",
    workflow: "chinese-doc-analysis",
    role: "fallback",
    maxCostPerTaskUsd: 0.008,
    languages: ["zh"],
    approvedDaysAgo: 105,
    validForDays: 180,
    score: 0.35,
  },
  {
    model: "qwen3-max",
    workflow: "chinese-doc-analysis",
    role: "primary",
    fallback: "glm-4.7",
    maxCostPerTaskUsd: 0.012,
    languages: ["zh", "en"],
    approvedDaysAgo: 100,
    validForDays: 180,
    score: 0.5,
  },
];

export const DEMO_CANDIDATE_RUNS: readonly DemoCandidateRun[] = [
  { model: "gpt-5-mini", workflow: "support-chat", score: 0.45, daysAgo: 12, expectPass: false },
  { model: "minimax-m2.5", workflow: "coding-assistant", score: 0.25, daysAgo: 9, baseline: "claude-sonnet-4.5", expectPass: false },
  { model: "kimi-k2.5", workflow: "agent-planning", score: 0.45, daysAgo: 8, baseline: "claude-sonnet-4.5", expectPass: true },
  { model: "claude-opus-4.5", workflow: "agent-planning", score: 0.75, daysAgo: 5, baseline: "claude-sonnet-4.5", expectPass: true },
  { model: "deepseek-chat", workflow: "chinese-doc-analysis", score: 0.4, daysAgo: 14, baseline: "qwen3-max", expectPass: true },
  { model: "doubao-seed-2.0-pro", workflow: "chinese-doc-analysis", score: 0.45, daysAgo: 6, baseline: "qwen3-max", expectPass: true },
  { model: "glm-5", workflow: "chinese-doc-analysis", score: 0.42, daysAgo: 3, baseline: "qwen3-max", expectPass: true },
];

// ─── Derived evidence ────────────────────────────────────────────────────────

export interface TaskEstimate {
  inputTokens: number;
  outputTokens: number;
  p95OutputTokens: number;
}

/** The workflow's typical task: the mean of its trace, inputs scaled as its requests are longer. */
export function typicalTask(ctx: Pick<SeedContext, "dataDir">, workflowSlug: string): TaskEstimate {
  const { task } = demoWorkflow(workflowSlug);
  const trace = loadTrace(task.trace, ctx.dataDir);
  return { inputTokens: trace.meanInput * task.inputScale, outputTokens: trace.meanOutput, p95OutputTokens: trace.p95Output };
}

export function expectedCostPerTask(price: { inputPricePerMTok: number | null; outputPricePerMTok: number | null }, task: TaskEstimate): number {
  return ((price.inputPricePerMTok ?? 0) * task.inputTokens + (price.outputPricePerMTok ?? 0) * task.outputTokens) / 1e6;
}

/** Prefill time per input token in the demo's latency model (ms). */
export const PREFILL_MS_PER_TOKEN = 0.02;

export function estimatedP95LatencyMs(serving: { tokensPerSecond: number; ttftMs: number }, task: TaskEstimate): number {
  const ttft = serving.ttftMs * 1.5 + task.inputTokens * PREFILL_MS_PER_TOKEN;
  return Math.round(ttft + (serving.tokensPerSecond > 0 ? (task.p95OutputTokens / serving.tokensPerSecond) * 1000 : 0));
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * The evaluation gate of lib/evaluations/gate.ts (the one rule), with its verdicts also keyed by metric
 * for lookups. `result` is what a run stores in gateResult, the same shape an upload stores.
 */
export function gate(metrics: Record<string, number>, thresholds: Record<string, Threshold>, baseline?: Record<string, number>) {
  const result = computeGate(metrics, thresholds, baseline);
  const gateResult: Record<string, MetricVerdict> = Object.fromEntries(result.metrics.map((verdict) => [verdict.metric, verdict]));
  return { result, gateResult, gatePassed: result.passed };
}

export function evaluationMetrics(ctx: SeedContext, modelRef: string, workflowSlug: string, score: number): Record<string, number> {
  const model = requireModel(ctx, modelRef);
  const { serving } = demoModel(modelRef);
  const task = typicalTask(ctx, workflowSlug);
  const rng = createRng(`eval:${modelRef}:${workflowSlug}`);
  const metrics: Record<string, number> = {};
  for (const [metric, t] of Object.entries(demoWorkflow(workflowSlug).qualityThresholds)) {
    if (metric === "cost_per_task_usd") metrics[metric] = round(expectedCostPerTask(model, task), 6);
    else if (metric === "p95_latency_ms") metrics[metric] = estimatedP95LatencyMs(serving, task);
    else {
      // A little spread between metrics of one run, never enough to cross the bar.
      const s = score > 0 ? Math.min(0.98, Math.max(0.05, score + 0.06 * rng.normal())) : score;
      metrics[metric] = t.min !== undefined ? round(t.min + (1 - t.min) * s, 4) : round((t.max ?? 0) * (1 - s), 4);
    }
  }
  return metrics;
}

const ENGINEERS = ["engineer@warden.test", "priya.nair@warden.test"];

export async function ensureRun(ctx: SeedContext, modelRef: string, workflowSlug: string, score: number, createdAt: Date, baselineRef?: string) {
  const id = demoId("evaluation-run", `${modelRef}/${workflowSlug}`);
  const existing = await ctx.db.prisma.evaluationRun.findUnique({ where: { id } });
  if (existing) return existing;
  const thresholds = demoWorkflow(workflowSlug).qualityThresholds;
  const metrics = evaluationMetrics(ctx, modelRef, workflowSlug, score);
  let baselineRunId: string | null = null;
  let baselineMetrics: Record<string, number> | undefined;
  if (baselineRef) {
    const baseline = await ctx.db.prisma.evaluationRun.findUnique({ where: { id: demoId("evaluation-run", `${baselineRef}/${workflowSlug}`) } });
    if (!baseline) throw new Error(`Evaluation of ${modelRef} on ${workflowSlug} names baseline ${baselineRef}, whose run is declared later or not at all.`);
    baselineRunId = baseline.id;
    baselineMetrics = baseline.metrics as Record<string, number>;
  }
  const { result: gateResult, gatePassed } = gate(metrics, thresholds, baselineMetrics);
  const model = requireModel(ctx, modelRef);
  const data = {
    id,
    modelId: model.id,
    workflowId: requireId(ctx.workflowIds, workflowSlug, "workflow"),
    suite: `${workflowSlug}-suite`,
    datasetVersion: `${createdAt.getUTCFullYear()}.${String(createdAt.getUTCMonth() + 1).padStart(2, "0")}`,
    baselineRunId,
    metrics: metrics as Prisma.InputJsonValue,
    thresholds: thresholds as Prisma.InputJsonValue,
    gateResult: gateResult as unknown as Prisma.InputJsonValue,
    gatePassed,
    createdById: requireId(ctx.userIds, ENGINEERS[Math.floor(createdAt.getTime() / DAY_MS) % 2], "user"),
    source: "demo",
    createdAt,
  };
  const run = await writeAudited(ctx, async (tx) => {
    const row = await tx.evaluationRun.create({ data });
    return {
      result: row,
      audit: [
        {
          action: "evaluation.record",
          targetType: "evaluation_run",
          targetId: row.id,
          after: { model: model.snapshotId, workflow: workflowSlug, suite: data.suite, metrics, gatePassed },
        },
      ],
    };
  });
  countCreated(ctx, "evaluationRuns");
  return run;
}

/**
 * The approval rules (lib/approvals/approval-rules.ts, the ones a change request is checked by) as they
 * stood when the demo grants `a`: the model's and the fallback's statuses of that day in the declared
 * history, the fallback's approvals in force that day. The seed refuses data that breaks them, and the
 * demo test checks every seeded approval again the same way.
 */
export async function demoApprovalViolations(
  ctx: SeedContext,
  a: DemoApproval,
  run: { id: string; modelId: string | null; workflowId: string; gatePassed: boolean; metrics: Prisma.JsonValue },
  approvedAt: Date,
) {
  const model = requireModel(ctx, a.model);
  const workflow = demoWorkflow(a.workflow);
  const workflowId = requireId(ctx.workflowIds, a.workflow, "workflow");
  let fallback = null;
  if (a.fallback) {
    const f = requireModel(ctx, a.fallback);
    const inForce = await ctx.db.prisma.approval.count({
      where: {
        modelId: f.id,
        workflowId,
        approvedAt: { lte: approvedAt },
        AND: [{ OR: [{ revokedAt: null }, { revokedAt: { gt: approvedAt } }] }, { OR: [{ validUntil: null }, { validUntil: { gt: approvedAt } }] }],
      },
    });
    fallback = { id: f.id, name: f.name, status: statusAt(demoModel(a.fallback), ctx.now, approvedAt), approvedForWorkflow: inForce > 0 };
  }
  const cost = (run.metrics as Record<string, unknown> | null)?.cost_per_task_usd;
  const violations = checkApproval({
    model: { id: model.id, status: statusAt(demoModel(a.model), ctx.now, approvedAt), contextWindow: model.contextWindow, languages: model.languages },
    workflow: { id: workflowId, name: workflow.name, minContextWindow: workflow.minContextWindow, maxCostPerTaskUsd: workflow.maxCostPerTaskUsd },
    role: a.role,
    requestedMaxCostPerTaskUsd: a.maxCostPerTaskUsd,
    expectedCostPerTaskUsd: typeof cost === "number" ? cost : expectedCostPerTask(model, typicalTask(ctx, a.workflow)),
    requestedLanguages: a.languages,
    evidence: [run],
    fallback,
    validUntil: daysFrom(approvedAt, a.validForDays),
    now: approvedAt,
  });
  // The demo's own coherence: an approval serves languages its workflow serves.
  const foreign = a.languages.filter((l) => !workflow.languages.includes(l));
  if (foreign.length)
    violations.push({
      rule: "demo_language_outside_workflow",
      message: `languages ${foreign.join(", ")} are not the workflow's (${workflow.languages.join(", ")})`,
    });
  return violations;
}

export async function seedApprovals(ctx: SeedContext) {
  for (const a of DEMO_APPROVALS) {
    const approvedAt = daysFrom(ctx.now, -a.approvedDaysAgo);
    const run = await ensureRun(ctx, a.model, a.workflow, a.score, daysFrom(approvedAt, -3), a.baseline);
    if (!run.gatePassed) throw new Error(`Evidence for ${a.model} on ${a.workflow} does not pass its gate: ${JSON.stringify(run.gateResult)}`);
    const id = demoId("approval", `${a.model}/${a.workflow}/${a.role}`);
    if (await ctx.db.prisma.approval.findUnique({ where: { id }, select: { id: true } })) continue;
    const violations = await demoApprovalViolations(ctx, a, run, approvedAt);
    if (violations.length) throw new Error(`Demo approval of ${a.model} for ${a.workflow} breaks the rules: ${violations.map((v) => v.message).join(" ")}`);
    const model = requireModel(ctx, a.model);
    const data = {
      id,
      modelId: model.id,
      workflowId: requireId(ctx.workflowIds, a.workflow, "workflow"),
      role: a.role,
      maxCostPerTaskUsd: a.maxCostPerTaskUsd,
      languages: a.languages,
      fallbackModelId: a.fallback ? requireModel(ctx, a.fallback).id : null,
      validUntil: daysFrom(approvedAt, a.validForDays),
      approvedAt,
    };
    await writeAudited(ctx, async (tx) => {
      const row = await tx.approval.create({ data: { ...data, evidence: { create: [{ evaluationRunId: run.id }] } } });
      return {
        result: row,
        audit: [
          {
            action: "approval.grant",
            targetType: "approval",
            targetId: row.id,
            after: { ...data, model: model.snapshotId, workflow: a.workflow, fallback: a.fallback ?? null, evidence: [run.id] },
          },
        ],
      };
    });
    countCreated(ctx, "approvals");
  }
  for (const c of DEMO_CANDIDATE_RUNS) {
    const run = await ensureRun(ctx, c.model, c.workflow, c.score, daysFrom(ctx.now, -c.daysAgo), c.baseline);
    if (run.gatePassed !== c.expectPass) {
      throw new Error(`Candidate run of ${c.model} on ${c.workflow} was expected to ${c.expectPass ? "pass" : "fail"}: ${JSON.stringify(run.gateResult)}`);
    }
  }
}
