// One audit event as a CSV line or an NDJSON line, pure. The NDJSON line carries exactly the fields the
// hash covers plus prevHash and hash, so a third party can recompute each hash (README: "Verifying an
// audit export"); the CSV is for people and spreadsheets, its text cells neutralised against injection.
import { stringify } from "csv-stringify/sync";
import { normalise } from "./canonical-json";
import { neutraliseCell } from "./csv-safe";
import type { ChainedAuditRecord } from "./chain";

const CSV_COLUMNS = ["seq", "occurred_at", "actor_id", "actor_label", "action", "target_type", "target_id", "before", "after", "reason", "prev_hash", "hash"];

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(normalise(value)));

export function auditCsvHeader(): string {
  return stringify([CSV_COLUMNS]);
}

export function auditCsvLine(event: ChainedAuditRecord): string {
  const seq = Number(event.seq);
  const cells = [
    // A sequence number beyond 2^53 would lose digits as a number; it stays exact as text.
    Number.isSafeInteger(seq) ? seq : event.seq.toString(),
    event.occurredAt.toISOString(),
    event.actorId,
    event.actorLabel,
    event.action,
    event.targetType,
    event.targetId,
    json(event.before),
    json(event.after),
    event.reason,
    event.prevHash,
    event.hash,
  ].map(neutraliseCell);
  return stringify([cells]);
}

/** The hashed record's fields, as canonicalRecord (chain.ts) reads them, plus the two hashes. */
export function auditNdjsonLine(event: ChainedAuditRecord): string {
  return (
    JSON.stringify({
      seq: event.seq.toString(),
      occurredAt: event.occurredAt.toISOString(),
      actorId: event.actorId,
      actorLabel: event.actorLabel,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId,
      before: normalise(event.before),
      after: normalise(event.after),
      reason: event.reason,
      prevHash: event.prevHash,
      hash: event.hash,
    }) + "\n"
  );
}
