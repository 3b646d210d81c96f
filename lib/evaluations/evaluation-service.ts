import "server-only";
// Evaluation runs: uploading one (form, JSON file or API), reading them back, and the question the
// lifecycle and change requests ask of them ("has model M passed the gate for workflow W?").
// An upload is checked here, on the server: permission, input, the model, workflow and baseline it names;
// the gate is computed by lib/evaluations/gate.ts and stored with the raw scores and the thresholds used,
// in one transaction with its audit event. A refused or invalid upload writes nothing.
import { recordAudit } from "@/lib/audit/record";
import { type Actor, actorUserId, assertCan } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { asFileError, parseEvaluationFile } from "./evaluation-file";
import {
  type EvaluationFields,
  type EvaluationFilters,
  effectiveThresholds,
  evaluationInputSchema,
  isUuid,
  type ModelRef,
  normaliseEvaluationInput,
  readThresholds,
} from "./evaluation-input";
import { computeGate, type GateResult, type MetricThreshold, readGateResult } from "./gate";

type Tx = Prisma.TransactionClient;
type Db = PrismaClient | Tx;

export const EVALUATION_SOURCES = ["form", "file", "api"] as const;
export type EvaluationSource = (typeof EVALUATION_SOURCES)[number];

// ─── Upload ──────────────────────────────────────────────────────────────────

const modelSelect = { id: true, name: true, snapshotId: true, status: true, provider: { select: { slug: true, name: true } } } as const;

async function resolveModel(tx: Tx, ref: ModelRef) {
  if ("id" in ref) {
    const model = await tx.model.findUnique({ where: { id: ref.id }, select: modelSelect });
    if (!model) throw new DomainError("not_found", "No model with this id in the catalog.", { model: ["No model with this id in the catalog"] });
    return model;
  }
  const model = await tx.model.findFirst({ where: { provider: { slug: ref.provider }, snapshotId: ref.snapshotId }, select: modelSelect });
  if (!model) {
    const message = `No model ${ref.provider}/${ref.snapshotId} in the catalog; register it first`;
    throw new DomainError("not_found", `${message}.`, { model: [message] });
  }
  return model;
}

async function resolveSubject(tx: Tx, fields: EvaluationFields) {
  if (fields.bundleId) {
    const bundle = await tx.bundle.findUnique({
      where: { id: fields.bundleId },
      select: { id: true, workflowId: true, major: true, minor: true, patch: true, model: { select: modelSelect } },
    });
    if (!bundle) throw new DomainError("not_found", "No bundle with this id.", { bundleId: ["No bundle with this id"] });
    return { model: bundle.model, bundle };
  }
  return { model: await resolveModel(tx, fields.modelRef!), bundle: null };
}

async function resolveWorkflow(tx: Tx, ref: string) {
  const select = { id: true, slug: true, name: true, qualityThresholds: true } as const;
  const workflow = isUuid(ref)
    ? await tx.workflow.findUnique({ where: { id: ref.toLowerCase() }, select })
    : await tx.workflow.findUnique({ where: { slug: ref }, select });
  if (!workflow) {
    const message = isUuid(ref) ? "No workflow with this id" : `No workflow "${ref}"`;
    throw new DomainError("not_found", `${message}.`, { workflow: [message] });
  }
  return workflow;
}

/** Keeps the finite numbers of a stored metrics column (it is JSON; trust nothing). */
export function numericMetrics(json: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof json !== "object" || json === null || Array.isArray(json)) return out;
  for (const [key, value] of Object.entries(json)) if (typeof value === "number" && Number.isFinite(value)) out[key] = value;
  return out;
}

/** A workflow's qualityThresholds column as thresholds; a malformed one is refused, not half-read. */
export function workflowQualityBar(workflow: { name: string; qualityThresholds: unknown }): Record<string, MetricThreshold> {
  const { thresholds, problems } = readThresholds(workflow.qualityThresholds ?? undefined);
  if (problems.length) {
    throw new DomainError(
      "rule_violation",
      `The quality thresholds of ${workflow.name} are malformed (${problems[0]}); ask its owner to fix them.`,
      { thresholds: problems },
      "workflow_thresholds_invalid",
    );
  }
  return thresholds;
}

/**
 * Stores an evaluation run with its gate. `input` is the upload shape of evaluation-input.ts (form strings
 * or JSON). Needs evaluation:upload (engineer; API keys scoped catalog:write).
 */
export async function uploadEvaluation(prisma: PrismaClient, actor: Actor | null, input: unknown, source: EvaluationSource) {
  assertCan(actor, "evaluation:upload");
  const fields = parseInput(evaluationInputSchema, normaliseEvaluationInput(input));
  const id = await prisma.$transaction(async (tx) => {
    const { model, bundle } = await resolveSubject(tx, fields);
    if (model.status === "retired") {
      throw new DomainError(
        "rule_violation",
        `${model.name} is retired; a retired model is not evaluated again.`,
        { model: [`${model.name} is retired`] },
        "no_evaluation_of_retired_model",
      );
    }
    const workflow = await resolveWorkflow(tx, fields.workflow);
    if (bundle && bundle.workflowId !== workflow.id) {
      throw new DomainError("validation", `This bundle belongs to another workflow, not ${workflow.name}.`, {
        bundleId: [`This bundle is not a bundle of ${workflow.name}`],
      });
    }
    let baselineMetrics: Record<string, number> | null = null;
    if (fields.baselineRunId) {
      const baseline = await tx.evaluationRun.findUnique({ where: { id: fields.baselineRunId }, select: { workflowId: true, metrics: true } });
      if (!baseline)
        throw new DomainError("not_found", "No evaluation run with this id to use as baseline.", { baselineRunId: ["No evaluation run with this id"] });
      if (baseline.workflowId !== workflow.id) {
        const message = `The baseline must be a run on ${workflow.name}; this one is on another workflow`;
        throw new DomainError("validation", `${message}.`, { baselineRunId: [message] });
      }
      baselineMetrics = numericMetrics(baseline.metrics);
    }
    const { thresholds, overridden, added } = effectiveThresholds(workflowQualityBar(workflow), fields.thresholds);
    if (Object.keys(thresholds).length === 0) {
      const message = `${workflow.name} has no quality thresholds yet; give thresholds for at least one metric`;
      throw new DomainError("validation", `${message}.`, { thresholds: [message] });
    }
    const gate = computeGate(fields.metrics, thresholds, baselineMetrics);
    const run = await tx.evaluationRun.create({
      data: {
        modelId: model.id,
        bundleId: bundle?.id ?? null,
        workflowId: workflow.id,
        suite: fields.suite,
        datasetVersion: fields.datasetVersion,
        baselineRunId: fields.baselineRunId ?? null,
        metrics: fields.metrics,
        thresholds: thresholds as Prisma.InputJsonValue,
        gateResult: gate as unknown as Prisma.InputJsonValue,
        gatePassed: gate.passed,
        createdById: actorUserId(actor),
        source,
      },
    });
    await recordAudit(tx, actor, {
      action: "evaluation.upload",
      targetType: "model",
      targetId: model.id,
      after: {
        evaluationRunId: run.id,
        model: `${model.provider.slug}/${model.snapshotId}`,
        ...(bundle ? { bundleId: bundle.id, bundleVersion: `${bundle.major}.${bundle.minor}.${bundle.patch}` } : {}),
        workflow: workflow.slug,
        suite: run.suite,
        datasetVersion: run.datasetVersion,
        baselineRunId: run.baselineRunId,
        source,
        gatePassed: gate.passed,
        failingMetrics: gate.failing,
        ...(overridden.length ? { thresholdsOverridden: overridden } : {}),
        ...(added.length ? { thresholdsAdded: added } : {}),
      },
    });
    return run.id;
  });
  return findView(prisma, id);
}

/** A JSON file from the form: same rules, every problem reported against the file. */
export async function uploadEvaluationFile(prisma: PrismaClient, actor: Actor | null, file: { name: string; bytes: Uint8Array; size?: number }) {
  assertCan(actor, "evaluation:upload");
  const input = parseEvaluationFile(file.bytes, file.name, file.size);
  try {
    return await uploadEvaluation(prisma, actor, input, "file");
  } catch (error) {
    if (error instanceof DomainError) throw asFileError(error, file.name.trim() || "the file");
    throw error;
  }
}

// ─── Reading ─────────────────────────────────────────────────────────────────

const runInclude = {
  model: { select: modelSelect },
  bundle: { select: { id: true, major: true, minor: true, patch: true } },
  workflow: { select: { id: true, slug: true, name: true } },
  createdBy: { select: { id: true, name: true, email: true } },
  baselineRun: {
    select: {
      id: true,
      suite: true,
      datasetVersion: true,
      createdAt: true,
      gatePassed: true,
      metrics: true,
      model: { select: { id: true, name: true, snapshotId: true } },
    },
  },
} as const;

type RunRow = Prisma.EvaluationRunGetPayload<{ include: typeof runInclude }>;

export interface EvaluationView {
  id: string;
  model: { id: string; name: string; snapshotId: string; status: string; provider: { slug: string; name: string } } | null;
  bundle: { id: string; version: string } | null;
  workflow: { id: string; slug: string; name: string };
  suite: string;
  datasetVersion: string;
  baseline: {
    id: string;
    suite: string;
    datasetVersion: string;
    createdAt: string;
    gatePassed: boolean;
    model: { id: string; name: string; snapshotId: string } | null;
  } | null;
  /** Raw scores as uploaded. */
  metrics: Record<string, number>;
  /** The thresholds the gate used (the workflow's bar with any explicit overrides). */
  thresholds: Record<string, MetricThreshold>;
  gateResult: GateResult;
  gatePassed: boolean;
  source: string;
  createdBy: { id: string; name: string; email: string } | null;
  createdAt: string;
}

function toView(run: RunRow): EvaluationView {
  const metrics = numericMetrics(run.metrics);
  const thresholds = readThresholds(run.thresholds).thresholds;
  const baselineMetrics = run.baselineRun ? numericMetrics(run.baselineRun.metrics) : null;
  const gateResult = readGateResult(run.gateResult, { metrics, thresholds, baseline: baselineMetrics }) ?? computeGate(metrics, thresholds, baselineMetrics);
  return {
    id: run.id,
    model: run.model,
    bundle: run.bundle ? { id: run.bundle.id, version: `${run.bundle.major}.${run.bundle.minor}.${run.bundle.patch}` } : null,
    workflow: run.workflow,
    suite: run.suite,
    datasetVersion: run.datasetVersion,
    baseline: run.baselineRun
      ? {
          id: run.baselineRun.id,
          suite: run.baselineRun.suite,
          datasetVersion: run.baselineRun.datasetVersion,
          createdAt: run.baselineRun.createdAt.toISOString(),
          gatePassed: run.baselineRun.gatePassed,
          model: run.baselineRun.model,
        }
      : null,
    metrics,
    thresholds,
    // The verdict stored at upload stands; gatePassed is the column the rules query.
    gateResult: { ...gateResult, passed: run.gatePassed },
    gatePassed: run.gatePassed,
    source: run.source,
    createdBy: run.createdBy,
    createdAt: run.createdAt.toISOString(),
  };
}

async function findView(prisma: Db, id: string): Promise<EvaluationView> {
  const run = await prisma.evaluationRun.findUnique({ where: { id }, include: runInclude });
  if (!run) throw new DomainError("not_found", "No such evaluation run.");
  return toView(run);
}

export async function getEvaluation(prisma: PrismaClient, actor: Actor | null, id: string): Promise<EvaluationView> {
  assertCan(actor, "catalog:read");
  if (!isUuid(id)) throw new DomainError("not_found", "No such evaluation run.");
  return findView(prisma, id.toLowerCase());
}

function listWhere(filters: EvaluationFilters): Prisma.EvaluationRunWhereInput {
  const where: Prisma.EvaluationRunWhereInput = {};
  const model = filters.model?.trim();
  if (model) {
    if (isUuid(model)) where.modelId = model.toLowerCase();
    else if (model.includes("/")) {
      const slash = model.indexOf("/");
      where.model = { provider: { slug: model.slice(0, slash).toLowerCase() }, snapshotId: model.slice(slash + 1) };
    } else {
      where.model = { OR: [{ snapshotId: { contains: model, mode: "insensitive" } }, { name: { contains: model, mode: "insensitive" } }] };
    }
  }
  const workflow = filters.workflow?.trim();
  if (workflow) where.workflow = isUuid(workflow) ? { id: workflow.toLowerCase() } : { slug: workflow };
  if (filters.passed !== undefined) where.gatePassed = filters.passed;
  return where;
}

export interface EvaluationListItem {
  id: string;
  model: EvaluationView["model"];
  bundle: EvaluationView["bundle"];
  workflow: EvaluationView["workflow"];
  suite: string;
  datasetVersion: string;
  baselineRunId: string | null;
  gatePassed: boolean;
  failing: string[];
  source: string;
  createdBy: { id: string; name: string } | null;
  createdAt: string;
}

export async function listEvaluations(prisma: PrismaClient, actor: Actor | null, filters: EvaluationFilters) {
  assertCan(actor, "catalog:read");
  const where = listWhere(filters);
  const [total, rows] = await Promise.all([
    prisma.evaluationRun.count({ where }),
    prisma.evaluationRun.findMany({
      where,
      include: runInclude,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    }),
  ]);
  const items: EvaluationListItem[] = rows.map((run) => {
    const view = toView(run);
    return {
      id: view.id,
      model: view.model,
      bundle: view.bundle,
      workflow: view.workflow,
      suite: view.suite,
      datasetVersion: view.datasetVersion,
      baselineRunId: run.baselineRunId,
      gatePassed: view.gatePassed,
      failing: view.gateResult.failing,
      source: view.source,
      createdBy: view.createdBy ? { id: view.createdBy.id, name: view.createdBy.name } : null,
      createdAt: view.createdAt,
    };
  });
  return { total, page: filters.page, pageSize: filters.pageSize, items };
}

/** Choices of the upload form: curated models, workflows with their bar, recent runs to compare against. */
export async function evaluationFormOptions(prisma: PrismaClient, actor: Actor | null) {
  assertCan(actor, "catalog:read");
  const [models, workflows, runs] = await Promise.all([
    // The team's models (registered by hand or already out of testing), not the whole public catalog.
    prisma.model.findMany({
      where: {
        status: { in: ["testing", "approved", "fallback_only"] },
        OR: [{ status: { not: "testing" } }, { sources: { has: "manual" } }, { evaluationRuns: { some: {} } }],
      },
      orderBy: [{ name: "asc" }, { snapshotId: "asc" }],
      select: { id: true, name: true, snapshotId: true, status: true, provider: { select: { slug: true } } },
      take: 500,
    }),
    prisma.workflow.findMany({ orderBy: { name: "asc" }, select: { id: true, slug: true, name: true, qualityThresholds: true } }),
    prisma.evaluationRun.findMany({
      orderBy: { createdAt: "desc" },
      take: 300,
      select: {
        id: true,
        suite: true,
        datasetVersion: true,
        gatePassed: true,
        createdAt: true,
        workflow: { select: { slug: true } },
        model: { select: { name: true, snapshotId: true } },
      },
    }),
  ]);
  return {
    models: models.map((m) => ({ id: m.id, label: `${m.name} (${m.provider.slug}/${m.snapshotId}, ${m.status.replace("_", " ")})` })),
    workflows: workflows.map((w) => ({
      id: w.id,
      slug: w.slug,
      name: w.name,
      thresholds: effectiveThresholds(readThresholds(w.qualityThresholds ?? undefined).thresholds, {}).thresholds,
    })),
    baselines: runs.map((r) => ({
      id: r.id,
      workflow: r.workflow.slug,
      label: `${r.model?.name ?? "bundle"} · ${r.suite} ${r.datasetVersion} · ${r.createdAt.toISOString().slice(0, 10)} · ${r.gatePassed ? "passed" : "failed"}`,
    })),
  };
}

export type EvaluationFormOptions = Awaited<ReturnType<typeof evaluationFormOptions>>;

// ─── For the lifecycle and change requests ───────────────────────────────────

/**
 * Runs of `modelId` on `workflowId` whose gate passed, newest first (optionally only those created at or
 * after `since`, e.g. a deprecation plan's date). No permission check: for services that already checked
 * theirs; works inside their transaction.
 */
export async function passedGateRuns(db: Db, modelId: string, workflowId: string, since?: Date) {
  return db.evaluationRun.findMany({
    where: { modelId, workflowId, gatePassed: true, ...(since ? { createdAt: { gte: since } } : {}) },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, suite: true, datasetVersion: true, bundleId: true },
  });
}

/** Whether model M has an evaluation run on workflow W whose gate passed (since a date, if given). */
export async function hasPassedGate(db: Db, modelId: string, workflowId: string, since?: Date): Promise<boolean> {
  const run = await db.evaluationRun.findFirst({
    where: { modelId, workflowId, gatePassed: true, ...(since ? { createdAt: { gte: since } } : {}) },
    select: { id: true },
  });
  return run !== null;
}
