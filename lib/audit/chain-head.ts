// The chain head as a small document to keep outside the database (a ticket, a vault, a printed report):
// later, checking the trail against it catches a removed tail or a rewritten chain that still verifies
// on its own.
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

export const CHAIN_HEAD_FORMAT = "warden-audit-head/1";

export interface ChainHeadDocument {
  format: typeof CHAIN_HEAD_FORMAT;
  seq: string;
  hash: string;
  occurredAt: string;
  exportedAt: string;
}

export function chainHeadDocument(head: { seq: bigint; hash: string; occurredAt: Date }, exportedAt: Date): ChainHeadDocument {
  return {
    format: CHAIN_HEAD_FORMAT,
    seq: head.seq.toString(),
    hash: head.hash,
    occurredAt: head.occurredAt.toISOString(),
    exportedAt: exportedAt.toISOString(),
  };
}

const headSchema = z.object({
  format: z.literal(CHAIN_HEAD_FORMAT, { error: `format must be "${CHAIN_HEAD_FORMAT}"` }),
  seq: z
    .union([z.string(), z.number()])
    .transform((v) => String(v))
    .pipe(z.string().regex(/^[1-9]\d{0,18}$/, "seq must be an event number")),
  hash: z.string().regex(/^[0-9a-f]{64}$/, "hash must be 64 lower-case hex characters (SHA-256)"),
});

/** A saved head, from its JSON text: a clear error naming the field when it is not one. */
export function parseChainHead(text: string): { seq: bigint; hash: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DomainError("validation", "The saved head is not JSON: choose the file Warden exported.", { head: ["Not a JSON file"] });
  }
  const head = parseInput(headSchema, json);
  return { seq: BigInt(head.seq), hash: head.hash };
}
