import "server-only";
// The demo's workflows, typical use cases (docs/vocabulary.md), with the facts a product owner sets: risk class under the
// EU AI Act, traffic tier, languages, the context window and cost per task a model must meet, the budget
// and the quality bar of the evaluation suite.
import type { Prisma } from "@/lib/generated/prisma/client";
import { countCreated, requireId, type SeedContext, writeAudited } from "./seed-context";
import type { TraceName } from "./demo-traces";

export interface Threshold {
  min?: number;
  max?: number;
  /** Largest allowed drop (for min metrics) or rise (for max metrics) against the baseline run. */
  maxRegression?: number;
}

export interface DemoWorkflow {
  slug: string;
  name: string;
  description: string;
  owner: string;
  riskClass: "minimal" | "limited" | "high";
  trafficTier: "high" | "low";
  languages: string[];
  minContextWindow: number;
  maxCostPerTaskUsd: number;
  monthlyBudgetUsd: number;
  qualityThresholds: Record<string, Threshold>;
  /** What one task looks like in the demo: the trace its requests resemble and how much longer its inputs are. */
  task: { trace: TraceName; inputScale: number };
}

const OLIVIA = "owner@warden.test";
const MARCO = "marco.rossi@warden.test";

export const DEMO_WORKFLOWS: readonly DemoWorkflow[] = [
  {
    slug: "support-chat",
    name: "Support chat",
    description: "Customer-facing support assistant on the help centre and in the mobile app; hands over to a human agent on request.",
    owner: OLIVIA,
    // A chatbot talking to the public: transparency duties (users must know they talk to an AI).
    riskClass: "limited",
    trafficTier: "high",
    languages: ["en", "de", "fr", "es"],
    minContextWindow: 32_000,
    maxCostPerTaskUsd: 0.01,
    monthlyBudgetUsd: 3_000,
    qualityThresholds: {
      answer_accuracy: { min: 0.85, maxRegression: 0.02 },
      toxicity: { max: 0.01 },
      p95_latency_ms: { max: 8_000 },
      cost_per_task_usd: { max: 0.01 },
    },
    task: { trace: "conv", inputScale: 1 },
  },
  {
    slug: "rag-answers",
    name: "RAG answers",
    description: "Answers employee questions from the internal knowledge base with citations (retrieval-augmented generation).",
    owner: OLIVIA,
    riskClass: "limited",
    trafficTier: "high",
    languages: ["en", "de"],
    minContextWindow: 128_000,
    maxCostPerTaskUsd: 0.02,
    monthlyBudgetUsd: 2_500,
    qualityThresholds: {
      faithfulness: { min: 0.9, maxRegression: 0.02 },
      answer_relevance: { min: 0.85 },
      hallucination_rate: { max: 0.05 },
      p95_latency_ms: { max: 8_000 },
      cost_per_task_usd: { max: 0.02 },
    },
    task: { trace: "conv", inputScale: 2 },
  },
  {
    slug: "coding-assistant",
    name: "Coding assistant",
    description: "Code completion and review suggestions in the engineering IDE plugin.",
    owner: MARCO,
    riskClass: "minimal",
    trafficTier: "high",
    languages: ["en"],
    minContextWindow: 128_000,
    maxCostPerTaskUsd: 0.05,
    monthlyBudgetUsd: 4_000,
    qualityThresholds: {
      pass_at_1: { min: 0.7, maxRegression: 0.03 },
      p95_latency_ms: { max: 5_000 },
      cost_per_task_usd: { max: 0.05 },
    },
    task: { trace: "code", inputScale: 1 },
  },
  {
    slug: "agent-planning",
    name: "Agent planning",
    description: "Plans multi-step tool use for the operations agent (ticket routing, refunds under the approval limit, CRM updates).",
    owner: MARCO,
    riskClass: "limited",
    trafficTier: "low",
    languages: ["en"],
    minContextWindow: 128_000,
    maxCostPerTaskUsd: 0.1,
    monthlyBudgetUsd: 1_500,
    qualityThresholds: {
      task_success_rate: { min: 0.75, maxRegression: 0.03 },
      tool_call_validity: { min: 0.97 },
      cost_per_task_usd: { max: 0.1 },
    },
    task: { trace: "conv", inputScale: 2 },
  },
  {
    slug: "json-extraction",
    name: "Loan document extraction",
    description:
      "Extracts income, liabilities and employment fields as JSON from loan application documents; the output feeds the creditworthiness assessment (EU AI Act Annex III, 5(b)), so every promotion is co-signed by compliance.",
    owner: OLIVIA,
    riskClass: "high",
    trafficTier: "high",
    languages: ["en", "de"],
    minContextWindow: 64_000,
    maxCostPerTaskUsd: 0.01,
    monthlyBudgetUsd: 1_200,
    qualityThresholds: {
      field_f1: { min: 0.95, maxRegression: 0.01 },
      json_validity: { min: 0.995 },
      hallucination_rate: { max: 0.01 },
      cost_per_task_usd: { max: 0.01 },
    },
    task: { trace: "conv", inputScale: 3 },
  },
  {
    slug: "chinese-doc-analysis",
    name: "Chinese document analysis",
    description: "Summarises and classifies supplier contracts and invoices written in Chinese for the Shanghai sourcing office.",
    owner: OLIVIA,
    riskClass: "minimal",
    trafficTier: "low",
    languages: ["zh", "en"],
    minContextWindow: 128_000,
    maxCostPerTaskUsd: 0.03,
    monthlyBudgetUsd: 600,
    qualityThresholds: {
      accuracy: { min: 0.85, maxRegression: 0.02 },
      f1: { min: 0.83 },
      faithfulness: { min: 0.9 },
      cost_per_task_usd: { max: 0.03 },
    },
    task: { trace: "conv", inputScale: 4 },
  },
  {
    slug: "long-context-docs",
    name: "Long-context document analysis",
    description: "Reads whole tender packages, annual reports and data rooms (hundreds of pages) in one pass and answers analysts' questions.",
    owner: MARCO,
    riskClass: "minimal",
    trafficTier: "low",
    languages: ["en", "de", "fr"],
    minContextWindow: 1_000_000,
    maxCostPerTaskUsd: 0.5,
    monthlyBudgetUsd: 2_000,
    qualityThresholds: {
      faithfulness: { min: 0.88 },
      needle_recall: { min: 0.9 },
      p95_latency_ms: { max: 60_000 },
      cost_per_task_usd: { max: 0.5 },
    },
    task: { trace: "conv", inputScale: 40 },
  },
  {
    slug: "background-automation",
    name: "Background automation",
    description: "Nightly batch jobs: ticket triage and tagging, CRM note summaries, duplicate detection.",
    owner: MARCO,
    riskClass: "minimal",
    trafficTier: "low",
    languages: ["en", "de"],
    minContextWindow: 32_000,
    maxCostPerTaskUsd: 0.005,
    monthlyBudgetUsd: 400,
    qualityThresholds: {
      accuracy: { min: 0.9 },
      json_validity: { min: 0.99 },
      cost_per_task_usd: { max: 0.005 },
    },
    task: { trace: "conv", inputScale: 1 },
  },
];

export function demoWorkflow(slug: string): DemoWorkflow {
  const workflow = DEMO_WORKFLOWS.find((w) => w.slug === slug);
  if (!workflow) throw new Error(`Demo data refers to workflow "${slug}", which demo-workflows.ts does not declare.`);
  return workflow;
}

export async function seedWorkflows(ctx: SeedContext) {
  const existing = await ctx.db.prisma.workflow.findMany({ where: { slug: { in: DEMO_WORKFLOWS.map((w) => w.slug) } }, select: { id: true, slug: true } });
  for (const workflow of existing) ctx.workflowIds.set(workflow.slug, workflow.id);
  for (const workflow of DEMO_WORKFLOWS) {
    if (ctx.workflowIds.has(workflow.slug)) continue;
    const { task: _task, owner, qualityThresholds, ...facts } = workflow;
    const data = { ...facts, ownerId: requireId(ctx.userIds, owner, "user"), qualityThresholds: qualityThresholds as Prisma.InputJsonValue };
    const id = await writeAudited(ctx, async (tx) => {
      const row = await tx.workflow.create({ data });
      return { result: row.id, audit: [{ action: "workflow.create", targetType: "workflow", targetId: row.id, after: { ...data, owner } }] };
    });
    ctx.workflowIds.set(workflow.slug, id);
    countCreated(ctx, "workflows");
  }
}
