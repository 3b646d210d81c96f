// The catalog a benchmark database starts with: the demo's team, workflows, curated models (with their
// prices, statuses and approvals) and no usage, so imported events resolve to catalog ids, get findings
// for deprecated and unapproved traffic, and the synthetic traffic routes to the same models as the demo.
import type { Database } from "@/lib/db/connection";
import { applyMigrations } from "@/lib/db/migrate";
import { DEMO_MODELS } from "@/lib/demo/demo-models";
import { DEMO_TRAFFIC, servedModels, type ServedModel } from "@/lib/demo/demo-usage";
import type { SeedContext } from "@/lib/demo/seed-context";
import { seedDemo } from "@/lib/demo/seed-demo";

export interface BenchCatalog {
  models: Map<string, ServedModel>;
  workflowIds: Map<string, string>;
}

/** Migrates, seeds the demo catalog without usage (once: a second call finds it) and reads the ids back. */
export async function prepareBenchCatalog(db: Database, now: Date): Promise<BenchCatalog> {
  await applyMigrations(db.sql);
  const seeded = await db.prisma.setting.findUnique({ where: { key: "demo" } });
  if (!seeded) await seedDemo(db, { now, usageScale: 0, publicCatalog: false });
  return readBenchCatalog(db);
}

export async function readBenchCatalog(db: Database): Promise<BenchCatalog> {
  const rows = await db.prisma.model.findMany({ include: { provider: { select: { slug: true } } } });
  const models = new Map<string, (typeof rows)[number]>();
  for (const m of DEMO_MODELS) {
    const row = rows.find((r) => r.snapshotId === m.snapshotId && r.provider.slug === m.provider);
    if (row) models.set(m.ref, row);
  }
  const workflows = await db.prisma.workflow.findMany({ where: { slug: { in: DEMO_TRAFFIC.map((t) => t.workflow) } }, select: { id: true, slug: true } });
  // servedModels only reads the model rows from the context.
  const served = servedModels({ models } as unknown as SeedContext);
  return { models: served, workflowIds: new Map(workflows.map((w) => [w.slug, w.id])) };
}
