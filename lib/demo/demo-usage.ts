import "server-only";
// 90 days of model calls ending at `now`, shaped by the real Azure LLM inference traces:
//  - arrivals walk the trace's inter-arrival gaps (its burstiness) with time stretched so the mean rate
//    follows the workflow's daily volume × hour-of-day curve × weekday factor × a slow growth trend;
//  - each call's (input, output) tokens are a trace row drawn at random (code trace for the coding
//    assistant, conversation trace for the rest), inputs scaled for workflows with longer prompts;
//  - the serving model is mostly the workflow's primary, a few % approved fallbacks (is_fallback, the
//    requested model stays the primary as in gateway logs), a burning-down share on the deprecated GPT-4o
//    and a trickle to Qwen3 Max in support chat, for which it is not approved (findings later);
//  - latency from tokens and the model's speed with lognormal noise, 1–3 % errors, retries, regions,
//    hashed users, quality scores and feedback on a subset, cost from the model's catalog price.
// Seeded PRNG per workflow: the same `now` and scale give the same events, with ids demo-<n>.
import { createHash } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import { insertUsageBatch } from "@/lib/ingestion/usage-bulk-insert";
import { PREFILL_MS_PER_TOKEN } from "./demo-approvals";
import { bundleLabel, DEMO_BUNDLES } from "./demo-governance";
import { demoModel } from "./demo-models";
import { loadTrace, type Trace } from "./demo-traces";
import { demoWorkflow } from "./demo-workflows";
import { createRng, type Rng } from "./prng";
import { countCreated, DAY_MS, demoId, requireId, requireModel, type SeedContext, writeAudited } from "./seed-context";

export const USAGE_DAYS = 90;
export const INSERT_CHUNK = 10_000;

export interface DemoRoute {
  model: string;
  /** Share of the workflow's calls: constant, or linear from [start, end] of the 90 days. */
  share: number | [number, number];
  fallback?: boolean;
  /** The primary was requested but this model answered, undeclared (a provider-side swap): a finding. */
  substituted?: boolean;
}

export interface DemoTraffic {
  workflow: string;
  /** Mean calls per day at full scale. */
  perDay: number;
  curve: keyof typeof HOUR_CURVES;
  /** Local time of the users, for the daily curve and weekends. */
  utcOffsetHours: number;
  weekendFactor: number;
  regions: readonly (readonly [string, number])[];
  /** Distinct (hashed) users; a few heavy users make most calls. */
  users: number;
  feedbackRate: number;
  /** Takes whatever share the other routes leave. */
  primary: string;
  routes: readonly DemoRoute[];
  /** A change in the recent past, for the drift charts. */
  drift?: { model: string; lastDays: number; outputScale: number; qualityShift: number };
}

const HOUR_CURVES = {
  business: [0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.45, 0.9, 1.4, 1.7, 1.8, 1.7, 1.4, 1.6, 1.7, 1.6, 1.4, 1.1, 0.8, 0.6, 0.45, 0.35, 0.25, 0.2],
  nightly: [2.6, 3, 3, 2.8, 2.2, 1.4, 0.6, 0.35, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.35, 0.4, 0.5, 0.7, 1.2, 2],
} as const;

export const DEMO_TRAFFIC: readonly DemoTraffic[] = [
  {
    workflow: "support-chat",
    perDay: 900,
    curve: "business",
    utcOffsetHours: 1,
    weekendFactor: 0.6,
    regions: [
      ["eu-west-1", 0.55],
      ["eu-central-1", 0.3],
      ["us-east-1", 0.15],
    ],
    users: 6000,
    feedbackRate: 0.06,
    primary: "claude-haiku-4.5",
    routes: [
      { model: "mistral-large-2512", share: 0.022, fallback: true },
      { model: "gpt-4.1-mini", share: 0.012, fallback: true },
      // Not approved for support chat: a shadow test left switched on.
      { model: "qwen3-max", share: 0.004 },
    ],
    drift: { model: "claude-haiku-4.5", lastDays: 14, outputScale: 1.3, qualityShift: -0.08 },
  },
  {
    workflow: "rag-answers",
    perDay: 500,
    curve: "business",
    utcOffsetHours: 1,
    weekendFactor: 0.25,
    regions: [
      ["eu-west-1", 0.7],
      ["eu-central-1", 0.3],
    ],
    users: 2500,
    feedbackRate: 0.04,
    primary: "gpt-4.1",
    routes: [
      // Deprecated: clients still pinned to rag-answers@1.2.0 burn down towards the hard deadline.
      { model: "gpt-4o-2024-08-06", share: [0.6, 0.03] },
      { model: "gemini-2.5-flash", share: 0.025, fallback: true },
    ],
  },
  {
    workflow: "coding-assistant",
    perDay: 450,
    curve: "business",
    utcOffsetHours: 1,
    weekendFactor: 0.15,
    regions: [
      ["eu-west-1", 0.6],
      ["us-east-1", 0.4],
    ],
    users: 400,
    feedbackRate: 0.03,
    primary: "claude-sonnet-4.5",
    routes: [{ model: "gpt-5", share: 0.03, fallback: true }],
  },
  {
    workflow: "agent-planning",
    perDay: 150,
    curve: "business",
    utcOffsetHours: 1,
    weekendFactor: 0.5,
    regions: [["eu-west-1", 1]],
    users: 3000,
    feedbackRate: 0,
    primary: "claude-sonnet-4.5",
    routes: [{ model: "mistral-large-2512", share: 0.03, fallback: true }],
  },
  {
    workflow: "json-extraction",
    perDay: 250,
    curve: "business",
    utcOffsetHours: 1,
    weekendFactor: 0.1,
    regions: [["eu-central-1", 1]],
    users: 60,
    feedbackRate: 0.02,
    primary: "ft-loan-fields",
    routes: [{ model: "gpt-4.1-mini", share: 0.02, fallback: true }],
  },
  {
    workflow: "chinese-doc-analysis",
    perDay: 120,
    curve: "business",
    utcOffsetHours: 8,
    weekendFactor: 0.1,
    regions: [["ap-southeast-1", 1]],
    users: 40,
    feedbackRate: 0.03,
    primary: "qwen3-max",
    routes: [{ model: "glm-4.7", share: 0.04, fallback: true }],
  },
  {
    workflow: "long-context-docs",
    perDay: 60,
    curve: "business",
    utcOffsetHours: 1,
    weekendFactor: 0.1,
    regions: [
      ["eu-west-1", 0.8],
      ["us-east-1", 0.2],
    ],
    users: 80,
    feedbackRate: 0.05,
    primary: "gemini-2.5-pro",
    routes: [
      { model: "gpt-4.1", share: 0.03, fallback: true },
      // The provider's gateway quietly answered some long requests with Flash: a silent substitution.
      { model: "gemini-2.5-flash", share: [0, 0.04], substituted: true },
    ],
  },
  {
    workflow: "background-automation",
    perDay: 200,
    curve: "nightly",
    utcOffsetHours: 0,
    weekendFactor: 1,
    regions: [["eu-west-1", 1]],
    users: 3,
    feedbackRate: 0,
    primary: "gpt-4.1-mini",
    routes: [{ model: "llama-3.3-70b", share: 0.05, fallback: true }],
  },
];

const ERROR_TYPES = [
  ["rate_limit", 0.45],
  ["timeout", 0.2],
  ["server_error", 0.25],
  ["content_filter", 0.1],
] as const;
const QUALITY_SAMPLE_RATE = 0.2;
const GROWTH_OVER_PERIOD = 0.15;

export interface ServedModel {
  id: string;
  snapshotId: string;
  provider: string;
  inputPricePerMTok: number;
  outputPricePerMTok: number;
  contextWindow: number;
  serving: { tokensPerSecond: number; ttftMs: number; errorRate: number; quality: number };
}

export interface UsageRow {
  eventId: string;
  timestamp: number;
  model: string;
  responseModel: string;
  provider: string;
  workflow: string;
  bundle: string | null;
  modelId: string;
  workflowId: string;
  latencyMs: number;
  ttftMs: number | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  status: "ok" | "error";
  errorType: string | null;
  isFallback: boolean;
  retries: number;
  region: string;
  userHash: string;
  qualityScore: number | null;
  feedback: number | null;
}

export interface UsagePlan {
  now: Date;
  scale: number;
  traffic: readonly DemoTraffic[];
  traces: Record<string, Trace>;
  models: Map<string, ServedModel>;
  workflowIds: Map<string, string>;
}

/** Mean of curve × weekday factor over a week, so the shape averages to 1. */
function weekMean(curve: readonly number[], weekendFactor: number): number {
  const day = curve.reduce((s, v) => s + v, 0) / 24;
  return (day * 5 + day * weekendFactor * 2) / 7;
}

function userPool(workflow: string, users: number): string[] {
  return Array.from({ length: users }, (_, i) => createHash("sha256").update(`demo-user:${workflow}:${i}`).digest("hex").slice(0, 16));
}

const activeBundle = (workflow: string, modelRef: string) => {
  const bundle = DEMO_BUNDLES.find((b) => b.workflow === workflow && b.model === modelRef && (b.stage === "active" || b.stage === "deprecated"));
  return bundle ? bundleLabel(workflow, bundle.version) : null;
};

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Every demo usage event, workflow by workflow, in time order within each. Pure: no database. */
export function* generateUsage(plan: UsagePlan): Generator<UsageRow> {
  const end = plan.now.getTime();
  const start = end - USAGE_DAYS * DAY_MS;
  let seq = 0;
  for (const t of plan.traffic) {
    const rng: Rng = createRng(`usage:${t.workflow}`);
    const { task } = demoWorkflow(t.workflow);
    const trace = plan.traces[task.trace];
    const workflowId = requireId(plan.workflowIds, t.workflow, "workflow");
    const served = (ref: string) => {
      const model = plan.models.get(ref);
      if (!model) throw new Error(`Demo traffic of ${t.workflow} routes to ${ref}, which was not seeded.`);
      return model;
    };
    const primary = served(t.primary);
    const routes = t.routes.map((r) => ({
      ...r,
      served: served(r.model),
      bundle: r.fallback ? activeBundle(t.workflow, t.primary) : activeBundle(t.workflow, r.model),
    }));
    const primaryBundle = activeBundle(t.workflow, t.primary);
    const users = userPool(t.workflow, t.users);
    const curve = HOUR_CURVES[t.curve];
    const norm = weekMean(curve, t.weekendFactor);
    const perSecond = (t.perDay * plan.scale) / 86_400;
    const offsetMs = t.utcOffsetHours * 3_600_000;
    const driftFrom = t.drift ? end - t.drift.lastDays * DAY_MS : Number.POSITIVE_INFINITY;
    let gapIndex = rng.int(trace.gaps.length);
    if (perSecond <= 0) continue;
    let now = start + (trace.gaps[gapIndex] / trace.meanGap / perSecond) * 1000 * rng.next();

    while (now < end) {
      const progress = (now - start) / (end - start);
      // Pick the serving route: the declared shares, the primary takes the rest.
      let r = rng.next();
      let route: (typeof routes)[number] | null = null;
      for (const candidate of routes) {
        const share = Array.isArray(candidate.share) ? candidate.share[0] + (candidate.share[1] - candidate.share[0]) * progress : candidate.share;
        if (r < share) {
          route = candidate;
          break;
        }
        r -= share;
      }
      const model = route ? route.served : primary;
      const requested = route?.fallback || route?.substituted ? primary : model;
      const { serving } = model;

      const row = rng.int(trace.inputTokens.length);
      let output = trace.outputTokens[row];
      if (now >= driftFrom && t.drift?.model === (route ? route.model : t.primary)) output = Math.round(output * t.drift.outputScale);
      const input = Math.max(1, Math.min(Math.round(trace.inputTokens[row] * task.inputScale), model.contextWindow - output));

      const failed = rng.next() < serving.errorRate;
      let latencyMs: number;
      let ttftMs: number | null = null;
      let outputTokens = output;
      let costUsd: number;
      let errorType: string | null = null;
      let retries = 0;
      let qualityScore: number | null = null;
      let feedback: number | null = null;
      if (failed) {
        errorType = rng.weighted(ERROR_TYPES);
        outputTokens = 0;
        retries = 1 + rng.int(3);
        latencyMs =
          errorType === "rate_limit"
            ? 50 + rng.next() * 250
            : errorType === "timeout"
              ? 30_000 + rng.next() * 30_000
              : errorType === "server_error"
                ? 200 + rng.next() * 2_800
                : serving.ttftMs * rng.lognormal(0, 0.35);
        // Providers bill the prompt of a filtered completion, not refused or failed calls.
        costUsd = errorType === "content_filter" ? (input * model.inputPricePerMTok) / 1e6 : 0;
      } else {
        ttftMs = serving.ttftMs * rng.lognormal(0, 0.35) + input * PREFILL_MS_PER_TOKEN;
        latencyMs = ttftMs + (serving.tokensPerSecond > 0 ? (output / serving.tokensPerSecond) * 1000 * rng.lognormal(0, 0.2) : 0);
        const u = rng.next();
        retries = route?.fallback ? 1 : u < 0.004 ? 2 : u < 0.024 ? 1 : 0;
        costUsd = (input * model.inputPricePerMTok + output * model.outputPricePerMTok) / 1e6;
        const shift = now >= driftFrom && t.drift?.model === (route ? route.model : t.primary) ? t.drift.qualityShift : 0;
        if (rng.next() < QUALITY_SAMPLE_RATE) qualityScore = round(Math.min(1, Math.max(0, serving.quality + shift + 0.08 * rng.normal())), 3);
        if (rng.next() < t.feedbackRate) {
          const f = rng.next();
          feedback = f < serving.quality + shift - 0.12 ? 1 : f < serving.quality + shift - 0.02 ? 0 : -1;
        }
      }

      yield {
        eventId: `demo-${seq++}`,
        timestamp: Math.floor(now),
        model: requested.snapshotId,
        responseModel: model.snapshotId,
        provider: model.provider,
        workflow: t.workflow,
        bundle: route ? route.bundle : primaryBundle,
        modelId: model.id,
        workflowId,
        latencyMs: Math.round(latencyMs),
        ttftMs: ttftMs === null ? null : Math.round(ttftMs),
        inputTokens: input,
        outputTokens,
        costUsd: round(costUsd, 8),
        status: failed ? "error" : "ok",
        errorType,
        isFallback: route?.fallback ?? false,
        retries,
        region: rng.weighted(t.regions),
        userHash: users[Math.floor(users.length * rng.next() ** 2)],
        qualityScore,
        feedback,
      };

      // Next arrival: the trace's next gap, in "mean-rate" time, mapped onto the clock through the
      // rate shape (constant within each hour), so busy hours get more calls and quiet hours fewer.
      gapIndex = (gapIndex + 1) % trace.gaps.length;
      let work = (trace.gaps[gapIndex] / trace.meanGap / perSecond) * 1000;
      for (;;) {
        const local = now + offsetMs;
        const hourStart = Math.floor(local / 3_600_000);
        const dow = (Math.floor(local / DAY_MS) + 4) % 7; // 1970-01-01 was a Thursday
        const trend = 1 + GROWTH_OVER_PERIOD * ((now - start) / (end - start) - 0.5);
        const shape = ((curve[hourStart % 24] * (dow === 0 || dow === 6 ? t.weekendFactor : 1)) / norm) * trend;
        const hourEnd = (hourStart + 1) * 3_600_000 - offsetMs;
        const capacity = (hourEnd - now) * shape;
        if (work <= capacity) {
          now += work / shape;
          break;
        }
        work -= capacity;
        now = hourEnd;
      }
    }
  }
}

// ─── Writing ─────────────────────────────────────────────────────────────────

export interface UsageSummary {
  generated: number;
  inserted: number;
  byWorkflow: Record<string, number>;
  firstAt: Date | null;
  lastAt: Date | null;
}

export function servedModels(ctx: SeedContext): Map<string, ServedModel> {
  const refs = new Set(DEMO_TRAFFIC.flatMap((t) => [t.primary, ...t.routes.map((r) => r.model)]));
  const out = new Map<string, ServedModel>();
  for (const ref of refs) {
    const row = requireModel(ctx, ref);
    const declared = demoModel(ref);
    out.set(ref, {
      id: row.id,
      snapshotId: row.snapshotId,
      provider: declared.provider,
      inputPricePerMTok: row.inputPricePerMTok ?? 0,
      outputPricePerMTok: row.outputPricePerMTok ?? 0,
      contextWindow: row.contextWindow ?? 128_000,
      serving: declared.serving,
    });
  }
  return out;
}

export async function seedUsage(ctx: SeedContext): Promise<UsageSummary> {
  const importId = demoId("usage-import", "demo-usage");
  let usageImport = await ctx.db.prisma.usageImport.findUnique({ where: { id: importId } });
  if (!usageImport) {
    const data = { id: importId, source: "demo", mode: "strict" as const, createdById: requireId(ctx.userIds, "engineer@warden.test", "user") };
    usageImport = await writeAudited(ctx, async (tx) => {
      const row = await tx.usageImport.create({ data });
      return { result: row, audit: [{ action: "usage.import_start", targetType: "usage_import", targetId: row.id, after: data }] };
    });
  }
  const plan: UsagePlan = {
    now: ctx.now,
    scale: ctx.usageScale,
    traffic: DEMO_TRAFFIC,
    traces: { code: loadTrace("code", ctx.dataDir), conv: loadTrace("conv", ctx.dataDir) },
    models: servedModels(ctx),
    workflowIds: ctx.workflowIds,
  };
  const summary: UsageSummary = { generated: 0, inserted: 0, byWorkflow: {}, firstAt: null, lastAt: null };
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let chunk: UsageRow[] = [];
  const flush = async () => {
    if (chunk.length === 0) return;
    // Events, rollups and findings of a chunk commit together.
    const { inserted } = await ctx.db.sql.transaction((tx) =>
      insertUsageBatch(
        (sql, params) => tx.query(sql, params),
        chunk.map((r) => ({ ...r, costEstimated: false })),
        importId,
      ),
    );
    summary.inserted += inserted;
    chunk = [];
  };
  for (const row of generateUsage(plan)) {
    chunk.push(row);
    summary.generated++;
    summary.byWorkflow[row.workflow] = (summary.byWorkflow[row.workflow] ?? 0) + 1;
    if (row.timestamp < first) first = row.timestamp;
    if (row.timestamp > last) last = row.timestamp;
    if (chunk.length >= INSERT_CHUNK) await flush();
  }
  await flush();
  if (summary.generated > 0) {
    summary.firstAt = new Date(first);
    summary.lastAt = new Date(last);
  }
  if (summary.inserted > 0) countCreated(ctx, "usageEvents", summary.inserted);

  if (usageImport.state !== "completed" || summary.inserted > 0) {
    const total = await ctx.db.prisma.usageEvent.count({ where: { importId } });
    const data = {
      state: "completed" as const,
      rowsTotal: summary.generated,
      rowsAccepted: total,
      duplicates: summary.generated - summary.inserted,
      finishedAt: new Date(),
    };
    await writeAudited(ctx, async (tx) => {
      const row = await tx.usageImport.update({ where: { id: importId }, data });
      return {
        result: row,
        audit: [
          {
            action: "usage.import_complete",
            targetType: "usage_import",
            targetId: importId,
            after: { ...data, byWorkflow: summary.byWorkflow } as Prisma.InputJsonValue,
          },
        ],
      };
    });
  }
  return summary;
}
