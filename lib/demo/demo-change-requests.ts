import "server-only";
// What a real team has in flight: change requests opened and decided through the same services the
// app uses (so every rule and audit event is real): some waiting on the ML lead, one on compliance,
// one that breaks its gate, and applied, rejected and withdrawn ones.
import { decideChangeRequest, openChangeRequest, withdrawChangeRequest } from "@/lib/approvals/change-request-service";
import type { Role } from "@/lib/authz/permissions";
import type { UserActor } from "@/lib/testing/actors";
import { ensureRun } from "./demo-approvals";
import { demoWorkflow } from "./demo-workflows";
import { type SeedContext, countCreated, daysFrom, requireModel } from "./seed-context";

type Outcome = { decide: "approve" | "reject"; by: string; comment: string }[] | "withdraw";

interface DemoRequest {
  requester: string;
  model: string;
  workflow: string;
  role: "primary" | "fallback";
  maxCostPerTaskUsd?: number;
  languages: string[];
  fallback?: string;
  validForDays: number;
  /** A run to create first (candidates that have none in demo-approvals.ts). */
  run?: { score: number; daysAgo: number; baseline?: string };
  justification: string;
  then: Outcome;
}

export const DEMO_REQUESTS: readonly DemoRequest[] = [
  {
    requester: "priya.nair@warden.test",
    model: "kimi-k2.5",
    workflow: "agent-planning",
    role: "fallback",
    languages: ["en"],
    validForDays: 180,
    justification: "Kimi K2.5 passes the agent-planning suite at a fraction of Sonnet's price; we want it as the fallback when Anthropic is slow.",
    then: [],
  },
  {
    requester: "engineer@warden.test",
    model: "claude-opus-4.5",
    workflow: "agent-planning",
    role: "primary",
    languages: ["en"],
    validForDays: 180,
    justification: "Opus 4.5 plans multi-step tool use markedly better than Sonnet 4.5 on the planning suite; cost per task stays under the workflow's limit.",
    then: [],
  },
  {
    requester: "engineer@warden.test",
    model: "gpt-5-mini",
    workflow: "support-chat",
    role: "fallback",
    languages: ["en"],
    validForDays: 90,
    justification: "GPT-5 mini would halve the support fallback's cost; the accuracy gap is small and we would like a second opinion.",
    then: [],
  },
  {
    requester: "priya.nair@warden.test",
    model: "claude-haiku-4.5",
    workflow: "json-extraction",
    role: "fallback",
    languages: ["en", "de"],
    validForDays: 180,
    run: { score: 0.6, daysAgo: 4, baseline: "gpt-4.1-mini" },
    justification: "Haiku 4.5 extracts the loan fields as reliably as GPT-4.1 mini and gives us a second provider for this high-risk workflow.",
    then: [{ decide: "approve", by: "lead@warden.test", comment: "Evidence is solid; compliance to co-sign as this workflow is high risk." }],
  },
  {
    requester: "priya.nair@warden.test",
    model: "deepseek-chat",
    workflow: "chinese-doc-analysis",
    role: "fallback",
    languages: ["zh"],
    validForDays: 120,
    justification: "DeepSeek passes the Chinese document suite and is the cheapest fallback for Qwen3 Max.",
    then: [{ decide: "approve", by: "lead@warden.test", comment: "Approved as fallback only; revisit when DeepSeek publishes a dated snapshot." }],
  },
  {
    requester: "engineer@warden.test",
    model: "doubao-seed-2.0-pro",
    workflow: "chinese-doc-analysis",
    role: "primary",
    languages: ["zh"],
    validForDays: 120,
    justification: "Doubao Seed 2.0 Pro scores on par with Qwen3 Max on the Chinese suite.",
    then: [
      {
        decide: "reject",
        by: "sofia.keller@warden.test",
        comment: "Data-processing terms for the Volcengine region are not signed yet; reopen once legal clears them.",
      },
    ],
  },
  {
    requester: "priya.nair@warden.test",
    model: "glm-5",
    workflow: "chinese-doc-analysis",
    role: "fallback",
    languages: ["zh"],
    validForDays: 120,
    justification: "GLM-5 as a second Chinese fallback.",
    then: "withdraw",
  },
];

async function actorFor(ctx: SeedContext, email: string): Promise<UserActor> {
  const user = await ctx.db.prisma.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
  return { kind: "user", userId: user.id, email: user.email, name: user.name, roles: user.roles.map((r) => r.role as Role) };
}

export async function seedChangeRequests(ctx: SeedContext) {
  const prisma = ctx.db.prisma;
  // Requests are opened once: a resumed seed that finds any leaves them as they are.
  if ((await prisma.changeRequest.count()) > 0) return;
  for (const r of DEMO_REQUESTS) {
    const model = requireModel(ctx, r.model);
    if (r.run) await ensureRun(ctx, r.model, r.workflow, r.run.score, daysFrom(ctx.now, -r.run.daysAgo), r.run.baseline);
    const workflowId = ctx.workflowIds.get(r.workflow)!;
    const evidence = await prisma.evaluationRun.findMany({
      where: { modelId: model.id, workflowId },
      orderBy: { createdAt: "desc" },
      take: 1,
      select: { id: true },
    });
    const requester = await actorFor(ctx, r.requester);
    const { request } = await openChangeRequest(prisma, requester, {
      kind: "approval",
      modelId: model.id,
      workflow: r.workflow,
      role: r.role,
      // Without a limit of its own, the request asks for the workflow's maximum.
      maxCostPerTaskUsd: r.maxCostPerTaskUsd ?? demoWorkflow(r.workflow).maxCostPerTaskUsd,
      languages: r.languages,
      fallbackModelId: r.fallback ? requireModel(ctx, r.fallback).id : undefined,
      validUntil: daysFrom(ctx.now, r.validForDays),
      evidence: evidence.map((e) => e.id),
      justification: r.justification,
    });
    countCreated(ctx, "changeRequests");
    if (r.then === "withdraw") {
      await withdrawChangeRequest(prisma, requester, { id: request.id, version: request.version });
      continue;
    }
    let version = request.version;
    for (const step of r.then) {
      version = (await decideChangeRequest(prisma, await actorFor(ctx, step.by), { id: request.id, decision: step.decide, comment: step.comment, version }))
        .version;
    }
  }
}
