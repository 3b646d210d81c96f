import "server-only";
// The rest of the governance record, kept light: deprecation plans (one live, two completed), one active
// version bundle per workflow (plus the bundles they replaced), and reviews (one due soon, one overdue, one
// signed off).
import { canonicalJson } from "@/lib/audit/canonical-json";
import type { Prisma } from "@/lib/generated/prisma/client";
import { expectedCostPerTask, typicalTask } from "./demo-approvals";
import { countCreated, daysFrom, demoId, requireId, requireModel, type SeedContext, sha256, writeAudited } from "./seed-context";

// ─── Deprecation plans ───────────────────────────────────────────────────────

export interface DemoDeprecationPlan {
  model: string;
  target: string;
  /** The workflow whose typical task the cost impact is computed on. */
  workflow: string;
  reason: string;
  announcedDaysAgo: number;
  /** Negative: already past. */
  softDeadlineInDays: number;
  hardDeadlineInDays: number;
  evaluationStatus: string;
  steps: { step: string; done: boolean }[];
  estimatedEffort: string;
  qualityImpact: string;
}

export const DEMO_DEPRECATION_PLANS: readonly DemoDeprecationPlan[] = [
  {
    model: "gpt-4o-2024-08-06",
    target: "gpt-4.1",
    workflow: "rag-answers",
    reason: "GPT-4.1 beat it on the RAG suite (faithfulness, hallucination rate) at a lower cost per task, with a 1M-token context.",
    announcedDaysAgo: 75,
    softDeadlineInDays: 5,
    hardDeadlineInDays: 35,
    evaluationStatus: "passed",
    steps: [
      { step: "Evaluate GPT-4.1 on the RAG suite against the GPT-4o baseline", done: true },
      { step: "Route new sessions to bundle rag-answers@2.0.0", done: true },
      { step: "Move the API clients still pinned to rag-answers@1.2.0 (finance wiki bot, HR portal)", done: false },
      { step: "Remove gpt-4o-2024-08-06 from the gateway routing table", done: false },
    ],
    estimatedEffort: "4 engineer-days",
    qualityImpact: "Faithfulness up and hallucination rate down on the RAG suite (see the evaluation runs); latency unchanged within noise.",
  },
  {
    model: "gpt-4o-2024-05-13",
    target: "gpt-4o-2024-08-06",
    workflow: "rag-answers",
    reason: "The 2024-08-06 snapshot costs half as much and supports structured outputs.",
    announcedDaysAgo: 420,
    softDeadlineInDays: -330,
    hardDeadlineInDays: -300,
    evaluationStatus: "passed",
    steps: [
      { step: "Evaluate gpt-4o-2024-08-06 on the RAG suite", done: true },
      { step: "Switch the gateway route", done: true },
      { step: "Disable the old snapshot", done: true },
    ],
    estimatedEffort: "1 engineer-day",
    qualityImpact: "No measurable change on the RAG suite.",
  },
  {
    model: "claude-3.7-sonnet",
    target: "claude-sonnet-4.5",
    workflow: "coding-assistant",
    reason: "Claude Sonnet 4.5 passes the coding suite with a higher pass@1; Anthropic shuts 3.7 Sonnet down on 2026-02-19.",
    announcedDaysAgo: 300,
    softDeadlineInDays: -290,
    hardDeadlineInDays: -280,
    evaluationStatus: "passed",
    steps: [
      { step: "Evaluate Claude Sonnet 4.5 on the coding suite", done: true },
      { step: "Ship IDE plugin 3.4 with bundle coding-assistant@1.0.0", done: true },
      { step: "Disable Claude 3.7 Sonnet before the provider shutdown", done: true },
    ],
    estimatedEffort: "2 engineer-days",
    qualityImpact: "pass@1 up on the coding suite; same cost per task.",
  },
];

export async function ensureDeprecationPlan(ctx: SeedContext, modelRef: string) {
  const plan = DEMO_DEPRECATION_PLANS.find((p) => p.model === modelRef);
  if (!plan) throw new Error(`Demo model ${modelRef} is deprecated without a deprecation plan in demo-governance.ts.`);
  const id = demoId("deprecation-plan", modelRef);
  if (await ctx.db.prisma.deprecationPlan.findUnique({ where: { id }, select: { id: true } })) return;
  const model = requireModel(ctx, plan.model);
  const target = requireModel(ctx, plan.target);
  const task = typicalTask(ctx, plan.workflow);
  const [before, after] = [expectedCostPerTask(model, task), expectedCostPerTask(target, task)];
  const change = Math.round(((after - before) / before) * 100);
  const data = {
    id,
    modelId: model.id,
    reason: plan.reason,
    announcedAt: daysFrom(ctx.now, -plan.announcedDaysAgo),
    softDeadline: daysFrom(ctx.now, plan.softDeadlineInDays),
    hardDeadline: daysFrom(ctx.now, plan.hardDeadlineInDays),
    migrationTargetId: target.id,
    evaluationStatus: plan.evaluationStatus,
    steps: plan.steps as Prisma.InputJsonValue,
    estimatedEffort: plan.estimatedEffort,
    costImpact: `${change > 0 ? "+" : ""}${change} % cost per typical ${plan.workflow} task ($${before.toFixed(4)} → $${after.toFixed(4)}, list prices)`,
    qualityImpact: plan.qualityImpact,
    createdById: requireId(ctx.userIds, "lead@warden.test", "user"),
    createdAt: daysFrom(ctx.now, -plan.announcedDaysAgo),
  };
  await writeAudited(ctx, async (tx) => {
    const row = await tx.deprecationPlan.create({ data });
    return {
      result: row,
      audit: [
        {
          action: "deprecation_plan.create",
          targetType: "deprecation_plan",
          targetId: row.id,
          after: { ...data, model: model.snapshotId, migrationTarget: target.snapshotId },
        },
      ],
    };
  });
  countCreated(ctx, "deprecationPlans");
}

// ─── Version bundles ─────────────────────────────────────────────────────────

type Version = [number, number, number];

export interface DemoBundle {
  workflow: string;
  model: string;
  version: Version;
  parent?: Version;
  stage: "staging" | "shadow" | "canary" | "active" | "deprecated" | "retired";
  prompt: string;
  config: Record<string, unknown>;
  createdDaysAgo: number;
}

export const bundleLabel = (workflow: string, [major, minor, patch]: Version) => `${workflow}@${major}.${minor}.${patch}`;

const chat = (maxTokens: number, extra: Record<string, unknown> = {}) => ({ temperature: 0.2, max_output_tokens: maxTokens, ...extra });

export const DEMO_BUNDLES: readonly DemoBundle[] = [
  {
    workflow: "support-chat",
    model: "claude-haiku-4.5",
    version: [1, 0, 0],
    stage: "active",
    prompt: "You are the support assistant. Answer from the help-centre articles provided; offer a human agent when unsure.",
    config: chat(800, { tools: ["search_help_centre", "handover_to_agent"] }),
    createdDaysAgo: 40,
  },
  {
    workflow: "rag-answers",
    model: "gpt-4o-2024-08-06",
    version: [1, 2, 0],
    stage: "deprecated",
    prompt: "Answer only from the passages below and cite them as [n]. Say so when the passages do not contain the answer.",
    config: chat(1000),
    createdDaysAgo: 300,
  },
  {
    workflow: "rag-answers",
    model: "gpt-4.1",
    version: [2, 0, 0],
    parent: [1, 2, 0],
    stage: "active",
    prompt: "Answer only from the passages below and cite them as [n]. Say so when the passages do not contain the answer.",
    config: chat(1000),
    createdDaysAgo: 78,
  },
  {
    workflow: "coding-assistant",
    model: "claude-sonnet-4.5",
    version: [1, 0, 0],
    stage: "active",
    prompt: "Complete the code at the cursor. Match the file's style; never invent APIs that are not imported.",
    config: { temperature: 0, max_output_tokens: 256, stop: ["\n\n\n"] },
    createdDaysAgo: 305,
  },
  {
    workflow: "agent-planning",
    model: "claude-sonnet-4.5",
    version: [1, 0, 0],
    stage: "active",
    prompt: "Plan the steps to resolve the ticket with the tools available. Refunds above the approval limit go to a human.",
    config: chat(2000, { tools: ["crm_lookup", "crm_update", "refund_under_limit", "route_ticket"], parallel_tool_calls: false }),
    createdDaysAgo: 190,
  },
  {
    workflow: "json-extraction",
    model: "ft-loan-fields",
    version: [1, 0, 0],
    stage: "active",
    prompt: "Extract the loan-fields schema from the document. Leave a field null when it is not stated; never infer.",
    config: { temperature: 0, max_output_tokens: 1500, response_format: { type: "json_schema", name: "loan_fields_v3" } },
    createdDaysAgo: 93,
  },
  {
    workflow: "chinese-doc-analysis",
    model: "qwen3-max",
    version: [1, 0, 0],
    stage: "active",
    prompt: "请总结以下合同或发票的要点，并按类别分类。Summarise the key terms and classify the document.",
    config: chat(1200, { response_format: { type: "json_object" } }),
    createdDaysAgo: 33,
  },
  {
    workflow: "long-context-docs",
    model: "gemini-2.5-pro",
    version: [1, 0, 0],
    stage: "active",
    prompt: "Answer the analyst's question from the full document set. Quote page numbers for every claim.",
    config: chat(4000, { thinking_budget: 4096 }),
    createdDaysAgo: 118,
  },
  {
    workflow: "background-automation",
    model: "gemini-2.0-flash",
    version: [1, 0, 0],
    stage: "retired",
    prompt: "Classify and tag the ticket; return JSON with category, priority and tags.",
    config: chat(300, { response_format: { type: "json_object" } }),
    createdDaysAgo: 328,
  },
  {
    workflow: "background-automation",
    model: "gpt-4.1-mini",
    version: [2, 0, 0],
    parent: [1, 0, 0],
    stage: "active",
    prompt: "Classify and tag the ticket; return JSON with category, priority and tags.",
    config: chat(300, { response_format: { type: "json_object" } }),
    createdDaysAgo: 178,
  },
];

export async function seedBundles(ctx: SeedContext) {
  for (const b of DEMO_BUNDLES) {
    const workflowId = requireId(ctx.workflowIds, b.workflow, "workflow");
    const [major, minor, patch] = b.version;
    const key = { workflowId_major_minor_patch: { workflowId, major, minor, patch } };
    if (await ctx.db.prisma.bundle.findUnique({ where: key, select: { id: true } })) continue;
    const parent = b.parent
      ? await ctx.db.prisma.bundle.findUnique({
          where: { workflowId_major_minor_patch: { workflowId, major: b.parent[0], minor: b.parent[1], patch: b.parent[2] } },
        })
      : null;
    if (b.parent && !parent)
      throw new Error(`Bundle ${bundleLabel(b.workflow, b.version)} names parent ${bundleLabel(b.workflow, b.parent)}, declared later or not at all.`);
    const model = requireModel(ctx, b.model);
    const data = {
      workflowId,
      modelId: model.id,
      major,
      minor,
      patch,
      promptHash: sha256(b.prompt),
      configHash: sha256(canonicalJson(b.config)),
      config: b.config as Prisma.InputJsonValue,
      parentId: parent?.id ?? null,
      stage: b.stage,
      createdById: requireId(ctx.userIds, "priya.nair@warden.test", "user"),
      createdAt: daysFrom(ctx.now, -b.createdDaysAgo),
    };
    await writeAudited(ctx, async (tx) => {
      const row = await tx.bundle.create({ data });
      return {
        result: row,
        audit: [
          {
            action: "bundle.create",
            targetType: "bundle",
            targetId: row.id,
            after: { ...data, label: bundleLabel(b.workflow, b.version), model: model.snapshotId },
          },
        ],
      };
    });
    countCreated(ctx, "bundles");
  }
}

// ─── Reviews ─────────────────────────────────────────────────────────────────

export interface DemoReview {
  key: string;
  kind: "scheduled" | "triggered";
  trigger?: "major_release" | "provider_incident" | "cost_change" | "quality_complaints";
  workflow: string;
  model: string;
  dueInDays: number;
  signals: Record<string, number>;
  signedOff?: { by: string; daysAgo: number; outcome: string };
  notes: string;
}

export const DEMO_REVIEWS: readonly DemoReview[] = [
  {
    key: "support-chat-weekly",
    kind: "scheduled",
    workflow: "support-chat",
    model: "claude-haiku-4.5",
    dueInDays: 3,
    signals: {
      latencyP95Ms: 4900,
      errorRate: 0.012,
      costPerTaskUsd: 0.0022,
      retryRate: 0.068,
      fallbackRate: 0.034,
      qualityScore: 0.86,
      complaints: 4,
      successRate: 0.91,
    },
    notes: "Weekly review (high-traffic workflow). Output length grew over the last two weeks: check the drift chart before signing off.",
  },
  {
    key: "agent-planning-renewal",
    kind: "scheduled",
    workflow: "agent-planning",
    model: "claude-sonnet-4.5",
    dueInDays: -2,
    signals: {
      latencyP95Ms: 8500,
      errorRate: 0.015,
      costPerTaskUsd: 0.0099,
      retryRate: 0.067,
      fallbackRate: 0.03,
      qualityScore: 0.9,
      complaints: 1,
      successRate: 0.88,
    },
    notes: "Monthly review; the primary approval expired 12 days ago and needs renewing (Kimi K2.5 and Claude Opus 4.5 passed the gate as candidates).",
  },
  {
    key: "coding-sonnet-release",
    kind: "triggered",
    trigger: "major_release",
    workflow: "coding-assistant",
    model: "claude-sonnet-4.5",
    dueInDays: -24,
    signals: {
      latencyP95Ms: 2400,
      errorRate: 0.014,
      costPerTaskUsd: 0.0065,
      retryRate: 0.065,
      fallbackRate: 0.03,
      qualityScore: 0.91,
      complaints: 0,
      successRate: 0.94,
    },
    signedOff: { by: "marco.rossi@warden.test", daysAgo: 20, outcome: "keep" },
    notes: "Triggered by new model releases: MiniMax M2.5 failed the coding gate (pass@1 regression); Claude Sonnet 4.5 stays primary.",
  },
];

export async function seedReviews(ctx: SeedContext) {
  for (const r of DEMO_REVIEWS) {
    const id = demoId("review", r.key);
    if (await ctx.db.prisma.review.findUnique({ where: { id }, select: { id: true } })) continue;
    const dueAt = daysFrom(ctx.now, r.dueInDays);
    const data = {
      id,
      kind: r.kind,
      trigger: r.trigger ?? null,
      workflowId: requireId(ctx.workflowIds, r.workflow, "workflow"),
      modelId: requireModel(ctx, r.model).id,
      dueAt,
      signals: r.signals as Prisma.InputJsonValue,
      notes: r.notes,
      createdAt: daysFrom(dueAt, r.kind === "scheduled" ? -7 : -4),
    };
    await writeAudited(ctx, async (tx) => {
      const row = await tx.review.create({ data });
      return { result: row, audit: [{ action: "review.schedule", targetType: "review", targetId: row.id, after: { ...data, workflow: r.workflow } }] };
    });
    countCreated(ctx, "reviews");
    if (r.signedOff) {
      const signedOff = {
        signedOffById: requireId(ctx.userIds, r.signedOff.by, "user"),
        signedOffAt: daysFrom(ctx.now, -r.signedOff.daysAgo),
        outcome: r.signedOff.outcome,
      };
      await writeAudited(ctx, async (tx) => {
        const row = await tx.review.update({ where: { id }, data: { ...signedOff, version: { increment: 1 } } });
        return {
          result: row,
          audit: [{ action: "review.sign_off", targetType: "review", targetId: id, before: { signedOffAt: null }, after: signedOff, reason: r.notes }],
        };
      });
    }
  }
}
