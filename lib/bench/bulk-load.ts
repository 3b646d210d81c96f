// Loads synthetic events for the dashboard figures, where ten million events through the file import
// would only measure the import again: each chunk's events go in with COPY, and in the same transaction
// the chunk is added to the hourly and daily rollups and the findings by the ingest path's own functions
// (accumulateRollups/upsertRollups, trafficGroups/recordFindings), so the rollups are exactly those of
// the events, as after an import.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { UsageRow } from "@/lib/demo/demo-usage";
import type { RunQuery, StoredUsageRow } from "@/lib/ingestion/usage-bulk-insert";
import { recordFindings, trafficGroups } from "@/lib/ingestion/usage-findings";
import { accumulateRollups, upsertRollups } from "@/lib/ingestion/usage-rollup";
import type { BenchDatabase } from "./bench-database";

const COLUMNS = [
  "eventId",
  "timestamp",
  "model",
  "responseModel",
  "provider",
  "workflow",
  "bundle",
  "modelId",
  "workflowId",
  "latencyMs",
  "ttftMs",
  "inputTokens",
  "outputTokens",
  "costUsd",
  "costEstimated",
  "status",
  "errorType",
  "isFallback",
  "retries",
  "region",
  "userHash",
  "qualityScore",
  "feedback",
  "importId",
] as const;

const COPY_SQL = (source: string) => `COPY "UsageEvent" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) FROM ${source}`;

/** A value in COPY's text format: \N for NULL, backslash escapes for the characters that end a field. */
export function copyValue(v: string | number | boolean | null): string {
  if (v === null) return "\\N";
  const s = String(v);
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => ({ "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c]!) : s;
}

export function copyLine(row: StoredUsageRow, importId: string): string {
  const timestamp = new Date(row.timestamp).toISOString();
  return `${COLUMNS.map((c) => (c === "timestamp" ? timestamp : c === "importId" ? importId : copyValue(row[c]))).join("\t")}\n`;
}

async function loadChunkPostgres(url: string, rows: StoredUsageRow[], importId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await pipeline(Readable.from([rows.map((r) => copyLine(r, importId)).join("")]), client.query(copyFrom(COPY_SQL("STDIN"))));
    const run: RunQuery = async (sql, params) => (await client.query(sql, params as unknown[])).rows;
    await upsertRollups(run, accumulateRollups(rows));
    await recordFindings(run, trafficGroups(rows));
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
}

async function loadChunkPglite(bench: Extract<BenchDatabase, { backend: "pglite" }>, rows: StoredUsageRow[], importId: string) {
  await bench.pglite.transaction(async (tx) => {
    await tx.query(COPY_SQL(`'/dev/blob'`), [], { blob: new Blob([rows.map((r) => copyLine(r, importId)).join("")]) });
    const run: RunQuery = async (sql, params) => (await tx.query(sql, params as unknown[])).rows;
    await upsertRollups(run, accumulateRollups(rows));
    await recordFindings(run, trafficGroups(rows));
  });
}

export interface LoadReport {
  events: number;
  ms: number;
  /** Sums of requests in the hourly and daily rollups: both must equal `events`. */
  rollupRequests: { hour: number; day: number };
}

/** Loads rows chunk by chunk (the next chunk is generated while the database writes the previous one). */
export async function bulkLoadUsage(
  bench: BenchDatabase,
  rows: Iterable<UsageRow>,
  options: { chunk?: number; onProgress?: (events: number) => void } = {},
): Promise<LoadReport> {
  const chunkSize = options.chunk ?? 50_000;
  const started = performance.now();
  const { id: importId } = await bench.db.prisma.usageImport.create({ data: { source: "bench", fileName: "synthetic", mode: "lenient", state: "completed" } });
  let writing: Promise<void> | null = null;
  let chunk: StoredUsageRow[] = [];
  let events = 0;
  const flush = async () => {
    const rowsToWrite = chunk;
    chunk = [];
    if (writing) await writing;
    if (rowsToWrite.length === 0) return;
    writing = (bench.backend === "postgres" ? loadChunkPostgres(bench.url, rowsToWrite, importId) : loadChunkPglite(bench, rowsToWrite, importId)).then(() => {
      events += rowsToWrite.length;
      options.onProgress?.(events);
    });
    writing.catch(() => undefined);
  };
  for (const row of rows) {
    chunk.push({ ...row, costEstimated: false });
    if (chunk.length >= chunkSize) await flush();
  }
  await flush();
  if (writing) await writing;
  await bench.db.sql.exec(`VACUUM ANALYZE "UsageEvent"`);
  await bench.db.sql.exec(`VACUUM ANALYZE "UsageRollup"`);
  await bench.db.sql.exec(`VACUUM ANALYZE "UsageRollupDaily"`);
  await bench.db.sql.exec(`VACUUM ANALYZE "UsageFinding"`);
  const [sums] = await bench.db.sql.query<{ hour: string | number; day: string | number }>(
    `SELECT (SELECT coalesce(sum("requests"), 0) FROM "UsageRollup") AS hour, (SELECT coalesce(sum("requests"), 0) FROM "UsageRollupDaily") AS day`,
  );
  return { events, ms: performance.now() - started, rollupRequests: { hour: Number(sums.hour), day: Number(sums.day) } };
}
