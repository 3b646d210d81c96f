import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { ROLES, type Role } from "@/lib/authz/permissions";
import { registerModel } from "@/lib/catalog/model-service";
import type { Database } from "@/lib/db/connection";
import { type UserActor, actorPerRole, ensureProvider } from "@/lib/testing/actors";
import { failure } from "@/lib/testing/expect-failure";
import { openTestDatabase } from "@/lib/testing/test-database";
import { evaluationFiltersSchema } from "./evaluation-input";
import { getEvaluation, hasPassedGate, listEvaluations, passedGateRuns, uploadEvaluation, uploadEvaluationFile } from "./evaluation-service";
import { NO_BASELINE_RUN } from "./gate";

let db: Database;
let actors: Record<Role, UserActor>;
let sonnet: { id: string };
let haiku: { id: string };
let retired: { id: string };
let supportChat: { id: string };
let ragAnswers: { id: string };
let bare: { id: string };

const SUPPORT_BAR = {
  answer_accuracy: { min: 0.85, maxRegression: 0.02 },
  toxicity: { max: 0.01 },
  p95_latency_ms: { max: 8000 },
};

const upload = {
  model: "anthropic/claude-sonnet-4-5-20250929",
  workflow: "support-chat",
  suite: "support-chat-suite",
  datasetVersion: "2026.01",
  metrics: { answer_accuracy: 0.9, toxicity: 0.004, p95_latency_ms: 5200, bleu: 0.31 },
};

async function counts() {
  return { runs: await db.prisma.evaluationRun.count(), audit: await db.prisma.auditEvent.count() };
}

const filters = (input: Record<string, unknown> = {}) => evaluationFiltersSchema.parse(input);
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === "string" ? value : JSON.stringify(value));

beforeAll(async () => {
  db = await openTestDatabase();
  await ensureProvider(db.prisma, "anthropic", "Anthropic");
  actors = await actorPerRole(db.prisma);
  sonnet = await registerModel(db.prisma, actors.engineer, { providerSlug: "anthropic", snapshotId: "claude-sonnet-4-5-20250929", name: "Claude Sonnet 4.5" });
  haiku = await registerModel(db.prisma, actors.engineer, { providerSlug: "anthropic", snapshotId: "claude-haiku-4-5-20251001", name: "Claude Haiku 4.5" });
  retired = await registerModel(db.prisma, actors.engineer, { providerSlug: "anthropic", snapshotId: "claude-2.1", name: "Claude 2.1" });
  await db.prisma.model.update({ where: { id: retired.id }, data: { status: "retired" } });
  supportChat = await db.prisma.workflow.create({
    data: { slug: "support-chat", name: "Support chat", riskClass: "limited", trafficTier: "high", qualityThresholds: SUPPORT_BAR },
  });
  ragAnswers = await db.prisma.workflow.create({
    data: { slug: "rag-answers", name: "RAG answers", riskClass: "minimal", trafficTier: "low", qualityThresholds: { faithfulness: { min: 0.9 } } },
  });
  bare = await db.prisma.workflow.create({ data: { slug: "bare", name: "Bare workflow", riskClass: "minimal", trafficTier: "low" } });
});
afterAll(() => db.close());

describe("uploading an evaluation run", () => {
  it("stores the raw scores, the workflow's thresholds, the gate metric by metric, and one audit event on the model", async () => {
    const before = await counts();
    const run = await uploadEvaluation(db.prisma, actors.engineer, upload, "form");
    expect(run).toMatchObject({
      model: { id: sonnet.id, snapshotId: "claude-sonnet-4-5-20250929", provider: { slug: "anthropic" } },
      workflow: { id: supportChat.id, slug: "support-chat" },
      suite: "support-chat-suite",
      datasetVersion: "2026.01",
      metrics: upload.metrics,
      thresholds: SUPPORT_BAR,
      gatePassed: true,
      source: "form",
      createdBy: { id: actors.engineer.userId },
      baseline: null,
    });
    expect(run.gateResult).toMatchObject({ passed: true, failing: [], ungated: ["bleu"] });
    expect(run.gateResult.metrics.map((m) => [m.metric, m.value, m.passed])).toEqual([
      ["answer_accuracy", 0.9, true],
      ["p95_latency_ms", 5200, true],
      ["toxicity", 0.004, true],
    ]);
    expect(run.gateResult.metrics[0].reasons).toEqual([NO_BASELINE_RUN]);

    const stored = await db.prisma.evaluationRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(stored).toMatchObject({
      modelId: sonnet.id,
      workflowId: supportChat.id,
      gatePassed: true,
      source: "form",
      createdById: actors.engineer.userId,
      metrics: upload.metrics,
    });
    expect(stored.gateResult).toEqual(run.gateResult);

    expect(await counts()).toEqual({ runs: before.runs + 1, audit: before.audit + 1 });
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "evaluation.upload" }, orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ targetType: "model", targetId: sonnet.id, actorLabel: actors.engineer.email });
    expect(event.after).toEqual({
      evaluationRunId: run.id,
      model: "anthropic/claude-sonnet-4-5-20250929",
      workflow: "support-chat",
      suite: "support-chat-suite",
      datasetVersion: "2026.01",
      baselineRunId: null,
      source: "form",
      gatePassed: true,
      failingMetrics: [],
    });
  });

  it("takes form strings: a model picked by id, metric and threshold lines", async () => {
    const run = await uploadEvaluation(
      db.prisma,
      actors.engineer,
      {
        modelId: haiku.id,
        model: "",
        workflow: "support-chat",
        suite: "support-chat-suite",
        datasetVersion: "2026.01",
        baselineRunId: "",
        metrics: "answer_accuracy = 0.84\ntoxicity = 0.002\np95_latency_ms = 3100\n",
        thresholds: "toxicity = max 0.001\n",
      },
      "form",
    );
    expect(run.model?.id).toBe(haiku.id);
    expect(run.thresholds.toxicity).toEqual({ max: 0.001 });
    expect(run.gatePassed).toBe(false);
    expect(run.gateResult.failing).toEqual(["answer_accuracy", "toxicity"]);
    expect(run.gateResult.metrics[0].reasons).toContain("answer_accuracy 0.84 is below the minimum 0.85");
    const event = await db.prisma.auditEvent.findFirstOrThrow({ where: { action: "evaluation.upload", targetId: haiku.id } });
    expect(event.after).toMatchObject({ gatePassed: false, failingMetrics: ["answer_accuracy", "toxicity"], thresholdsOverridden: ["toxicity"] });
  });

  it("compares against the baseline run's metrics", async () => {
    const baseline = await uploadEvaluation(
      db.prisma,
      actors.engineer,
      { ...upload, metrics: { answer_accuracy: 0.93, toxicity: 0.003, p95_latency_ms: 5000 } },
      "api",
    );
    const run = await uploadEvaluation(
      db.prisma,
      actors.engineer,
      { ...upload, model: haiku.id, baselineRunId: baseline.id, metrics: { answer_accuracy: 0.9, toxicity: 0.003, p95_latency_ms: 4000 } },
      "api",
    );
    expect(run.baseline).toMatchObject({ id: baseline.id, model: { id: sonnet.id } });
    expect(run.gatePassed).toBe(false);
    expect(run.gateResult.metrics[0]).toMatchObject({
      metric: "answer_accuracy",
      value: 0.9,
      baseline: 0.93,
      delta: -0.03,
      passed: false,
      reasons: ["answer_accuracy regressed by 0.03 against the baseline, more than the 0.02 allowed"],
    });
    expect(run.gateResult.metrics[1]).toMatchObject({ metric: "p95_latency_ms", baseline: 5000, delta: -1000, passed: true });
  });

  it("refuses a baseline on another workflow, an unknown baseline, model or workflow, and writes nothing", async () => {
    const rag = await uploadEvaluation(db.prisma, actors.engineer, { ...upload, workflow: "rag-answers", metrics: { faithfulness: 0.95 } }, "api");
    const before = await counts();
    const otherWorkflow = await failure(uploadEvaluation(db.prisma, actors.engineer, { ...upload, baselineRunId: rag.id }, "api"));
    expect(otherWorkflow).toMatchObject({
      code: "validation",
      fieldErrors: { baselineRunId: ["The baseline must be a run on Support chat; this one is on another workflow"] },
    });
    const missingBaseline = await failure(
      uploadEvaluation(db.prisma, actors.engineer, { ...upload, baselineRunId: "00000000-0000-4000-8000-000000000000" }, "api"),
    );
    expect(missingBaseline.code).toBe("not_found");
    const unknownModel = await failure(uploadEvaluation(db.prisma, actors.engineer, { ...upload, model: "anthropic/claude-9" }, "api"));
    expect(unknownModel).toMatchObject({ code: "not_found", fieldErrors: { model: ["No model anthropic/claude-9 in the catalog; register it first"] } });
    const unknownProvider = await failure(uploadEvaluation(db.prisma, actors.engineer, { ...upload, model: "nobody/claude-sonnet-4-5-20250929" }, "api"));
    expect(unknownProvider.code).toBe("not_found");
    const unknownWorkflow = await failure(uploadEvaluation(db.prisma, actors.engineer, { ...upload, workflow: "no-such-flow" }, "api"));
    expect(unknownWorkflow).toMatchObject({ code: "not_found", fieldErrors: { workflow: ['No workflow "no-such-flow"'] } });
    const retiredModel = await failure(uploadEvaluation(db.prisma, actors.engineer, { ...upload, model: retired.id }, "api"));
    expect(retiredModel).toMatchObject({ code: "rule_violation", rule: "no_evaluation_of_retired_model" });
    expect(await counts()).toEqual(before);
  });

  it("refuses invalid input field by field and writes nothing", async () => {
    const before = await counts();
    const invalid = await failure(
      uploadEvaluation(
        db.prisma,
        actors.engineer,
        {
          model: "sonnet",
          workflow: "support-chat",
          suite: "",
          datasetVersion: "v1",
          metrics: { answer_accuracy: "high" },
          thresholds: { toxicity: { maximum: 1 } },
        },
        "api",
      ),
    );
    expect(invalid.code).toBe("validation");
    expect(Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(["metrics", "model", "suite", "thresholds"]);
    const noThresholds = await failure(uploadEvaluation(db.prisma, actors.engineer, { ...upload, workflow: "bare" }, "api"));
    expect(noThresholds.fieldErrors?.thresholds?.[0]).toMatch(/Bare workflow has no quality thresholds yet/);
    expect(await counts()).toEqual(before);
    // With its own thresholds a run on that workflow is accepted.
    const own = await uploadEvaluation(db.prisma, actors.engineer, { ...upload, workflow: bare.id, thresholds: { answer_accuracy: { min: 0.5 } } }, "api");
    expect(own).toMatchObject({ workflow: { slug: "bare" }, gatePassed: true, thresholds: { answer_accuracy: { min: 0.5 } } });
  });

  it("is for engineers and catalog:write keys only; a refusal writes nothing", async () => {
    const before = await counts();
    for (const role of ROLES.filter((r) => r !== "engineer")) {
      expect((await failure(uploadEvaluation(db.prisma, actors[role], upload, "form"))).code, role).toBe("forbidden");
    }
    const key = (scopes: ("read" | "ingest:write" | "catalog:write")[]): Actor => ({ kind: "api_key", apiKeyId: "k", name: "ci", scopes });
    expect((await failure(uploadEvaluation(db.prisma, key(["read", "ingest:write"]), upload, "api"))).code).toBe("forbidden");
    expect((await failure(uploadEvaluation(db.prisma, null, upload, "api"))).code).toBe("unauthenticated");
    // Refused before the input is even read: a forbidden caller learns nothing about its body.
    expect((await failure(uploadEvaluation(db.prisma, actors.viewer, { nonsense: true }, "api"))).code).toBe("forbidden");
    expect(await counts()).toEqual(before);
    const byKey = await uploadEvaluation(db.prisma, key(["catalog:write"]), upload, "api");
    expect(byKey).toMatchObject({ source: "api", createdBy: null });
    const event = await db.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(event).toMatchObject({ action: "evaluation.upload", actorLabel: "api-key:ci", actorId: null });
  });

  it("evaluates a bundle as its model on its own workflow", async () => {
    const bundle = await db.prisma.bundle.create({
      data: { workflowId: supportChat.id, modelId: sonnet.id, major: 1, minor: 0, patch: 0, promptHash: "p", configHash: "c", config: {} },
    });
    const run = await uploadEvaluation(db.prisma, actors.engineer, { ...upload, model: undefined, bundleId: bundle.id }, "api");
    expect(run).toMatchObject({ model: { id: sonnet.id }, bundle: { id: bundle.id, version: "1.0.0" } });
    const before = await counts();
    const wrongWorkflow = await failure(
      uploadEvaluation(db.prisma, actors.engineer, { ...upload, model: undefined, bundleId: bundle.id, workflow: "rag-answers" }, "api"),
    );
    expect(wrongWorkflow.fieldErrors?.bundleId?.[0]).toMatch(/not a bundle of RAG answers/);
    expect(await counts()).toEqual(before);
  });
});

describe("uploading a JSON file", () => {
  it("stores a valid file as source file", async () => {
    const run = await uploadEvaluationFile(db.prisma, actors.engineer, { name: "run.json", bytes: bytes(upload) });
    expect(run).toMatchObject({ source: "file", gatePassed: true });
  });

  it("refuses a malformed or invalid file with the problem named against the file, and writes nothing", async () => {
    const before = await counts();
    const broken = await failure(uploadEvaluationFile(db.prisma, actors.engineer, { name: "run.json", bytes: bytes('{"model": "anthropic/x", "metrics": {') }));
    expect(broken).toMatchObject({
      code: "validation",
      fieldErrors: { file: [expect.stringMatching(/^run\.json: is not valid JSON: unexpected end of input.* \(line 1, column 38\)$/)] },
    });
    const invalid = await failure(
      uploadEvaluationFile(db.prisma, actors.engineer, { name: "run.json", bytes: bytes({ ...upload, metrics: { answer_accuracy: "0.9" } }) }),
    );
    expect(invalid).toMatchObject({ code: "validation", message: 'run.json: metrics: answer_accuracy must be a finite number, got "0.9"' });
    const unknown = await failure(uploadEvaluationFile(db.prisma, actors.engineer, { name: "run.json", bytes: bytes({ ...upload, workflow: "nope" }) }));
    expect(unknown).toMatchObject({ code: "not_found", fieldErrors: { file: ['workflow: No workflow "nope"'] } });
    const forbidden = await failure(uploadEvaluationFile(db.prisma, actors.ml_lead, { name: "run.json", bytes: bytes("not json") }));
    expect(forbidden.code).toBe("forbidden");
    expect(await counts()).toEqual(before);
  });
});

describe("reading evaluation runs", () => {
  it("lists them newest first with filters on model, workflow and gate, for every role", async () => {
    const all = await listEvaluations(db.prisma, actors.viewer, filters());
    expect(all.total).toBeGreaterThanOrEqual(8);
    const times = all.items.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);

    const rag = await listEvaluations(db.prisma, actors.product_owner, filters({ workflow: "rag-answers" }));
    expect(rag.items.every((i) => i.workflow.slug === "rag-answers")).toBe(true);
    expect(rag.total).toBe(1);
    expect((await listEvaluations(db.prisma, actors.admin, filters({ workflow: ragAnswers.id }))).total).toBe(1);

    const failed = await listEvaluations(db.prisma, actors.compliance, filters({ passed: "failed" }));
    expect(failed.total).toBeGreaterThan(0);
    expect(failed.items.every((i) => !i.gatePassed && i.failing.length > 0)).toBe(true);

    const haikuRuns = await listEvaluations(db.prisma, actors.ml_lead, filters({ model: "anthropic/claude-haiku-4-5-20251001" }));
    expect(haikuRuns.total).toBe(2);
    expect((await listEvaluations(db.prisma, actors.ml_lead, filters({ model: haiku.id }))).total).toBe(2);
    expect((await listEvaluations(db.prisma, actors.ml_lead, filters({ model: "HAIKU" }))).total).toBe(2);

    const paged = await listEvaluations(db.prisma, actors.viewer, filters({ pageSize: "25", page: "2" }));
    expect(paged).toMatchObject({ page: 2, pageSize: 25, items: [] });
  });

  it("reads one run, and says not found for an unknown id", async () => {
    const [first] = (await listEvaluations(db.prisma, actors.viewer, filters({ workflow: "rag-answers" }))).items;
    const run = await getEvaluation(db.prisma, actors.viewer, first.id);
    expect(run).toMatchObject({ id: first.id, metrics: { faithfulness: 0.95 }, gatePassed: true });
    expect((await failure(getEvaluation(db.prisma, actors.viewer, "00000000-0000-4000-8000-000000000000"))).code).toBe("not_found");
    expect((await failure(getEvaluation(db.prisma, actors.viewer, "not-an-id"))).code).toBe("not_found");
    expect((await failure(getEvaluation(db.prisma, null, first.id))).code).toBe("unauthenticated");
    expect((await failure(listEvaluations(db.prisma, { kind: "api_key", apiKeyId: "k", name: "k", scopes: ["ingest:write"] }, filters()))).code).toBe(
      "forbidden",
    );
  });

  it("tells the lifecycle whether a model passed the gate for a workflow", async () => {
    expect(await hasPassedGate(db.prisma, sonnet.id, supportChat.id)).toBe(true);
    expect(await hasPassedGate(db.prisma, haiku.id, supportChat.id)).toBe(false);
    expect(await hasPassedGate(db.prisma, sonnet.id, supportChat.id, new Date(Date.now() + 60_000))).toBe(false);
    const runs = await passedGateRuns(db.prisma, sonnet.id, supportChat.id);
    expect(runs.length).toBeGreaterThan(1);
    expect(runs[0].createdAt.getTime()).toBeGreaterThanOrEqual(runs[1].createdAt.getTime());
  });
});
