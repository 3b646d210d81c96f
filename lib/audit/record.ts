import "server-only";
// Appends an audit event inside the caller's transaction, so the change and its record commit together
// or not at all.
import { type Actor, actorLabel, actorUserId } from "@/lib/authz/actor";
import type { SqlExecutor } from "@/lib/db/sql-executor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { insertChainedEvents } from "./audit-bulk-insert";
import { normalise } from "./canonical-json";
import { type ChainedAuditRecord, chain } from "./chain";

// Any constant: one chain means one writer at a time; the lock is held until the transaction ends.
const AUDIT_CHAIN_LOCK_KEY = 72_616_002;

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export async function recordAudit(tx: Prisma.TransactionClient, actor: Actor, entry: AuditEntry) {
  const [event] = await recordAuditBatch(tx, actor, [entry]);
  return event;
}

/** The entries chained after `last`, all at one instant (millisecond precision: what the column keeps). */
function chainEntries(last: { seq: bigint; hash: string } | null, actor: Actor, entries: AuditEntry[]): ChainedAuditRecord[] {
  const occurredAt = new Date();
  return entries.map((entry) => {
    const event = chain(last, {
      occurredAt,
      actorId: actorUserId(actor),
      actorLabel: actorLabel(actor),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: normalise(entry.before),
      after: normalise(entry.after),
      reason: entry.reason ?? null,
    });
    last = event;
    return event;
  });
}

/** Appends several events for one change (an import touching many models) under one lock. */
export async function recordAuditBatch(tx: Prisma.TransactionClient, actor: Actor, entries: AuditEntry[]) {
  if (entries.length === 0) return [];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const events = chainEntries(last, actor, entries);
  const rows = events.map((event) => ({
    ...event,
    before: event.before === null ? undefined : (event.before as Prisma.InputJsonValue),
    after: event.after === null ? undefined : (event.after as Prisma.InputJsonValue),
  }));
  for (let i = 0; i < rows.length; i += 1000) await tx.auditEvent.createMany({ data: rows.slice(i, i + 1000) });
  return events;
}

/**
 * The same append on a raw connection's transaction (SqlExecutor), for the bulk paths that run below
 * Prisma: the usage import, whose multi-megabyte batch parameters Prisma's debug history would keep alive.
 */
export async function recordAuditSql(sql: SqlExecutor, actor: Actor, entry: AuditEntry): Promise<ChainedAuditRecord> {
  await sql.query("SELECT pg_advisory_xact_lock($1)", [AUDIT_CHAIN_LOCK_KEY]);
  const [head] = await sql.query<{ head_seq: string; hash: string }>(
    `SELECT a."seq"::text AS head_seq, a."hash" FROM "AuditEvent" a ORDER BY a."seq" DESC LIMIT 1`,
  );
  const [event] = chainEntries(head ? { seq: BigInt(head.head_seq), hash: head.hash } : null, actor, [entry]);
  await insertChainedEvents(sql, [event]);
  return event;
}
