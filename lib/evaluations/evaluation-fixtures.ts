import "server-only";
// Test support: a workflow with a quality bar and an evaluation upload for a given model, so tests of
// other subjects (the permission matrix) can exercise the evaluation entry points in one line.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { uploadEvaluation } from "./evaluation-service";

export const FIXTURE_WORKFLOW = "evaluation-fixture";

/** An upload body for `modelId` on the fixture workflow (created on first use). */
export async function evaluationUploadFixture(prisma: PrismaClient, modelId: string) {
  await prisma.workflow.upsert({
    where: { slug: FIXTURE_WORKFLOW },
    create: { slug: FIXTURE_WORKFLOW, name: "Evaluation fixture", riskClass: "minimal", trafficTier: "low", qualityThresholds: { accuracy: { min: 0.8 } } },
    update: {},
  });
  return { modelId, workflow: FIXTURE_WORKFLOW, suite: "fixture-suite", datasetVersion: "1", metrics: { accuracy: 0.9 } };
}

/** The id of an evaluation run of `modelId`, uploading one (as an operator) when there is none. */
export async function evaluationRunFixture(prisma: PrismaClient, modelId: string): Promise<string> {
  const existing = await prisma.evaluationRun.findFirst({ where: { modelId }, select: { id: true } });
  if (existing) return existing.id;
  return (await uploadEvaluation(prisma, { kind: "cli", label: "fixture" }, await evaluationUploadFixture(prisma, modelId), "api")).id;
}
