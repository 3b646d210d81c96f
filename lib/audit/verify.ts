// Reads the audit table in sequence order, a batch at a time, and runs the chain verifier over it.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type Actor, assertCan } from "@/lib/authz/actor";
import { type ChainVerdict, ChainVerifier, verifyAgainstHead } from "./chain";

const BATCH = 5_000;

export async function verifyAuditTrail(prisma: PrismaClient): Promise<ChainVerdict> {
  const verifier = new ChainVerifier();
  let after = 0n;
  for (;;) {
    const rows = await prisma.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: BATCH });
    for (const row of rows) if (!verifier.push(row)) return verifier.verdict();
    if (rows.length < BATCH) return verifier.verdict();
    after = rows[rows.length - 1].seq;
  }
}

/** The newest event: what a saved head records. */
export async function chainHead(prisma: PrismaClient, actor: Actor | null) {
  assertCan(actor, "audit:read");
  return prisma.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true, occurredAt: true } });
}

/** Verifies the whole trail for a person (compliance, admin), and against a saved head when given. */
export async function verifyAuditTrailFor(prisma: PrismaClient, actor: Actor | null, savedHead?: { seq: bigint; hash: string }): Promise<ChainVerdict> {
  assertCan(actor, "audit:read");
  const verdict = await verifyAuditTrail(prisma);
  return savedHead ? verifyAgainstHead(verdict, savedHead) : verdict;
}

export function describeVerdict(verdict: ChainVerdict): string {
  if (verdict.intact) {
    return verdict.head
      ? `Audit trail intact up to event ${verdict.head.seq} (head ${verdict.head.hash}).`
      : "Audit trail is empty.";
  }
  const upTo = verdict.intactUpTo === null ? "no event verifies" : `intact up to event ${verdict.intactUpTo}`;
  return `Audit trail BROKEN at event ${verdict.firstBroken.seq} (${verdict.firstBroken.problem}): ${verdict.firstBroken.detail}; ${upTo}.`;
}
