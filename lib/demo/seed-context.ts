import "server-only";
// What every demo seeding step shares: the database, the acting operator, the reference time, the ids of
// what earlier steps wrote, and a tally of what this run created. Plus the one way the steps write: a
// change and its audit event in one transaction.
import { createHash } from "node:crypto";
import { type AuditEntry, recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import type { Model, Prisma } from "@/lib/generated/prisma/client";
import type { DemoCatalog } from "./demo-catalog";

export const SEED_ACTOR: Actor = { kind: "cli", label: "seed" };

export const DAY_MS = 86_400_000;

export interface SeedContext {
  db: Database;
  actor: Actor;
  now: Date;
  catalog: DemoCatalog;
  /** Folder of the public data (catalogs, traces). */
  dataDir: string;
  /** Share of the full usage volume to generate (1 = the real command). */
  usageScale: number;
  userIds: Map<string, string>;
  workflowIds: Map<string, string>;
  /** Demo model ref → its catalog row. */
  models: Map<string, Model>;
  created: Record<string, number>;
  log: (message: string) => void;
}

export const daysFrom = (now: Date, days: number) => new Date(now.getTime() + days * DAY_MS);

/** A stable UUID for demo rows that have no natural key, so a second run finds what the first wrote. */
export function demoId(kind: string, key: string): string {
  const h = createHash("sha256").update(`warden-demo:${kind}:${key}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((Number.parseInt(h[16], 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function countCreated(ctx: SeedContext, entity: string, n = 1) {
  ctx.created[entity] = (ctx.created[entity] ?? 0) + n;
}

/** Runs fn in one transaction and appends the audit entries it returns in that same transaction. */
export async function writeAudited<T>(ctx: SeedContext, fn: (tx: Prisma.TransactionClient) => Promise<{ result: T; audit: AuditEntry[] }>): Promise<T> {
  return ctx.db.prisma.$transaction(async (tx) => {
    const { result, audit } = await fn(tx);
    for (const entry of audit) await recordAudit(tx, ctx.actor, entry);
    return result;
  });
}

export function requireId(map: Map<string, string>, key: string, what: string): string {
  const id = map.get(key);
  if (!id) throw new Error(`Demo data refers to ${what} "${key}", which was not seeded.`);
  return id;
}

export function requireModel(ctx: SeedContext, ref: string): Model {
  const model = ctx.models.get(ref);
  if (!model) throw new Error(`Demo data refers to model "${ref}", which was not seeded (declare it earlier in demo-models.ts).`);
  return model;
}
