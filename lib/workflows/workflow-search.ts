import "server-only";
// Finding workflows by part of their name or slug: what a workflow combobox asks for as the viewer types
// (GET /api/v1/workflows), so no page has to carry every workflow.
import { z } from "zod";
import { type Actor, assertCan } from "@/lib/authz/actor";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";

export const workflowSearchSchema = z.object({
  q: z.string().trim().max(200, "Search text is too long").optional(),
  limit: z.coerce
    .number({ error: "limit must be a number" })
    .int("limit must be a whole number")
    .min(1, "limit must be at least 1")
    .max(100, "limit is at most 100")
    .default(25),
});

export interface WorkflowMatches {
  /** How many workflows match in all. */
  total: number;
  /** The first `limit` of them, by name. */
  items: { id: string; slug: string; name: string }[];
}

export async function searchWorkflows(prisma: PrismaClient, actor: Actor | null, params: Record<string, string | undefined>): Promise<WorkflowMatches> {
  assertCan(actor, "catalog:read");
  const { q, limit } = parseInput(workflowSearchSchema, params);
  const where = q ? { OR: [{ name: { contains: q, mode: "insensitive" as const } }, { slug: { contains: q, mode: "insensitive" as const } }] } : {};
  const [total, items] = await Promise.all([
    prisma.workflow.count({ where }),
    prisma.workflow.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], take: limit, select: { id: true, slug: true, name: true } }),
  ]);
  return { total, items };
}
