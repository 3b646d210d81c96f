import "server-only";
// Reads the audit table in sequence order, a batch at a time, and runs the chain verifier over it.
import { type Actor, assertCan } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { type ChainVerdict, ChainVerifier, verifyAgainstHead } from "./chain";
import { parseChainHead } from "./chain-head";

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
    return verdict.head ? `Audit trail intact up to event ${verdict.head.seq} (head ${verdict.head.hash}).` : "Audit trail is empty.";
  }
  const upTo = verdict.intactUpTo === null ? "no event verifies" : `intact up to event ${verdict.intactUpTo}`;
  return `Audit trail BROKEN at event ${verdict.firstBroken.seq} (${verdict.firstBroken.problem}): ${verdict.firstBroken.detail}; ${upTo}.`;
}

/** What the audit page's verify panel shows: the verdict in words, and the first broken event to link to. */
export interface VerifyResult {
  intact: boolean;
  summary: string;
  brokenSeq?: string;
}

/** A head file is a small JSON document; anything larger is refused unread. */
const MAX_HEAD_FILE_BYTES = 10_000;

/** The verify panel's request: the whole chain, and with an uploaded saved head, that the trail still reaches it. */
export async function verifyWithUploadedHead(prisma: PrismaClient, actor: Actor | null, headFile: File | undefined): Promise<VerifyResult> {
  assertCan(actor, "audit:read");
  if (headFile && headFile.size > MAX_HEAD_FILE_BYTES) {
    throw new DomainError("validation", "That file is too large to be a saved head (a head is a JSON file under 1 kB).", { head: ["Not a saved head file"] });
  }
  const savedHead = headFile && headFile.size > 0 ? parseChainHead(await headFile.text()) : undefined;
  const verdict = await verifyAuditTrailFor(prisma, actor, savedHead);
  const summary = describeVerdict(verdict) + (savedHead && verdict.intact ? ` It reaches the saved head, event ${savedHead.seq}.` : "");
  return { intact: verdict.intact, summary, ...(verdict.intact ? {} : { brokenSeq: verdict.firstBroken.seq.toString() }) };
}
