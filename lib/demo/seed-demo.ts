// Seeds the demo database: the team, workflows, a curated catalog across every status, approvals with
// their evaluation evidence, status histories, deprecation plans, bundles, reviews and 90 days of usage.
// Every step finds what an earlier run wrote and only adds what is missing, so running it twice changes
// nothing and an interrupted run resumes. The caller decides whether the database may be seeded at all
// (demo-guard.ts).
import path from "node:path";
import type { Actor } from "@/lib/authz/actor";
import { importCatalogText } from "@/lib/catalog/catalog-import";
import type { Database } from "@/lib/db/connection";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { DATA_DIR, PUBLIC_CATALOG_FILES, readPublicData } from "@/lib/public-data";
import { seedApprovals } from "./demo-approvals";
import { DemoCatalog } from "./demo-catalog";
import { seedChangeRequests } from "./demo-change-requests";
import { seedBundles, seedReviews } from "./demo-governance";
import { markSeedCompleted, markSeedStarted } from "./demo-guard";
import { applyLifecycle } from "./demo-lifecycle";
import { seedModels, seedProviders } from "./demo-models";
import { seedUsage, type UsageSummary } from "./demo-usage";
import { seedUsers } from "./demo-users";
import { seedWorkflows } from "./demo-workflows";
import { SEED_ACTOR, type SeedContext } from "./seed-context";

export interface SeedDemoOptions {
  /** End of the usage window and reference for every relative date; defaults to the current minute. */
  now?: Date;
  /** Share of the full usage volume (~250k events); tests use a few %. */
  usageScale?: number;
  /** Folder of the public data files; defaults to the repository's data/ (lib/public-data.ts). */
  dataDir?: string;
  actor?: Actor;
  log?: (message: string) => void;
  /** Import the public LiteLLM and models.dev catalogs around the curated models (default true). */
  publicCatalog?: boolean;
}

export interface SeedDemoResult {
  /** Rows (or changes) this run created, by kind. All zero on a second run. */
  created: Record<string, number>;
  usage: UsageSummary;
  steps: { step: string; ms: number }[];
  ms: number;
}

export async function seedDemo(db: Database, options: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const t0 = performance.now();
  const now = options.now ?? new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const dataDir = options.dataDir ?? DATA_DIR;
  const ctx: SeedContext = {
    db,
    actor: options.actor ?? SEED_ACTOR,
    now,
    catalog: DemoCatalog.load(dataDir),
    dataDir,
    usageScale: options.usageScale ?? 1,
    userIds: new Map(),
    workflowIds: new Map(),
    models: new Map(),
    created: {},
    log: options.log ?? (() => undefined),
  };
  const steps: SeedDemoResult["steps"] = [];
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const start = performance.now();
    const result = await fn();
    const ms = Math.round(performance.now() - start);
    steps.push({ step: name, ms });
    ctx.log(`  ${name.padEnd(34)} ${String(ms).padStart(6)} ms`);
    return result;
  };

  const marker = await markSeedStarted(ctx);
  await step("users", () => seedUsers(ctx));
  await step("workflows", () => seedWorkflows(ctx));
  const providerIds = await step("providers", () => seedProviders(ctx));
  await step("models (registered as testing)", () => seedModels(ctx, providerIds));
  await step("evaluation runs and approvals", () => seedApprovals(ctx));
  await step("status histories, deprecation plans", () => applyLifecycle(ctx));
  await step("bundles", () => seedBundles(ctx));
  await step("reviews", () => seedReviews(ctx));
  await step("change requests in flight", () => seedChangeRequests(ctx));
  // After the curated models, so the catalogs merge into them (filling catalog facts, never their
  // status or the team's names) instead of the curated rows duplicating catalog entries.
  if (options.publicCatalog ?? true) {
    for (const file of PUBLIC_CATALOG_FILES) {
      await step(`catalog ${path.basename(file)}`, async () => {
        const report = await importCatalogText(db.prisma, ctx.actor, readPublicData(file, dataDir), path.basename(file));
        ctx.created[`catalog models (${report.source})`] = report.added;
      });
    }
  }
  const usage = await step("usage events", () => seedUsage(ctx));
  await markSeedCompleted(ctx, marker);
  return { created: ctx.created, usage, steps, ms: Math.round(performance.now() - t0) };
}

/** Rows per table, for the command's report and the tests. */
export async function countDemoTables(prisma: PrismaClient): Promise<Record<string, number>> {
  const [users, providers, models, workflows, approvals, evaluationRuns, deprecationPlans, bundles, reviews, usageEvents, auditEvents, settings] =
    await Promise.all([
      prisma.user.count(),
      prisma.provider.count(),
      prisma.model.count(),
      prisma.workflow.count(),
      prisma.approval.count(),
      prisma.evaluationRun.count(),
      prisma.deprecationPlan.count(),
      prisma.bundle.count(),
      prisma.review.count(),
      prisma.usageEvent.count(),
      prisma.auditEvent.count(),
      prisma.setting.count(),
    ]);
  return { users, providers, models, workflows, approvals, evaluationRuns, deprecationPlans, bundles, reviews, usageEvents, auditEvents, settings };
}
