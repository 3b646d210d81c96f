// A small governance world for service tests: people in every role, two workflows (one high risk), a
// candidate in testing with a passing and a failing evaluation, and an approved incumbent.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type UserActor, actorPerRole, createActor, ensureProvider } from "./actors";

let counter = 0;

export async function governanceWorld(prisma: PrismaClient) {
  const n = ++counter;
  const actors = await actorPerRole(prisma);
  const leadAndCompliance = await createActor(prisma, ["ml_lead", "compliance"]);
  const secondCompliance = await createActor(prisma, ["compliance"]);
  const engineerLead = await createActor(prisma, ["engineer", "ml_lead"]);
  const provider = await ensureProvider(prisma, "anthropic", "Anthropic");
  const chat = await prisma.workflow.create({
    data: {
      slug: `support-chat-${n}`,
      name: `Support chat ${n}`,
      riskClass: "limited",
      trafficTier: "high",
      languages: ["en"],
      minContextWindow: 32_000,
      maxCostPerTaskUsd: 0.05,
    },
  });
  const loans = await prisma.workflow.create({
    data: {
      slug: `loan-extraction-${n}`,
      name: `Loan extraction ${n}`,
      riskClass: "high",
      trafficTier: "low",
      languages: ["en"],
      minContextWindow: 32_000,
      maxCostPerTaskUsd: 0.05,
    },
  });
  const card = { intendedUse: "Customer support answers.", limitations: "No legal advice." };
  const candidate = await prisma.model.create({
    data: {
      providerId: provider.id,
      snapshotId: `claude-candidate-${n}-20250929`,
      name: `Candidate ${n}`,
      status: "testing",
      pinning: "strict",
      contextWindow: 200_000,
      languages: ["en", "de"],
      ...card,
    },
  });
  const incumbent = await prisma.model.create({
    data: {
      providerId: provider.id,
      snapshotId: `claude-incumbent-${n}-20240620`,
      name: `Incumbent ${n}`,
      status: "approved",
      pinning: "strict",
      contextWindow: 200_000,
      languages: ["en"],
      ...card,
    },
  });
  const run = (modelId: string, workflowId: string, gatePassed: boolean, accuracy: number) =>
    prisma.evaluationRun.create({
      data: {
        modelId,
        workflowId,
        suite: "support-v3",
        datasetVersion: "2026-10",
        metrics: { accuracy, cost_per_task_usd: 0.01 },
        thresholds: { accuracy: { min: 0.85 } },
        gateResult: { accuracy: { passed: gatePassed } },
        gatePassed,
      },
    });
  const passChat = await run(candidate.id, chat.id, true, 0.91);
  const failChat = await run(candidate.id, chat.id, false, 0.8);
  const passLoans = await run(candidate.id, loans.id, true, 0.93);
  const incumbentRun = await run(incumbent.id, chat.id, true, 0.88);
  await prisma.approval.create({
    data: { modelId: incumbent.id, workflowId: chat.id, role: "primary", languages: ["en"], evidence: { create: [{ evaluationRunId: incumbentRun.id }] } },
  });
  return {
    actors,
    leadAndCompliance,
    secondCompliance,
    engineerLead,
    chat,
    loans,
    candidate,
    incumbent,
    runs: { passChat, failChat, passLoans, incumbentRun },
  };
}

export type GovernanceWorld = Awaited<ReturnType<typeof governanceWorld>>;

export function approvalRequest(world: GovernanceWorld, overrides: Record<string, unknown> = {}) {
  return {
    kind: "approval",
    modelId: world.candidate.id,
    workflow: world.chat.slug,
    role: "fallback",
    maxCostPerTaskUsd: 0.03,
    languages: "en",
    evidence: [world.runs.passChat.id],
    justification: "Cheaper and better on the support suite.",
    ...overrides,
  };
}

export type { UserActor };
