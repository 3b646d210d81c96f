import "server-only";
// Imports parsed usage rows into the database in one transaction with its audit event: strict mode
// writes nothing when any row is bad, lenient mode writes the good rows and reports the rest by row and
// column. Event ids already stored are counted as duplicates, so the same file twice changes nothing and
// a killed import retried ends with every event exactly once. Missing costs are priced from the
// catalog's price for that model at that time.
//
// The transaction runs on a raw connection (db.sql), not through Prisma: Prisma's debug history keeps the
// arguments of its last hundred calls alive, and each batch's argument is megabytes of rows (measured: a
// 100 MB file held ~1 GB that way); a raw connection also spares each batch Prisma's serialisation.
import { randomUUID } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import { recordAuditSql } from "@/lib/audit/record";
import { type Actor, actorUserId, assertCan } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import type { SqlExecutor } from "@/lib/db/sql-executor";
import { pendingRollupFolder } from "./rollup-fold";
import { type StoredUsageRow, insertUsageBatch } from "./usage-bulk-insert";
import type { ParsedRow } from "./parse-usage-file";
import type { UsageEvent } from "./usage-event";

export type ImportMode = "strict" | "lenient";

export interface UsageImportOptions {
  mode: ImportMode;
  /** Where the rows came from: "file", "api", "litellm", "otlp". */
  source: string;
  fileName?: string;
  batchSize?: number;
  /** How many row errors to keep in the report (the counts stay exact). */
  maxReportedErrors?: number;
  /** Report each row's fate (the batch API and OTLP answer per event); off for files. */
  outcomes?: boolean;
  /**
   * Online ingest: rollup deltas go to the pending table and a fold follows within about a second
   * (rollup-fold.ts); file imports add them to the rollup tables directly.
   */
  pendingRollups?: boolean;
  /** Catalog lookups shared with other imports (online ingest; see CatalogLookupCache). */
  catalogCache?: CatalogLookupCache;
  /** Called after each written batch, for progress displays. */
  onProgress?: (progress: { rowsRead: number; accepted: number }) => void;
}

export interface RowOutcome {
  row: number;
  status: "accepted" | "duplicate" | "rejected";
  eventId?: string;
  errors?: { column: string; reason: string }[];
}

export interface RowProblem {
  row: number;
  column: string;
  reason: string;
}

export interface UsageImportReport {
  importId: string | null;
  mode: ImportMode;
  rowsRead: number;
  accepted: number;
  rejected: number;
  /** Repeated inside the file, or already stored by an earlier import. */
  duplicates: number;
  costsEstimated: number;
  errors: RowProblem[];
  written: boolean;
  /** With options.outcomes: one entry per row read, in row order. */
  outcomes?: RowOutcome[];
}

interface CatalogModel {
  id: string;
  prices: { from: number; input: number | null; output: number | null }[];
}

/**
 * Catalog lookups remembered across imports for a few seconds. Online ingest answers dozens of small
 * batches a second naming the same dozen models, and each lookup is a database round trip (~0.5 ms of
 * the server's CPU on the benchmark machine); a model or price added to the catalog is seen by online
 * ingest within `ttlMs`. Findings (deprecated, unapproved, …) read the catalog in SQL at insert time and
 * are never stale.
 */
export class CatalogLookupCache {
  readonly models = new Map<string, { value: CatalogModel | null; at: number }>();
  readonly workflows = new Map<string, { value: string | null; at: number }>();
  constructor(readonly ttlMs = 10_000) {}

  fresh<T>(map: Map<string, { value: T; at: number }>, key: string): { value: T } | undefined {
    const hit = map.get(key);
    if (!hit) return undefined;
    if (Date.now() - hit.at > this.ttlMs) {
      map.delete(key);
      return undefined;
    }
    return hit;
  }
}

const onlineCatalogCaches = new WeakMap<object, CatalogLookupCache>();

/** The catalog lookup cache online ingest shares for one database (a server process has one). */
export function onlineCatalogCache(db: Database): CatalogLookupCache {
  let cache = onlineCatalogCaches.get(db);
  if (!cache) onlineCatalogCaches.set(db, (cache = new CatalogLookupCache()));
  return cache;
}

/** Resolves model and workflow names to catalog ids, once per distinct name. */
class CatalogResolver {
  private readonly models = new Map<string, CatalogModel | null>();
  private readonly workflows = new Map<string, string | null>();
  // The same names as written in the rows (provider, then model), so the per-row lookup is two map reads.
  private readonly byExactName = new Map<string | null, Map<string, CatalogModel | null>>();
  constructor(
    private readonly sql: SqlExecutor,
    private readonly shared?: CatalogLookupCache,
  ) {}

  /** The model if this name was resolved before (undefined: not yet asked). */
  known(name: string, provider: string | null): CatalogModel | null | undefined {
    return this.byExactName.get(provider)?.get(name);
  }

  /** A workflow's id if it was resolved before (undefined: not yet asked). */
  knownWorkflow(slug: string): string | null | undefined {
    return this.workflows.get(slug);
  }

  async model(name: string, provider: string | null): Promise<CatalogModel | null> {
    const key = `${provider ?? ""}\u0000${name.toLowerCase()}`;
    const cached = this.models.has(key) ? undefined : this.shared?.fresh(this.shared.models, key);
    if (cached) this.models.set(key, cached.value);
    if (!this.models.has(key)) {
      // Case-insensitive on the snapshot id, as people type it; the provider, when given, by its slug.
      const candidates = await this.sql.query<{ id: string; status: string; sources: string[] }>(
        `SELECT m."id", m."status"::text AS status, coalesce(m."sources", ARRAY[]::text[]) AS sources FROM "Model" m JOIN "Provider" p ON p."id" = m."providerId"
         WHERE lower(m."snapshotId") = lower($1) AND ($2::text IS NULL OR p."slug" = lower($2)) ORDER BY m."createdAt", m."id"`,
        [name, provider],
      );
      // The team's curated entry wins over a catalog listing of the same snapshot from another provider.
      const chosen = candidates.find((c) => c.sources.includes("manual") || c.status !== "testing") ?? candidates[0] ?? null;
      const prices = chosen
        ? await this.sql.query<{ from: string | number; input: number | null; output: number | null }>(
            `SELECT (extract(epoch FROM "effectiveFrom") * 1000)::int8 AS "from", "inputPricePerMTok" AS input, "outputPricePerMTok" AS output
             FROM "ModelPrice" WHERE "modelId" = $1 ORDER BY "effectiveFrom"`,
            [chosen.id],
          )
        : [];
      const model = chosen && { id: chosen.id, prices: prices.map((p) => ({ from: Number(p.from), input: p.input, output: p.output })) };
      this.models.set(key, model);
      this.shared?.models.set(key, { value: model, at: Date.now() });
    }
    const model = this.models.get(key)!;
    let exact = this.byExactName.get(provider);
    if (!exact) this.byExactName.set(provider, (exact = new Map()));
    exact.set(name, model);
    return model;
  }

  async workflow(slug: string): Promise<string | null> {
    const cached = this.workflows.has(slug) ? undefined : this.shared?.fresh(this.shared.workflows, slug);
    if (cached) this.workflows.set(slug, cached.value);
    if (!this.workflows.has(slug)) {
      const [row] = await this.sql.query<{ id: string }>(`SELECT "id" FROM "Workflow" WHERE "slug" = $1`, [slug]);
      this.workflows.set(slug, row?.id ?? null);
      this.shared?.workflows.set(slug, { value: row?.id ?? null, at: Date.now() });
    }
    return this.workflows.get(slug)!;
  }
}

/** The catalog price in force at the event's time (the earliest known price for events before it). */
export function priceAt(prices: CatalogModel["prices"], at: number) {
  let chosen = prices[0];
  for (const p of prices) if (p.from <= at) chosen = p;
  return chosen;
}

export function estimateCost(
  event: Pick<UsageEvent, "inputTokens" | "outputTokens">,
  price: { input: number | null; output: number | null } | undefined,
): number | null {
  if (!price || (price.input === null && price.output === null)) return null;
  if (event.inputTokens === null && event.outputTokens === null) return null;
  return ((event.inputTokens ?? 0) * (price.input ?? 0) + (event.outputTokens ?? 0) * (price.output ?? 0)) / 1e6;
}

class StrictImportFailed extends Error {}

const YIELD_EVERY_ROWS = 250;

export async function importUsageRows(
  db: Database,
  actor: Actor | null,
  rows: AsyncIterable<ParsedRow> | Iterable<ParsedRow>,
  options: UsageImportOptions,
): Promise<UsageImportReport> {
  assertCan(actor, "usage:ingest");
  // Bigger batches leave PostgreSQL fewer pauses between statements (measured: 5,000 → 20,000 rows cut a
  // 1 M-row import by a quarter); two batches in memory stay a few tens of MB. PGlite runs inside this
  // process and its WebAssembly memory never shrinks, so it keeps the high-water mark of the biggest
  // statement: 2,500 rows a batch hold a 100 MB import ~75 MiB lower and were no slower there.
  const batchSize = options.batchSize ?? (db.kind === "pglite" ? 2_500 : 20_000);
  const maxErrors = options.maxReportedErrors ?? 10_000;
  const report: UsageImportReport = {
    importId: null,
    mode: options.mode,
    rowsRead: 0,
    accepted: 0,
    rejected: 0,
    duplicates: 0,
    costsEstimated: 0,
    errors: [],
    written: false,
  };
  const outcomes: RowOutcome[] | undefined = options.outcomes ? [] : undefined;
  const problem = (p: RowProblem) => report.errors.length < maxErrors && report.errors.push(p);

  try {
    await db.sql.transaction(async (tx) => {
      const record = { id: randomUUID() };
      await tx.query(
        `INSERT INTO "UsageImport" ("id", "source", "fileName", "mode", "createdById", "createdAt") VALUES ($1, $2, $3, $4::"ImportMode", $5, timestamp 'epoch' + $6::int8 * interval '1 ms')`,
        [record.id, options.source, options.fileName ?? null, options.mode, actor.kind === "user" ? actor.userId : null, Date.now()],
      );
      const resolver = new CatalogResolver(tx, options.catalogCache);
      const run = (text: string, params: unknown[]) => tx.query(text, params);
      let batch: StoredUsageRow[] = [];
      // Outcomes of the batch's rows, settled (accepted or duplicate) once the batch is written.
      let batchOutcomes: RowOutcome[] = [];
      // Strict mode keeps reading after the first bad row, to report them all, but writes nothing more.
      let strictFailed = false;
      // The batch being written while the next one is parsed: on PostgreSQL the database works in its own
      // process, so parsing and writing overlap. One batch at a time, in order, on the transaction's
      // connection; memory stays at two batches.
      let writing: Promise<void> | null = null;
      const flush = async () => {
        if (strictFailed) {
          batch = [];
          batchOutcomes = [];
          return;
        }
        const rowsToWrite = batch;
        const outcomesToSettle = batchOutcomes;
        batch = [];
        batchOutcomes = [];
        if (writing) await writing;
        if (rowsToWrite.length === 0) return;
        writing = insertUsageBatch(run, rowsToWrite, record.id, options.pendingRollups ? "pending" : "direct").then((result) => {
          report.accepted += result.inserted;
          report.duplicates += rowsToWrite.length - result.inserted;
          if (outcomesToSettle.length > 0) {
            // An id inserted once is "accepted" for its first row only; a repeat in the batch is a duplicate.
            const newIds = result.newIds;
            for (const outcome of outcomesToSettle) outcome.status = newIds.delete(outcome.eventId!) ? "accepted" : "duplicate";
          }
          options.onProgress?.({ rowsRead: report.rowsRead, accepted: report.accepted });
        });
        // Awaited at the next flush or at the end; this only keeps a failure from counting as unhandled
        // before then.
        writing.catch(() => undefined);
      };
      try {
        let rowsSinceTurn = 0;
        for await (const parsed of rows) {
          // Parsing runs on promises alone between file reads, so the database's answers (socket
          // events) would wait for the next read; a turn of the event loop every few hundred rows
          // lets the batch being written send its next statement without waiting for the parser.
          if (writing && ++rowsSinceTurn >= YIELD_EVERY_ROWS) {
            rowsSinceTurn = 0;
            await nextTurn();
          }
          if ("errors" in parsed) {
            if (parsed.row > 0) report.rowsRead += 1;
            report.rejected += parsed.row > 0 ? 1 : 0;
            for (const e of parsed.errors) problem({ row: parsed.row, column: e.column, reason: e.reason });
            outcomes?.push({ row: parsed.row, status: "rejected", errors: parsed.errors });
            if (options.mode === "strict" || parsed.fatal) strictFailed = true;
            if (parsed.fatal) break;
            continue;
          }
          report.rowsRead += 1;
          if ("duplicateOf" in parsed) {
            report.duplicates += 1;
            outcomes?.push({ row: parsed.row, status: "duplicate", eventId: parsed.eventId });
            continue;
          }
          const event = parsed.event;
          const modelName = event.responseModel ?? event.model;
          let model = resolver.known(modelName, event.provider);
          if (model === undefined) model = await resolver.model(modelName, event.provider);
          let workflowId: string | null = null;
          if (event.workflow) {
            const known = resolver.knownWorkflow(event.workflow);
            workflowId = known === undefined ? await resolver.workflow(event.workflow) : known;
          }
          let costUsd = event.costUsd;
          let costEstimated = false;
          if (costUsd === null && model) {
            costUsd = estimateCost(event, priceAt(model.prices, event.timestamp.getTime()));
            costEstimated = costUsd !== null;
            if (costEstimated) report.costsEstimated += 1;
          }
          // Spelled out rather than spread: this runs once per row, and a literal of known shape is cheaper.
          batch.push({
            eventId: event.eventId,
            timestamp: event.timestamp,
            model: event.model,
            responseModel: event.responseModel,
            provider: event.provider,
            workflow: event.workflow,
            bundle: event.bundle,
            modelId: model?.id ?? null,
            workflowId,
            latencyMs: event.latencyMs,
            ttftMs: event.ttftMs,
            inputTokens: event.inputTokens,
            outputTokens: event.outputTokens,
            costUsd,
            costEstimated,
            status: event.status,
            errorType: event.errorType,
            isFallback: event.isFallback,
            retries: event.retries,
            region: event.region,
            userHash: event.userHash,
            qualityScore: event.qualityScore,
            feedback: event.feedback,
          });
          if (outcomes) {
            const outcome: RowOutcome = { row: parsed.row, status: "accepted", eventId: event.eventId };
            outcomes.push(outcome);
            batchOutcomes.push(outcome);
          }
          if (batch.length >= batchSize) await flush();
        }
        await flush();
        if (writing) await writing;
      } catch (error) {
        // Let the statement in flight finish before the transaction rolls back under it.
        await (writing as Promise<void> | null)?.catch(() => undefined);
        throw error;
      }
      if (strictFailed) throw new StrictImportFailed();
      await tx.query(
        `UPDATE "UsageImport" SET "state" = 'completed', "finishedAt" = timestamp 'epoch' + $2::int8 * interval '1 ms', "rowsTotal" = $3, "rowsAccepted" = $4,
             "rowsRejected" = $5, "duplicates" = $6, "errors" = $7::jsonb WHERE "id" = $1`,
        [record.id, Date.now(), report.rowsRead, report.accepted, report.rejected, report.duplicates, JSON.stringify(report.errors.slice(0, 1_000))],
      );
      await recordAuditSql(tx, actor, {
        action: "usage.import",
        targetType: "usage_import",
        targetId: record.id,
        after: {
          source: options.source,
          fileName: options.fileName ?? null,
          mode: options.mode,
          accepted: report.accepted,
          rejected: report.rejected,
          duplicates: report.duplicates,
          costsEstimated: report.costsEstimated,
          by: actorUserId(actor),
        },
      });
      report.importId = record.id;
    });
    report.written = true;
    if (options.pendingRollups && report.accepted > 0) pendingRollupFolder.schedule(db.sql);
    if (outcomes) report.outcomes = outcomes;
  } catch (error) {
    if (!(error instanceof StrictImportFailed)) throw error;
    // Nothing was written: the transaction rolled back.
    report.accepted = 0;
    report.duplicates = 0;
    report.costsEstimated = 0;
    report.written = false;
    // Strict failure: the good rows were not written either; say so row by row.
    if (outcomes) {
      for (const o of outcomes) {
        if (o.status !== "accepted") continue;
        o.status = "rejected";
        o.errors = [{ column: "_row", reason: "not written: the strict import failed on other rows" }];
      }
      report.outcomes = outcomes;
    }
  }
  return report;
}
