// Appends an audit event inside the caller's transaction, so the change and its record commit together
// or not at all.
import type { Prisma } from "@/lib/generated/prisma/client";
import { type Actor, actorLabel, actorUserId } from "@/lib/authz/actor";
import { normalise } from "./canonical-json";
import { chain } from "./chain";

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

/** Appends several events for one change (an import touching many models) under one lock. */
export async function recordAuditBatch(tx: Prisma.TransactionClient, actor: Actor, entries: AuditEntry[]) {
  if (entries.length === 0) return [];
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK_KEY})`;
  let last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  // Millisecond precision: what the database column keeps, so the hash verifies after a round trip.
  const occurredAt = new Date();
  const events = entries.map((entry) => {
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
  const rows = events.map((event) => ({
    ...event,
    before: event.before === null ? undefined : (event.before as Prisma.InputJsonValue),
    after: event.after === null ? undefined : (event.after as Prisma.InputJsonValue),
  }));
  for (let i = 0; i < rows.length; i += 1000) await tx.auditEvent.createMany({ data: rows.slice(i, i + 1000) });
  return events;
}
