import "server-only";
// Streams the filtered audit trail as CSV or NDJSON. The export is itself an audit event, written before
// the first byte: the file holds the matching events up to and including that event, so what was handed
// out is on the record and the file ends at a known point of the chain.
import { type Actor, assertCan } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { auditCsvHeader, auditCsvLine, auditNdjsonLine } from "./audit-export-format";
import { type AuditFilters, auditFiltersToQuery } from "./audit-filters";
import { auditEventsInOrder } from "./audit-query";
import { recordAudit } from "./record";

export const AUDIT_EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type AuditExportFormat = (typeof AUDIT_EXPORT_FORMATS)[number];

export function parseExportFormat(value: string | null): AuditExportFormat {
  if (value === "csv" || value === "ndjson") return value;
  throw new DomainError("validation", `format must be csv or ndjson${value ? `, not "${value}"` : ""}.`, { format: ["Choose csv or ndjson"] });
}

export interface AuditExport {
  /** The export's own audit event: the file ends there. */
  upTo: bigint;
  filename: string;
  contentType: string;
  body: ReadableStream<Uint8Array>;
}

export async function exportAuditTrail(prisma: PrismaClient, actor: Actor | null, filters: AuditFilters, format: AuditExportFormat): Promise<AuditExport> {
  assertCan(actor, "audit:export");
  const query = auditFiltersToQuery(filters);
  const own = await prisma.$transaction((tx) =>
    recordAudit(tx, actor, { action: "audit.export", targetType: "audit_trail", targetId: null, after: { format, filters: query || "(none)" } }),
  );
  const lines = async function* () {
    if (format === "csv") yield auditCsvHeader();
    const toLine = format === "csv" ? auditCsvLine : auditNdjsonLine;
    for await (const event of auditEventsInOrder(prisma, filters, { upTo: own.seq })) yield toLine(event);
  };
  const stamp = own.occurredAt.toISOString().slice(0, 19).replace(/[:T]/g, "-");
  return {
    upTo: own.seq,
    filename: `warden-audit-${stamp}-to-${own.seq}.${format}`,
    contentType: format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8",
    body: textStream(lines()),
  };
}

/** Lines joined into chunks of ~64 kB, pulled as the client reads: memory stays at one chunk. */
function textStream(lines: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let chunk = "";
      while (chunk.length < 64_000) {
        const next = await lines.next();
        if (next.done) {
          if (chunk) controller.enqueue(encoder.encode(chunk));
          controller.close();
          return;
        }
        chunk += next.value;
      }
      controller.enqueue(encoder.encode(chunk));
    },
    async cancel() {
      await lines.return(undefined);
    },
  });
}
