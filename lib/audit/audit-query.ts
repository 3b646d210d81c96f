import "server-only";
// Reads the audit trail: one filtered page, newest first, by keyset on the sequence number (a page deep in a
// million events costs what the first one does), or every matching event in order for the exports.
import { type Actor, assertCan } from "@/lib/authz/actor";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { AuditFilters } from "./audit-filters";
import type { ChainedAuditRecord } from "./chain";

export type AuditEventRow = ChainedAuditRecord;

export interface AuditPage {
  events: AuditEventRow[];
  /** The cursor of the next (older) page, when there is one. */
  nextBefore: bigint | null;
}

// What belongs to a model or a workflow: the audit target types naming rows that carry a modelId or a
// workflowId column. Subqueries, so the filter follows the data as it is now (an approval recorded before
// the filter existed still matches).
const RELATED_TARGETS: { type: string; table: string; model: boolean; workflow: boolean }[] = [
  { type: "approval", table: "Approval", model: true, workflow: true },
  { type: "change_request", table: "ChangeRequest", model: true, workflow: true },
  { type: "bundle", table: "Bundle", model: true, workflow: true },
  { type: "deprecation_plan", table: "DeprecationPlan", model: true, workflow: false },
  { type: "review", table: "Review", model: true, workflow: true },
  { type: "evaluation_run", table: "EvaluationRun", model: true, workflow: true },
];

function belongsTo(owner: "model" | "workflow", id: string): Prisma.Sql {
  const column = Prisma.raw(`"${owner}Id"`);
  const parts = [
    Prisma.sql`("targetType" = ${owner} AND "targetId" = ${id})`,
    ...RELATED_TARGETS.filter((t) => t[owner]).map(
      (t) => Prisma.sql`("targetType" = ${t.type} AND "targetId" IN (SELECT "id" FROM ${Prisma.raw(`"${t.table}"`)} WHERE ${column} = ${id}))`,
    ),
  ];
  return Prisma.sql`(${Prisma.join(parts, " OR ")})`;
}

/** The WHERE conditions of the filters (the keyset cursor included when given). */
export function auditWhere(filters: AuditFilters, before?: bigint | null): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (before) conditions.push(Prisma.sql`"seq" < ${before}`);
  if (filters.from) conditions.push(Prisma.sql`"occurredAt" >= ${filters.from}`);
  if (filters.to) conditions.push(Prisma.sql`"occurredAt" < ${filters.to}`);
  if (filters.actor) conditions.push(Prisma.sql`("actorId" = ${filters.actor} OR ("actorId" IS NULL AND "actorLabel" = ${filters.actor}))`);
  if (filters.action) {
    conditions.push(
      filters.action.endsWith(".") ? Prisma.sql`"action" LIKE ${`${filters.action.replace(/_/g, "\\_")}%`}` : Prisma.sql`"action" = ${filters.action}`,
    );
  }
  if (filters.model) conditions.push(belongsTo("model", filters.model));
  if (filters.workflow) conditions.push(belongsTo("workflow", filters.workflow));
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

const COLUMNS = Prisma.sql`"seq", "occurredAt", "actorId", "actorLabel", "action", "targetType", "targetId", "before", "after", "reason", "prevHash", "hash"`;

export async function listAuditEvents(prisma: PrismaClient, actor: Actor | null, filters: AuditFilters): Promise<AuditPage> {
  assertCan(actor, "audit:read");
  const rows = await prisma.$queryRaw<AuditEventRow[]>`
    SELECT ${COLUMNS} FROM "AuditEvent" ${auditWhere(filters, filters.before)} ORDER BY "seq" DESC LIMIT ${filters.limit + 1}`;
  const events = rows.slice(0, filters.limit);
  return { events, nextBefore: rows.length > filters.limit ? events[events.length - 1].seq : null };
}

/**
 * Every event matching the filters, oldest first, a batch at a time (constant memory however long the
 * trail): what the exports stream. The caller checks its own permission (export, not read).
 */
export async function* auditEventsInOrder(
  prisma: PrismaClient,
  filters: AuditFilters,
  options: { upTo?: bigint; batchSize?: number } = {},
): AsyncGenerator<AuditEventRow> {
  const batchSize = options.batchSize ?? 2_000;
  const where = auditWhere(filters, options.upTo === undefined ? undefined : options.upTo + 1n);
  let after = 0n;
  for (;;) {
    const keyset = where === Prisma.empty ? Prisma.sql`WHERE "seq" > ${after}` : Prisma.sql`${where} AND "seq" > ${after}`;
    const rows = await prisma.$queryRaw<AuditEventRow[]>`SELECT ${COLUMNS} FROM "AuditEvent" ${keyset} ORDER BY "seq" ASC LIMIT ${batchSize}`;
    yield* rows;
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].seq;
  }
}

export interface AuditFacets {
  actors: { value: string; label: string }[];
  actions: string[];
}

/**
 * The choices the filter bar lists: who has acted and which actions exist. Models and workflows are not
 * listed (the catalog holds thousands): the page searches them as the viewer types (see auditSubjects).
 */
export async function auditFacets(prisma: PrismaClient, actor: Actor | null): Promise<AuditFacets> {
  assertCan(actor, "audit:read");
  const [users, machineActors, actions] = await Promise.all([
    prisma.user.findMany({ select: { id: true, email: true, name: true }, orderBy: { email: "asc" } }),
    // DISTINCT over a million events would scan them all; a loose index scan over the action index
    // would need one. Machine labels and actions are few, so the recursive skip-scan below is cheap.
    prisma.$queryRaw<{ label: string }[]>`
      WITH RECURSIVE labels AS (
        (SELECT "actorLabel" AS label FROM "AuditEvent" WHERE "actorId" IS NULL ORDER BY "actorLabel" LIMIT 1)
        UNION ALL
        SELECT (SELECT "actorLabel" FROM "AuditEvent" WHERE "actorId" IS NULL AND "actorLabel" > labels.label ORDER BY "actorLabel" LIMIT 1)
        FROM labels WHERE labels.label IS NOT NULL
      ) SELECT label FROM labels WHERE label IS NOT NULL`,
    prisma.$queryRaw<{ action: string }[]>`
      WITH RECURSIVE actions AS (
        (SELECT "action" FROM "AuditEvent" ORDER BY "action" LIMIT 1)
        UNION ALL
        SELECT (SELECT "action" FROM "AuditEvent" WHERE "action" > actions.action ORDER BY "action" LIMIT 1)
        FROM actions WHERE actions.action IS NOT NULL
      ) SELECT action FROM actions WHERE action IS NOT NULL`,
  ]);
  return {
    actors: [...users.map((u) => ({ value: u.id, label: `${u.name} <${u.email}>` })), ...machineActors.map((m) => ({ value: m.label, label: m.label }))],
    actions: actions.map((a) => a.action),
  };
}

export interface AuditSubjects {
  /** The model the trail is filtered to, as the filter box names it; null when none or unknown. */
  model: { id: string; name: string; snapshotId: string } | null;
  workflow: { id: string; name: string } | null;
}

/** The model and workflow the filters name, looked up by id so the filter bar can show their names. */
export async function auditSubjects(prisma: PrismaClient, actor: Actor | null, filters: Pick<AuditFilters, "model" | "workflow">): Promise<AuditSubjects> {
  assertCan(actor, "audit:read");
  const [model, workflow] = await Promise.all([
    filters.model ? prisma.model.findUnique({ where: { id: filters.model }, select: { id: true, name: true, snapshotId: true } }) : null,
    filters.workflow ? prisma.workflow.findUnique({ where: { id: filters.workflow }, select: { id: true, name: true } }) : null,
  ]);
  return { model, workflow };
}
