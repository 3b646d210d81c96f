import "server-only";
// Writes usage events in bulk: one statement per batch that reads the rows from one text parameter, skips
// event ids already stored (so re-ingesting changes nothing and a retried import never doubles an event)
// and reports which rows went in; then adds exactly those rows to the hourly rollups and the findings, in
// the caller's transaction, so aggregates and raw rows can never disagree. It runs unchanged on PGlite and
// PostgreSQL, and through Prisma's $queryRawUnsafe as well as a raw connection.
//
// Why one text parameter of tab-separated lines (measured on 5,000-row batches, see BENCHMARKS.md):
// Prisma spends ~25 µs a row passing 23 array parameters, and ~3 ms per MB passing one string; the
// server splits tab-separated text in ~1.9 µs a row, against ~4 µs for 23 array literals and ~7 µs for
// json_to_recordset. The format needs no escaping because validated text never holds a tab, a newline
// (control characters are rejected) or an empty string (blank means absent), so an empty field is NULL;
// a batch from a caller whose text breaks that rule goes as JSON instead. Prisma's createMany costs
// ~150 µs a row (docs/layout.md).
import { trafficGroups, recordFindings } from "./usage-findings";
import { accumulateRollups, upsertRollups, writePendingRollups } from "./usage-rollup";

/** Runs one parameterised statement: a SqlExecutor's query, or a Prisma transaction's $queryRawUnsafe. */
export type RunQuery = (sql: string, params: unknown[]) => Promise<unknown[]>;

/** A row as stored: the parsed event plus the catalog ids it resolved to. */
export interface StoredUsageRow {
  eventId: string;
  timestamp: Date | number;
  model: string;
  responseModel: string | null;
  provider: string | null;
  workflow: string | null;
  bundle: string | null;
  modelId: string | null;
  workflowId: string | null;
  latencyMs: number | null;
  ttftMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  costEstimated: boolean;
  status: "ok" | "error";
  errorType: string | null;
  isFallback: boolean;
  retries: number;
  region: string | null;
  userHash: string | null;
  qualityScore: number | null;
  feedback: number | null;
}

const COLUMNS = [
  ["eventId", "text"],
  ["timestamp", "timestamp(3)"],
  ["model", "text"],
  ["responseModel", "text"],
  ["provider", "text"],
  ["workflow", "text"],
  ["bundle", "text"],
  ["modelId", "text"],
  ["workflowId", "text"],
  ["latencyMs", "int4"],
  ["ttftMs", "int4"],
  ["inputTokens", "int4"],
  ["outputTokens", "int4"],
  ["costUsd", "float8"],
  ["costEstimated", "bool"],
  ["status", "text"],
  ["errorType", "text"],
  ["isFallback", "bool"],
  ["retries", "int4"],
  ["region", "text"],
  ["userHash", "text"],
  ["qualityScore", "float8"],
  ["feedback", "int4"],
] as const satisfies readonly (readonly [keyof StoredUsageRow, string])[];

const q = (name: string) => `"${name}"`;

const insertFrom = (source: string, value: (column: string, type: string, index: number) => string) => `WITH inserted AS (
  INSERT INTO "UsageEvent" (${COLUMNS.map(([c]) => q(c)).join(", ")}, "importId")
  SELECT ${COLUMNS.map(([c, type], i) => (c === "status" ? `${value(c, "text", i)}::"UsageStatus"` : value(c, type, i))).join(", ")}, $2::text
  FROM ${source}
  ON CONFLICT ("eventId") DO NOTHING
  RETURNING "eventId"
)
SELECT count(*)::int AS n, CASE WHEN count(*) < $3::int THEN array_agg("eventId") END AS ids FROM inserted`;

// $1 the rows, $2 the import id, $3 the number of rows. The ids come back only when some row was not
// inserted (nearly never): returning thousands of ids per batch to learn that all of them went in would
// cost more than the insert's bookkeeping.
// Timestamps travel as epoch milliseconds: cheaper to write than ISO text, and the arithmetic is exact
// (an int8 of milliseconds times a 1 ms interval; any instant from 2000 on is far below 2^53 µs).
const INSERT_TSV_SQL = insertFrom(`string_to_table($1::text, E'\\n') AS line, LATERAL string_to_array(line, E'\\t', '') AS f`, (column, type, i) =>
  column === "timestamp" ? `timestamp 'epoch' + f[${i + 1}]::int8 * interval '1 ms'` : type === "text" ? `f[${i + 1}]` : `f[${i + 1}]::${type}`,
);
const INSERT_JSON_SQL = insertFrom(`json_to_recordset($1::json) AS u(${COLUMNS.map(([c, type]) => `${q(c)} ${type}`).join(", ")})`, (c) => `u.${q(c)}`);

export interface InsertResult {
  inserted: number;
  /** Ids of the rows that went in (the others were already stored, or repeated within the batch). */
  newIds: Set<string>;
}

const UNSAFE = Symbol("unsafe");

/** A text field: "" for absent; an empty value would read back as absent, so the batch goes as JSON. */
function textField(v: string | null): string {
  if (v === null) return "";
  if (v.length === 0) throw UNSAFE;
  return v;
}
const valueField = (v: number | boolean | null) => (v === null ? "" : `${v}`);

const FIELDS_PER_LINE = COLUMNS.length;

/**
 * The batch as tab-separated lines in COLUMNS order, or null when some text value cannot be carried (an
 * empty string, or a tab or newline: counted once over the whole text, which is cheaper than looking
 * into every value).
 */
export function batchTsv(rows: readonly StoredUsageRow[]): string | null {
  const lines = new Array<string>(rows.length);
  try {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      const epochMs = typeof r.timestamp === "number" ? Math.trunc(r.timestamp) : r.timestamp.getTime();
      if (!Number.isFinite(epochMs)) throw new RangeError("Invalid time value");
      lines[i] =
        `${textField(r.eventId)}\t${epochMs}\t${textField(r.model)}\t${textField(r.responseModel)}\t${textField(r.provider)}\t` +
        `${textField(r.workflow)}\t${textField(r.bundle)}\t${textField(r.modelId)}\t${textField(r.workflowId)}\t` +
        `${valueField(r.latencyMs)}\t${valueField(r.ttftMs)}\t${valueField(r.inputTokens)}\t${valueField(r.outputTokens)}\t` +
        `${valueField(r.costUsd)}\t${valueField(r.costEstimated)}\t${textField(r.status)}\t${textField(r.errorType)}\t` +
        `${valueField(r.isFallback)}\t${valueField(r.retries)}\t${textField(r.region)}\t${textField(r.userHash)}\t` +
        `${valueField(r.qualityScore)}\t${valueField(r.feedback)}`;
    }
  } catch (error) {
    if (error === UNSAFE) return null;
    throw error;
  }
  const text = lines.join("\n");
  return occurrences(text, "\t") === rows.length * (FIELDS_PER_LINE - 1) && occurrences(text, "\n") === rows.length - 1 ? text : null;
}

function occurrences(text: string, char: string): number {
  let n = 0;
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) n++;
  return n;
}

/**
 * JSON.stringify writes a lone UTF-16 surrogate (possible in a JSON source: "\\ud800") as an escape that
 * PostgreSQL's JSON reader refuses; the text protocol stores it as U+FFFD, which this keeps.
 */
export function withoutLoneSurrogates(json: string): string {
  if (!/\\u[dD][89a-fA-F]/.test(json)) return json;
  return json.replace(/(\\+)u([dD][89a-fA-F][0-9a-fA-F]{2})/g, (match, slashes: string) => (slashes.length % 2 === 1 ? `${slashes}ufffd` : match));
}

/** The batch as a JSON array of objects keyed by StoredUsageRow's names (timestamps as ISO text). */
export function batchJson(rows: readonly StoredUsageRow[]): string {
  const dated = rows.some((r) => typeof r.timestamp === "number") ? rows.map((r) => ({ ...r, timestamp: new Date(r.timestamp) })) : rows;
  return withoutLoneSurrogates(JSON.stringify(dated));
}

/**
 * How the new rows reach the rollups: "direct" adds them to the rollup tables (file imports: big batches),
 * "pending" appends them to the pending table for the folder (online ingest: small concurrent batches).
 */
export type RollupWrite = "direct" | "pending";

/** Inserts one batch, then adds the new rows to the rollups and findings. */
export async function insertUsageBatch(
  run: RunQuery,
  rows: readonly StoredUsageRow[],
  importId: string | null,
  rollups: RollupWrite = "direct",
): Promise<InsertResult> {
  if (rows.length === 0) return { inserted: 0, newIds: new Set() };
  const writeRollups = rollups === "pending" ? writePendingRollups : upsertRollups;
  const tsv = batchTsv(rows);
  const [result] = (await run(tsv === null ? INSERT_JSON_SQL : INSERT_TSV_SQL, [tsv ?? batchJson(rows), importId, rows.length])) as {
    n: number;
    ids: string[] | null;
  }[];
  const inserted = Number(result?.n ?? 0);
  if (inserted === 0) return { inserted: 0, newIds: new Set() };
  if (inserted === rows.length) {
    // Every row went in, so no id repeats within the batch. The id set is built only if someone asks
    // (per-row outcomes): a file import never does.
    await writeRollups(run, accumulateRollups(rows));
    await recordFindings(run, trafficGroups(rows));
    let ids: Set<string> | undefined;
    return {
      inserted,
      get newIds() {
        return (ids ??= new Set(rows.map((r) => r.eventId)));
      },
    };
  }
  const newIds = new Set(result.ids ?? []);
  // A row repeated within the batch went in once: take the first occurrence of each new id.
  const pending = new Set(newIds);
  const fresh = rows.filter((r) => pending.delete(r.eventId));
  await writeRollups(run, accumulateRollups(fresh));
  await recordFindings(run, trafficGroups(fresh));
  return { inserted, newIds };
}
