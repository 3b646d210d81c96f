import "server-only";
// Browser uploads of usage files (CSV, JSONL, LiteLLM spend logs; gzip allowed) up to 1 GiB, the list of
// recent imports and the rejected rows of one import.
//
// The file arrives as the raw request body (not multipart) and is never held in memory: a Content-Length
// over the limit is refused before a byte is read, the bytes are counted as they arrive (in case the
// length is absent or wrong), copied to a temporary file at network speed, and streamed from there
// through the parser into the database. The temporary file exists because Node's http server resets a
// request that is not fully received within 300 s (requestTimeout, not configurable through Next.js):
// reading the socket at import speed would cut off any import of a large file that takes longer.
//
// Decision (rejected rows of a failed import): importUsageRows keeps the first 1,000 row problems on its
// UsageImport record, but a strict import with a bad row rolls back entirely, record included. The
// person still needs the rejects to fix the file, so when nothing was written uploadUsageFile records
// the attempt afterwards in its own small transaction: a UsageImport in state "failed" with the problems
// and no events, and its own audit event ("usage.import_failed"). Keeping it outside the import's
// transaction is what lets strict mode stay "nothing written" for usage data while the report survives.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, actorUserId, assertCan } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import { readEnv } from "@/lib/env";
import { DomainError } from "@/lib/errors";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { Admission } from "./admission";
import { BodyTooLargeError, type ByteSource, countedBytes } from "./byte-stream";
import { type ImportListFilters } from "./import-list";
import { parseUsageFile } from "./parse-usage-file";
import { type ImportListItem, KEPT_PROBLEMS, MAX_UPLOAD_BYTES, SHOWN_PROBLEMS, type UploadReport, rejectsUrl } from "./upload-report";
import { type ImportMode, type RowProblem, importUsageRows } from "./usage-import";
import type { IngestBody } from "./ingest-request";

/**
 * Uploads run one long transaction each; a few at a time, a few more waiting, the rest told to come back
 * (429 with Retry-After) rather than holding database connections and sockets without end.
 */
export const fileUploads = new Admission({
  concurrent: readEnv().WARDEN_UPLOAD_CONCURRENCY,
  queued: readEnv().WARDEN_UPLOAD_QUEUE,
  retryAfterSeconds: 30,
});

export interface UploadOptions {
  fileName: string;
  mode: ImportMode;
  contentType?: string | null;
  contentEncoding?: string | null;
  /** Bytes as sent; defaults to MAX_UPLOAD_BYTES (1 GiB). */
  sizeLimit?: number;
  /** "Now" for the far-future timestamp check (tests). */
  now?: Date;
}

const uploadSchema = z.object({
  fileName: z.string().trim().min(1, "Give the file's name").max(255, "The file name is longer than 255 characters"),
  mode: z.enum(["strict", "lenient"], { error: 'Mode must be "strict" or "lenient"' }),
});

export function tooLargeForUpload(limit: number, size?: number): BodyTooLargeError {
  const what = size === undefined ? "The file is larger than" : `The file is ${size.toLocaleString("en-US")} bytes, more than`;
  return new BodyTooLargeError(
    `${what} ${limit.toLocaleString("en-US")} bytes (${limit === MAX_UPLOAD_BYTES ? "1 GB" : `${limit} bytes`}), the upload limit. Split it, or gzip it (.gz).`,
  );
}

/** Streams one file into importUsageRows and reports it; a failed import is recorded with its problems. */
export async function uploadUsageFile(db: Database, actor: Actor | null, body: ByteSource, options: UploadOptions): Promise<UploadReport> {
  assertCan(actor, "usage:ingest");
  const { fileName, mode } = parseInput(uploadSchema, { fileName: options.fileName, mode: options.mode });
  const limit = options.sizeLimit ?? MAX_UPLOAD_BYTES;
  const { chunks, count } = countedBytes(body, limit, () => tooLargeForUpload(limit));
  const rows = parseUsageFile(chunks, {
    fileName,
    contentType: options.contentType ?? undefined,
    contentEncoding: options.contentEncoding ?? undefined,
    now: options.now,
  });
  let report;
  try {
    // One more than is kept, to know whether the download is cut short.
    report = await importUsageRows(db, actor, rows, { mode, source: "file", fileName, maxReportedErrors: KEPT_PROBLEMS + 1 });
  } catch (error) {
    throw count.exceeded ?? error;
  }
  // The gzip inflater reports a failed source as a bad file; the byte count knows better. Nothing was
  // written either way (a file error rolls the import back).
  if (count.exceeded) throw count.exceeded;

  const kept = report.errors.slice(0, KEPT_PROBLEMS);
  let importId = report.importId;
  if (!report.written) {
    importId = await db.prisma.$transaction(async (tx) => {
      const record = await tx.usageImport.create({
        data: {
          source: "file",
          fileName,
          mode,
          state: "failed",
          rowsTotal: report.rowsRead,
          rowsAccepted: 0,
          rowsRejected: report.rejected,
          duplicates: 0,
          errors: kept as unknown as Prisma.InputJsonValue,
          createdById: actorUserId(actor),
          finishedAt: new Date(),
        },
      });
      await recordAudit(tx, actor, {
        action: "usage.import_failed",
        targetType: "usage_import",
        targetId: record.id,
        after: { source: "file", fileName, mode, rowsRead: report.rowsRead, rejected: report.rejected, written: false },
        reason: kept[0] ? `row ${kept[0].row}, ${kept[0].column}: ${kept[0].reason}`.slice(0, 500) : null,
      });
      return record.id;
    });
  }
  return {
    importId: importId!,
    state: report.written ? "completed" : "failed",
    fileName,
    mode,
    bytes: count.bytes,
    rowsRead: report.rowsRead,
    accepted: report.accepted,
    rejected: report.rejected,
    duplicates: report.duplicates,
    costsEstimated: report.costsEstimated,
    written: report.written,
    problemsKept: kept.length,
    problemsTruncated: report.errors.length > KEPT_PROBLEMS,
    firstProblems: kept.slice(0, SHOWN_PROBLEMS),
    rejectsUrl: rejectsUrl(importId!),
  };
}

export interface UploadRequest extends IngestBody {
  /** The `fileName` and `mode` query parameters ("" when absent; the mode then defaults to strict). */
  fileName: string;
  mode: string;
}

export interface ReceiveOptions {
  admission?: Admission;
  sizeLimit?: number;
  now?: Date;
  spoolDirectory?: string;
}

/**
 * POST /api/v1/usage/imports?fileName=…&mode=strict|lenient with the file as the raw body: the report,
 * whether or not rows were written (it says which). Throws DomainError: 413 over 1 GiB (declared or
 * counted), 422 for a missing name or an unknown mode, 400 for an empty body; RateLimitedError (429)
 * when the upload queue is full, before the body is read. lib/http/ingest.ts answers.
 */
export async function receiveUsageUpload(db: Database, actor: Actor | null, request: UploadRequest, options: ReceiveOptions = {}): Promise<UploadReport> {
  assertCan(actor, "usage:ingest");
  const input = parseInput(uploadSchema, { fileName: request.fileName, mode: request.mode || "strict" });
  const limit = options.sizeLimit ?? MAX_UPLOAD_BYTES;
  const declared = request.declaredLength ?? null;
  if (declared !== null && declared > limit) throw tooLargeForUpload(limit, declared);
  if (!request.body || declared === 0) throw new DomainError("bad_request", "The file is empty.");
  const body = request.body;
  return (options.admission ?? fileUploads).run(async () => {
    // Received at network speed into a temporary file (bounded memory, counted against the limit), then
    // imported from it: see spoolToFile for why the import does not read the socket directly.
    const spooled = await spoolToFile(body, limit, () => tooLargeForUpload(limit), options.spoolDirectory);
    try {
      return await uploadUsageFile(db, actor, createReadStream(spooled.file), {
        ...input,
        contentType: request.contentType,
        contentEncoding: request.contentEncoding,
        sizeLimit: limit,
        now: options.now,
      });
    } finally {
      await spooled.dispose();
    }
  });
}

interface SpooledBody {
  file: string;
  bytes: number;
  /** Deletes the file; call it when done (also after errors). */
  dispose(): Promise<void>;
}

/**
 * Copies the body to a temporary file at network speed, counted against `limit` (past it the request
 * stream is cancelled). Long imports read from the file instead of the socket: Node's http server cuts
 * off a request that is not fully received within its requestTimeout (300 s by default, and Next.js
 * offers no setting for it), and a body read at the speed of a database import of a large file takes
 * longer than that.
 */
async function spoolToFile(
  source: ByteSource,
  limit: number,
  tooLarge: () => BodyTooLargeError,
  directory = readEnv().WARDEN_UPLOAD_DIR ?? tmpdir(),
): Promise<SpooledBody> {
  const dir = await mkdtemp(path.join(directory, "warden-upload-"));
  const dispose = () => rm(dir, { recursive: true, force: true });
  const { chunks, count } = countedBytes(source, limit, tooLarge);
  const file = path.join(dir, "body");
  try {
    await pipeline(Readable.from(chunks), createWriteStream(file, { flags: "wx", mode: 0o600 }));
  } catch (error) {
    await dispose();
    throw count.exceeded ?? error;
  }
  return { file, bytes: count.bytes, dispose };
}

type ImportRow = Prisma.UsageImportGetPayload<{ include: { createdBy: { select: { name: true; email: true } } } }>;

function listItem(row: ImportRow): ImportListItem {
  return {
    id: row.id,
    source: row.source,
    fileName: row.fileName,
    mode: row.mode,
    state: row.state,
    rowsTotal: row.rowsTotal,
    rowsAccepted: row.rowsAccepted,
    rowsRejected: row.rowsRejected,
    duplicates: row.duplicates,
    createdBy: row.createdBy ? row.createdBy.name || row.createdBy.email : null,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Recent imports, newest first by default; uploads only unless another source is asked for. */
export async function listUsageImports(
  prisma: PrismaClient,
  actor: Actor | null,
  filters: ImportListFilters,
): Promise<{ total: number; page: number; pageSize: number; items: ImportListItem[] }> {
  assertCan(actor, "usage:ingest");
  const where: Prisma.UsageImportWhereInput = filters.source === "all" ? {} : { source: filters.source };
  const [total, rows] = await Promise.all([
    prisma.usageImport.count({ where }),
    prisma.usageImport.findMany({
      where,
      include: { createdBy: { select: { name: true, email: true } } },
      orderBy: [{ [filters.sort]: filters.dir }, { createdAt: "desc" }, { id: "asc" }],
      skip: (filters.page - 1) * filters.pageSize,
      take: filters.pageSize,
    }),
  ]);
  return { total, page: filters.page, pageSize: filters.pageSize, items: rows.map(listItem) };
}

function asProblems(value: unknown): RowProblem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((p) =>
    p && typeof p === "object" && typeof p.row === "number" && typeof p.column === "string" && typeof p.reason === "string"
      ? [{ row: p.row, column: p.column, reason: p.reason }]
      : [],
  );
}

/** The row problems kept with an import (the first 1,000), for the rejects download. */
export async function usageImportRejects(
  prisma: PrismaClient,
  actor: Actor | null,
  importId: string,
): Promise<{ fileName: string | null; state: string; rowsRejected: number; problems: RowProblem[] }> {
  assertCan(actor, "usage:ingest");
  const record = await prisma.usageImport.findUnique({ where: { id: importId }, select: { fileName: true, state: true, rowsRejected: true, errors: true } });
  if (!record) throw new DomainError("not_found", "No usage import has this id.");
  return { fileName: record.fileName, state: record.state, rowsRejected: record.rowsRejected, problems: asProblems(record.errors) };
}
