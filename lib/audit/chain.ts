// The audit hash chain (docs/data-formats.md, "Audit trail out"), pure: each event's hash is SHA-256 over the previous hash
// and the event's canonical record, so editing, deleting, reordering or inserting any event breaks the
// chain at that point.
import { createHash } from "node:crypto";
import { canonicalJson } from "./canonical-json";

export const GENESIS_HASH = "0".repeat(64);

export interface AuditRecord {
  seq: bigint;
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface ChainedAuditRecord extends AuditRecord {
  prevHash: string;
  hash: string;
}

export function canonicalRecord(record: AuditRecord): string {
  return canonicalJson({
    seq: record.seq.toString(),
    occurredAt: record.occurredAt.toISOString(),
    actorId: record.actorId,
    actorLabel: record.actorLabel,
    action: record.action,
    targetType: record.targetType,
    targetId: record.targetId,
    before: record.before ?? null,
    after: record.after ?? null,
    reason: record.reason,
  });
}

export function hashRecord(prevHash: string, record: AuditRecord): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalRecord(record)).digest("hex");
}

export function chain(prev: { seq: bigint; hash: string } | null, record: Omit<AuditRecord, "seq">): ChainedAuditRecord {
  const seq = prev ? prev.seq + 1n : 1n;
  const prevHash = prev ? prev.hash : GENESIS_HASH;
  const full = { ...record, seq };
  return { ...full, prevHash, hash: hashRecord(prevHash, full) };
}

export type ChainProblem =
  | "sequence_gap" // an event is missing (deleted) or sequence numbers were rewritten
  | "sequence_out_of_order" // events reordered or a duplicate sequence number
  | "previous_hash_mismatch" // the event does not follow the one before it (inserted, deleted or reordered)
  | "hash_mismatch"; // the event's content no longer matches its hash (edited)

export type ChainVerdict =
  | { intact: true; events: number; head: { seq: bigint; hash: string } | null }
  | {
      intact: false;
      events: number;
      /** The last event that still verifies, if any. */
      intactUpTo: bigint | null;
      firstBroken: { seq: bigint; problem: ChainProblem; detail: string };
    };

/**
 * Verifies events in the order given (the database's order by seq). Streams: it holds only the previous
 * event, so a million-event chain verifies in constant memory.
 */
export class ChainVerifier {
  private prev: { seq: bigint; hash: string } | null = null;
  private count = 0;
  private broken: Extract<ChainVerdict, { intact: false }>["firstBroken"] | null = null;

  constructor(private readonly startAfter: { seq: bigint; hash: string } | null = null) {
    this.prev = startAfter;
  }

  /** Returns false once the chain is broken; later events are not examined. */
  push(event: ChainedAuditRecord): boolean {
    if (this.broken) return false;
    const expectedSeq = this.prev ? this.prev.seq + 1n : 1n;
    const expectedPrevHash = this.prev ? this.prev.hash : GENESIS_HASH;
    if (event.seq !== expectedSeq) {
      this.broken = {
        seq: event.seq,
        problem: event.seq > expectedSeq ? "sequence_gap" : "sequence_out_of_order",
        detail: `expected event ${expectedSeq}, found ${event.seq}`,
      };
    } else if (event.prevHash !== expectedPrevHash) {
      this.broken = {
        seq: event.seq,
        problem: "previous_hash_mismatch",
        detail: `its previous hash ${short(event.prevHash)} is not the hash ${short(expectedPrevHash)} of event ${expectedSeq - 1n}`,
      };
    } else {
      const recomputed = hashRecord(event.prevHash, event);
      if (recomputed !== event.hash) {
        this.broken = {
          seq: event.seq,
          problem: "hash_mismatch",
          detail: `its content hashes to ${short(recomputed)} but the stored hash is ${short(event.hash)}: the event was altered`,
        };
      }
    }
    if (this.broken) return false;
    this.count += 1;
    this.prev = { seq: event.seq, hash: event.hash };
    return true;
  }

  verdict(): ChainVerdict {
    if (this.broken) {
      return { intact: false, events: this.count, intactUpTo: this.prev?.seq ?? null, firstBroken: this.broken };
    }
    return { intact: true, events: this.count, head: this.prev };
  }
}

export function verifyChain(events: Iterable<ChainedAuditRecord>): ChainVerdict {
  const verifier = new ChainVerifier();
  for (const event of events) if (!verifier.push(event)) break;
  return verifier.verdict();
}

/** Also checks the chain ends where an exported head said it did: catches a truncated tail. */
export function verifyAgainstHead(verdict: ChainVerdict, expectedHead: { seq: bigint; hash: string }): ChainVerdict {
  if (!verdict.intact) return verdict;
  const head = verdict.head;
  if (head && head.seq === expectedHead.seq && head.hash !== expectedHead.hash) {
    return {
      intact: false,
      events: verdict.events,
      intactUpTo: head.seq - 1n,
      firstBroken: {
        seq: head.seq,
        problem: "hash_mismatch",
        detail: `event ${head.seq} hashes to ${short(head.hash)} but the recorded head says ${short(expectedHead.hash)}`,
      },
    };
  }
  if (head && head.seq >= expectedHead.seq) return verdict; // later events may have been appended since
  return {
    intact: false,
    events: verdict.events,
    intactUpTo: head?.seq ?? null,
    firstBroken: {
      seq: (head?.seq ?? 0n) + 1n,
      problem: "sequence_gap",
      detail: `the chain ends at event ${head?.seq ?? 0n} but the recorded head is event ${expectedHead.seq}: the tail was removed`,
    },
  };
}

function short(hash: string): string {
  return hash.slice(0, 12);
}
