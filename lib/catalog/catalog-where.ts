// Filters → a Prisma where clause and order, pure so it can be tested without a database.
import { activeApprovalWhere } from "@/lib/approvals/approval-state";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { CatalogFilters, SortColumn } from "./catalog-filters";

const DAY_MS = 86_400_000;

export function catalogWhere(filters: CatalogFilters, now: Date): Prisma.ModelWhereInput {
  const and: Prisma.ModelWhereInput[] = [];
  if (filters.q) {
    const q = filters.q;
    and.push({
      OR: [
        { name: { contains: q, mode: "insensitive" } },
        { snapshotId: { contains: q, mode: "insensitive" } },
        { provider: { slug: { contains: q, mode: "insensitive" } } },
        { provider: { name: { contains: q, mode: "insensitive" } } },
      ],
    });
  }
  if (filters.status.length) and.push({ status: { in: filters.status } });
  if (filters.provider.length) and.push({ provider: { slug: { in: filters.provider } } });
  if (filters.cost.length) and.push({ costLevel: { in: filters.cost } });
  if (filters.language) and.push({ languages: { has: filters.language } });
  if (filters.ctxMin !== undefined) and.push({ contextWindow: { gte: filters.ctxMin } });
  if (filters.ctxMax !== undefined) and.push({ contextWindow: { lte: filters.ctxMax } });
  if (filters.deprecatingWithin !== undefined) {
    and.push({ providerDeprecationDate: { gte: startOfDay(now), lte: new Date(now.getTime() + filters.deprecatingWithin * DAY_MS) } });
  }
  if (filters.workflow) {
    and.push({
      approvals: {
        some: {
          workflow: { slug: filters.workflow },
          ...activeApprovalWhere(now),
        },
      },
    });
  }
  return and.length ? { AND: and } : {};
}

function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

const ORDER: Record<SortColumn, (dir: Prisma.SortOrder) => Prisma.ModelOrderByWithRelationInput> = {
  name: (dir) => ({ name: dir }),
  provider: (dir) => ({ provider: { slug: dir } }),
  snapshotId: (dir) => ({ snapshotId: dir }),
  status: (dir) => ({ status: dir }),
  contextWindow: (dir) => ({ contextWindow: { sort: dir, nulls: "last" } }),
  inputPrice: (dir) => ({ inputPricePerMTok: { sort: dir, nulls: "last" } }),
  outputPrice: (dir) => ({ outputPricePerMTok: { sort: dir, nulls: "last" } }),
  costLevel: (dir) => ({ costLevel: { sort: dir, nulls: "last" } }),
  deprecation: (dir) => ({ providerDeprecationDate: { sort: dir, nulls: "last" } }),
  updatedAt: (dir) => ({ updatedAt: dir }),
};

export function catalogOrder(filters: CatalogFilters): Prisma.ModelOrderByWithRelationInput[] {
  // The id tiebreak keeps pages stable when many rows share the sorted value.
  return [ORDER[filters.sort](filters.dir), { snapshotId: "asc" }, { id: "asc" }];
}
