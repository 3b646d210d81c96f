import "server-only";
// Writes events already chained (chain.ts) in one INSERT … unnest, below Prisma: the usage import's
// append (record.ts recordAuditSql), and loading a large trail at once in the tamper suite and the benchmark.
import type { SqlExecutor } from "@/lib/db/sql-executor";
import type { ChainedAuditRecord } from "./chain";

export async function insertChainedEvents(sql: SqlExecutor, events: readonly ChainedAuditRecord[]): Promise<void> {
  await sql.query(
    `INSERT INTO "AuditEvent" ("seq", "occurredAt", "actorId", "actorLabel", "action", "targetType", "targetId", "before", "after", "reason", "prevHash", "hash")
     SELECT * FROM unnest($1::int8[], $2::timestamp[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[], $10::text[], $11::text[], $12::text[])`,
    [
      events.map((e) => e.seq.toString()),
      // The column has no zone and holds UTC, as Prisma writes it.
      events.map((e) => e.occurredAt.toISOString().replace("Z", "")),
      events.map((e) => e.actorId),
      events.map((e) => e.actorLabel),
      events.map((e) => e.action),
      events.map((e) => e.targetType),
      events.map((e) => e.targetId),
      events.map((e) => (e.before === null || e.before === undefined ? null : JSON.stringify(e.before))),
      events.map((e) => (e.after === null || e.after === undefined ? null : JSON.stringify(e.after))),
      events.map((e) => e.reason),
      events.map((e) => e.prevHash),
      events.map((e) => e.hash),
    ],
  );
}
