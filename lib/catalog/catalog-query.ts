import "server-only";
// Reading the catalog: one function behind the catalog page and GET /api/v1/models.
import { isApprovalActive } from "@/lib/approvals/approval-state";
import { type Actor, assertCan } from "@/lib/authz/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { type CatalogFilters, catalogFiltersSchema, searchParamsToObject } from "./catalog-filters";
import { catalogOrder, catalogWhere } from "./catalog-where";

export function parseCatalogFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): CatalogFilters {
  return parseInput(catalogFiltersSchema, searchParamsToObject(params));
}

const listInclude = {
  provider: { select: { slug: true, name: true } },
  approvals: {
    where: { revokedAt: null },
    select: { role: true, revokedAt: true, validUntil: true, workflow: { select: { slug: true, name: true } } },
  },
} as const;

export interface CatalogItem {
  id: string;
  provider: { slug: string; name: string };
  snapshotId: string;
  name: string;
  family: string | null;
  mode: string | null;
  kind: string;
  status: string;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  inputPricePerMTok: number | null;
  outputPricePerMTok: number | null;
  costLevel: string | null;
  latencyLevel: string | null;
  languages: string[];
  providerDeprecation: { date: string; meaning: string | null; source: string | null } | null;
  approvedFor: { workflow: string; workflowName: string; role: string; validUntil: string | null }[];
  sources: string[];
  updatedAt: string;
}

export async function listModels(prisma: PrismaClient, actor: Actor | null, filters: CatalogFilters, now = new Date()) {
  assertCan(actor, "catalog:read");
  const where = catalogWhere(filters, now);
  const [total, rows] = await Promise.all([
    prisma.model.count({ where }),
    prisma.model.findMany({
      where,
      orderBy: catalogOrder(filters),
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
      include: listInclude,
    }),
  ]);
  const items: CatalogItem[] = rows.map((m) => ({
    id: m.id,
    provider: m.provider,
    snapshotId: m.snapshotId,
    name: m.name,
    family: m.family,
    mode: m.mode,
    kind: m.kind,
    status: m.status,
    contextWindow: m.contextWindow,
    maxOutputTokens: m.maxOutputTokens,
    inputPricePerMTok: m.inputPricePerMTok,
    outputPricePerMTok: m.outputPricePerMTok,
    costLevel: m.costLevel,
    latencyLevel: m.latencyLevel,
    languages: m.languages,
    providerDeprecation: m.providerDeprecationDate
      ? { date: m.providerDeprecationDate.toISOString().slice(0, 10), meaning: m.providerDeprecationMeaning, source: m.providerDeprecationSource }
      : null,
    approvedFor: m.approvals
      .filter((a) => isApprovalActive(a, now))
      .map((a) => ({ workflow: a.workflow.slug, workflowName: a.workflow.name, role: a.role, validUntil: a.validUntil?.toISOString() ?? null })),
    sources: m.sources,
    updatedAt: m.updatedAt.toISOString(),
  }));
  return { total, page: filters.page, pageSize: filters.pageSize, items };
}

/** The choices the filter bar offers. */
export async function catalogFacets(prisma: PrismaClient) {
  const [providers, workflows, languages] = await Promise.all([
    prisma.provider.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true, _count: { select: { models: true } } } }),
    prisma.workflow.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
    prisma.$queryRaw<{ language: string }[]>`SELECT DISTINCT unnest("languages") AS language FROM "Model" ORDER BY 1`,
  ]);
  return {
    providers: providers.map((p) => ({ slug: p.slug, name: p.name, models: p._count.models })),
    workflows,
    languages: languages.map((l) => l.language),
  };
}
