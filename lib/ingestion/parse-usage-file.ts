// Streaming parsers for usage files: CSV, JSONL/NDJSON and LiteLLM spend-log exports (CSV, JSON array or
// JSONL), optionally gzip-compressed. Input is a byte stream; output is an async iterable of validated
// events and row errors, one at a time, so a 1 GB file goes through bounded memory.
//
// Row numbers are counted as a person counts them: in CSV the header is row 1 and a record's row is the
// line it starts on (blank lines count, as in an editor or a spreadsheet); in JSONL the first line is row
// 1; in a JSON array the first element is row 1. Row 0 is the file as a whole.
//
// Decisions:
// - Encoding: UTF-8 only. A UTF-8 BOM is stripped; a UTF-16/UTF-32 BOM is a file error. Invalid UTF-8 is
//   a row error naming the row (and, in CSV, the column: csv-parse decodes with U+FFFD replacement, so a
//   U+FFFD in a field is reported as invalid UTF-8 — a file that genuinely contains U+FFFD is rejected
//   too, which we accept: it means the text was already damaged).
// - CSV: the header is required; delimiter `,` only (a header that is one column containing `;` or a tab
//   is a file error naming the delimiter); RFC 4180 quoting. Unknown, duplicate or missing required
//   header columns are file errors (every row would fail the same way). A stray or unterminated quote is
//   a row error; csv-parse recovers at the next record for a stray quote, while an unterminated quote
//   swallows the rest of the file (bounded by the record limit).
// - Sizes: one line / record / JSON-array element may be at most `maxRecordBytes` (1 MiB). In JSONL an
//   over-long line is a row error and parsing continues (the bytes are dropped as they arrive, never
//   buffered). In CSV and JSON arrays, where a record can span lines, it is a file error and parsing
//   stops.
// - Gzip: by `.gz` name, `Content-Encoding`/content type, or the 1f 8b magic bytes; inflated with
//   byte-stream.ts (node:zlib, streaming). Inflating past `maxDecompressedBytes` (1 GiB, the upload limit) or past
//   `maxCompressionRatio` (200:1, measured once at least 1 MiB came out — real logs compress 5–30:1) is
//   a file error: a compression bomb stops within one chunk.
// - Content sniffing: PNG/JPEG/GIF/PDF/ZIP magic, NUL bytes or a leading `<` (HTML/XML) are file errors;
//   an empty or whitespace-only file is a file error.
// - Duplicates: the same event_id (or content hash) twice in one file is reported on the later row as
//   `{ row, duplicateOf, eventId }`, not an error: re-sending an event is normal and the first one wins.
//   The first `maxTrackedIds` (200,000; ~22 MB of 64-character ids) are remembered; past that, the writer's primary key
//   (ON CONFLICT DO NOTHING) still keeps ingest idempotent, it is just not reported per row.
// - LiteLLM spend logs (LiteLLM_SpendLogs columns; detected by `request_id` + `startTime`, or by
//   `source: "litellm"`): request_id → event_id; startTime → timestamp; request_duration_ms, else
//   endTime − startTime → latency_ms; completionStartTime − startTime → ttft_ms when it is before endTime
//   (LiteLLM sets it to endTime for non-streaming calls, which says nothing about the first token);
//   model_group (the name the caller asked for) → model, and model (the deployment actually called) →
//   response_model, or model → model when model_group is empty; custom_llm_provider → provider;
//   spend → cost_usd; prompt_tokens → input_tokens; completion_tokens → output_tokens; status
//   success/failure → ok/error (empty → ok); metadata.error_information.error_class → error_type;
//   end_user, else user → user (hashed); request_tags `workflow:<name>` / `bundle:<name>`, else
//   metadata.workflow / metadata.bundle → workflow / bundle. Every other LiteLLM column (api_key,
//   messages, response, proxy_server_request, …) is dropped, never stored: they hold keys and prompts.
//   LiteLLM writes DateTime columns without a zone (Postgres `timestamp(3)`), so for LiteLLM sources
//   zone-less timestamps are read as UTC; a column that is neither ours nor LiteLLM's is still an error.
import { Readable } from "node:stream";
import { parse as csvParse, type CsvError, type InfoRecord } from "csv-parse";
import { type ByteSource, byteChunks, decompressed } from "./byte-stream";
import {
  type EventOptions,
  type RowError,
  type UsageEvent,
  REQUIRED_COLUMNS,
  USAGE_COLUMNS,
  parseTimestamp,
  toUsageEvent,
  usageRecordSchema,
} from "./usage-event";

export type ParsedRow =
  { row: number; event: UsageEvent } | { row: number; errors: RowError[]; fatal?: true } | { row: number; duplicateOf: number; eventId: string };

export type UsageFileFormat = "csv" | "jsonl" | "json";
export type UsageSource = "warden" | "litellm";

export interface ParseUsageOptions extends Omit<EventOptions, "naiveTimestampsAreUtc"> {
  fileName?: string;
  contentType?: string;
  contentEncoding?: string;
  format?: UsageFileFormat;
  source?: UsageSource;
  maxRecordBytes?: number;
  maxDecompressedBytes?: number;
  maxCompressionRatio?: number;
  maxTrackedIds?: number;
  /** false: every CSV line through csv-parse, none split directly (for comparing the two; default true). */
  csvFastPath?: boolean;
}

export const PARSE_DEFAULTS = {
  maxRecordBytes: 1024 * 1024,
  maxDecompressedBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioCheckAfterBytes: 1024 * 1024,
  maxTrackedIds: 200_000,
} as const;

/** A Node stream (a file), a request body, chunks or bytes: see byte-stream.ts. */
export type ByteInput = ByteSource;

/** A problem with the file as a whole: reported once, then parsing stops. */
class FileError extends Error {
  constructor(
    readonly row: number,
    readonly column: string,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const LITELLM_COLUMNS = new Set([
  "request_id",
  "call_type",
  "api_key",
  "spend",
  "total_tokens",
  "prompt_tokens",
  "completion_tokens",
  "startTime",
  "endTime",
  "request_duration_ms",
  "completionStartTime",
  "model",
  "model_id",
  "model_group",
  "custom_llm_provider",
  "api_base",
  "user",
  "metadata",
  "cache_hit",
  "cache_key",
  "request_tags",
  "team_id",
  "organization_id",
  "end_user",
  "requester_ip_address",
  "messages",
  "response",
  "session_id",
  "status",
  "mcp_namespaced_tool_name",
  "agent_id",
  "proxy_server_request",
]);
const OUR_COLUMNS = new Set<string>(USAGE_COLUMNS);

// ---------------------------------------------------------------------------------------------------------
// Bytes in

function sniffBinary(head: Buffer): string | null {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return "a PNG image";
  if (starts(0xff, 0xd8, 0xff)) return "a JPEG image";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "a GIF image";
  if (starts(0x25, 0x50, 0x44, 0x46)) return "a PDF document";
  if (starts(0x50, 0x4b, 0x03, 0x04)) return "a ZIP archive (xlsx?)";
  if (starts(0x00, 0x00, 0xfe, 0xff) || starts(0xff, 0xfe, 0x00, 0x00)) return "UTF-32 text";
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return "UTF-16 text";
  if (head.subarray(0, 4096).includes(0)) return "binary data (contains NUL bytes)";
  return null;
}

function firstNonSpace(head: Buffer): string {
  for (const b of head) if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return String.fromCharCode(b);
  return "";
}

function decideFormat(options: ParseUsageOptions, first: string): UsageFileFormat {
  if (options.format) return options.format;
  const ct = (options.contentType ?? "").toLowerCase().split(";")[0].trim();
  if (ct === "text/csv" || ct === "application/csv") return "csv";
  if (ct === "application/x-ndjson" || ct === "application/jsonl" || ct === "application/x-jsonlines") return "jsonl";
  if (ct === "application/json") return first === "[" ? "json" : "jsonl";
  const name = (options.fileName ?? "").toLowerCase().replace(/\.gz$/, "");
  if (name.endsWith(".csv")) return "csv";
  if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return "jsonl";
  if (name.endsWith(".json")) return first === "[" ? "json" : "jsonl";
  if (first === "[") return "json";
  if (first === "{") return "jsonl";
  return "csv";
}

/** The format of a file judged by its first bytes, or a file error when they are not UTF-8 CSV or JSON. */
function sniffFormat(head: Buffer, options: ParseUsageOptions): UsageFileFormat {
  const binary = sniffBinary(head);
  if (binary) throw new FileError(0, "_file", `the file is ${binary}, not UTF-8 CSV or JSON lines`);
  let body: Buffer = head;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) body = head.subarray(3);
  const first = firstNonSpace(body);
  if (first === "") throw new FileError(0, "_file", "the file is empty");
  if (first === "<") throw new FileError(0, "_file", "the file looks like HTML or XML, not CSV or JSON lines");
  return decideFormat(options, first);
}

// ---------------------------------------------------------------------------------------------------------
// Records out

type RawRecord = { row: number; record: Record<string, unknown> } | { row: number; errors: RowError[] };

/** JSONL: split bytes at \n without buffering more than maxRecordBytes of one line. */
async function* jsonlRecords(source: AsyncIterable<Uint8Array>, maxRecordBytes: number): AsyncGenerator<RawRecord> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let line = 0;
  function finish(): RawRecord | null {
    line++;
    const bytes = Buffer.concat(parts);
    const wasTooLong = tooLong;
    parts = [];
    length = 0;
    tooLong = false;
    if (wasTooLong) return { row: line, errors: [{ column: "_row", reason: `line is longer than the limit of ${maxRecordBytes} bytes` }] };
    let text: string;
    try {
      text = decoder.decode(bytes);
    } catch {
      return { row: line, errors: [{ column: "_row", reason: "invalid UTF-8 (the file must be UTF-8 encoded)" }] };
    }
    if (text.trim() === "") return null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { row: line, errors: [{ column: "_row", reason: `invalid JSON: ${(e as Error).message}` }] };
    }
    if (Array.isArray(value)) {
      return { row: line, errors: [{ column: "_row", reason: "line is a JSON array; JSONL needs one JSON object per line" }] };
    }
    if (value === null || typeof value !== "object") {
      return { row: line, errors: [{ column: "_row", reason: `line is a JSON ${value === null ? "null" : typeof value}; expected an object` }] };
    }
    return { row: line, record: value as Record<string, unknown> };
  }
  function add(piece: Buffer) {
    if (tooLong) return;
    if (length + piece.length > maxRecordBytes) {
      tooLong = true;
      parts = [];
      return;
    }
    parts.push(piece);
    length += piece.length;
  }
  for await (const chunk of source) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(0x0a, start);
      if (nl === -1) break;
      add(buf.subarray(start, nl));
      const r = finish();
      if (r) yield r;
      start = nl + 1;
    }
    if (start < buf.length) add(Buffer.from(buf.subarray(start)));
  }
  if (length > 0 || tooLong) {
    const r = finish();
    if (r) yield r;
  }
}

/** A JSON array of objects, element by element, without holding more than one element. */
async function* jsonArrayRecords(source: AsyncIterable<Uint8Array>, maxRecordBytes: number): AsyncGenerator<RawRecord> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let state: "start" | "value" | "after" | "done" = "start";
  let element = "";
  let depth = 0;
  let inString = false;
  let escaped = false;
  let index = 0;
  function emit(): RawRecord {
    index++;
    const text = element.trim();
    element = "";
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      return { row: index, errors: [{ column: "_row", reason: `invalid JSON: ${(e as Error).message}` }] };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { row: index, errors: [{ column: "_row", reason: "array element is not a JSON object" }] };
    }
    return { row: index, record: value as Record<string, unknown> };
  }
  const out: RawRecord[] = [];
  function scan(text: string) {
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (state === "start") {
        if (c === "[") {
          state = "value";
          from = i + 1;
        } else if (!/\s/.test(c)) throw new FileError(0, "_file", "expected a JSON array of objects");
        continue;
      }
      if (state === "done") {
        if (!/\s/.test(c)) throw new FileError(index, "_file", "unexpected data after the end of the JSON array");
        continue;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        if (depth === 0 && c === "]") {
          element += text.slice(from, i);
          if (element.trim() !== "") out.push(emit());
          else if (index > 0) throw new FileError(index + 1, "_row", "trailing comma before ] in JSON array");
          state = "done";
          continue;
        }
        depth--;
      } else if (c === "," && depth === 0) {
        element += text.slice(from, i);
        if (element.trim() === "") throw new FileError(index + 1, "_row", "empty element in JSON array");
        out.push(emit());
        from = i + 1;
      }
    }
    if (state === "value") {
      element += text.slice(from);
      if (element.length > maxRecordBytes) {
        throw new FileError(index + 1, "_row", `array element is longer than the limit of ${maxRecordBytes} bytes`);
      }
    }
  }
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new FileError(index + 1, "_row", "invalid UTF-8 (the file must be UTF-8 encoded)");
    }
    scan(text);
    yield* out.splice(0);
  }
  if ((state as string) !== "done") throw new FileError(index + 1, "_file", "the JSON array is not closed (truncated file?)");
}

type CsvRow = { record: string[]; info: { lines: number }; raw: string };

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * CSV via csv-parse: header check, then one raw record per data row keyed by header names.
 *
 * Lines without a quote or a carriage return mean the same to every CSV reader: the fields between the
 * commas. Those (nearly every line of a machine-written log) are split here directly, at a tenth of
 * csv-parse's cost per row. At the first line holding a quote or a CR, the rest of the file goes to
 * csv-parse, set up as it would be at that point of the file (record delimiter "\n", found on the lines
 * before; no BOM; line numbers continuing), so quoting, its errors and their row numbers are csv-parse's
 * own. `fastPath: false` sends the whole file to csv-parse (the tests compare both).
 */
async function* csvRecords(
  source: AsyncIterable<Uint8Array>,
  maxRecordBytes: number,
  sourceKind: UsageSource | undefined,
  setSource: (s: UsageSource) => void,
  fastPath = true,
): AsyncGenerator<RawRecord> {
  // A line guard in front of csv-parse: a record may span lines inside quotes, but no single line may
  // exceed the limit, and csv-parse's own max_record_size stops an unterminated quote from growing.
  let line = 1;
  let lineBytes = 0;
  async function* guarded() {
    for await (const chunk of source) {
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        const end = nl === -1 ? chunk.length : nl;
        lineBytes += end - start;
        if (lineBytes > maxRecordBytes) {
          throw new FileError(line, "_row", `line is longer than the limit of ${maxRecordBytes} bytes`);
        }
        if (nl === -1) break;
        line++;
        lineBytes = 0;
        start = nl + 1;
      }
      yield chunk;
    }
  }

  let header: string[] | null = null;
  let kind = sourceKind;
  /** One record's fields at its row: the header, a blank line (null) or a data row. */
  function take(fields: string[], row: number): RawRecord | null {
    const blank = fields.length === 1 && fields[0].trim() === "";
    if (header === null) {
      if (blank) return null;
      header = fields.map((f) => f.trim());
      kind = checkHeader(header, row, kind);
      setSource(kind);
      return null;
    }
    if (blank) return null;
    if (fields.length !== header.length) {
      return { row, errors: [{ column: "_row", reason: `expected ${header.length} fields as in the header, found ${fields.length}` }] };
    }
    const errors: RowError[] = [];
    const record: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) {
      if (fields[i].includes("\ufffd")) errors.push({ column: header[i], reason: "invalid UTF-8 (the file must be UTF-8 encoded)" });
      record[header[i]] = fields[i];
    }
    return errors.length ? { row, errors } : { row, record };
  }

  const chunks = guarded()[Symbol.asyncIterator]();
  // Lines the fast path took whole; csv-parse, if it takes over, numbers its lines after them.
  let linesDone = 0;
  // The bytes csv-parse starts with: the line the fast path stopped at and the rest of its chunk.
  let handover: Buffer | null = null;
  if (fastPath) {
    let carry: Buffer | null = null;
    let first = true;
    for (;;) {
      const next = await chunks.next();
      if (next.done) break;
      let buf = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
      if (carry) buf = Buffer.concat([carry, buf]);
      if (first) {
        first = false;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
      }
      // Where csv-parse must take over: the first quote or CR of the chunk.
      const quote = buf.indexOf(QUOTE);
      const cr = buf.indexOf(CR);
      const special = quote === -1 ? cr : cr === -1 ? quote : Math.min(quote, cr);
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(LF, start);
        if (nl === -1) break;
        if (special !== -1 && special < nl) {
          handover = buf.subarray(start);
          break;
        }
        linesDone++;
        const record = take(buf.toString("utf8", start, nl).split(","), linesDone);
        if (record) yield record;
        start = nl + 1;
      }
      if (handover) break;
      carry = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
    }
    if (!handover && carry) {
      // The last line, without a newline at the end of the file.
      if (carry.includes(QUOTE) || carry.includes(CR)) handover = carry;
      else {
        linesDone++;
        const record = take(carry.toString("utf8").split(","), linesDone);
        if (record) yield record;
      }
    }
    if (!handover) {
      if (header === null) throw new FileError(1, "_file", "the file has no header row");
      return;
    }
  }

  const skipped: { row: number; error: RowError; fatal: boolean }[] = [];
  const offset = linesDone;
  let lastEnd = offset;
  const parser = csvParse({
    // From the start of the file: csv-parse finds the BOM and the record delimiter itself.
    ...(offset === 0 ? { bom: true } : { bom: false, record_delimiter: "\n" }),
    delimiter: ",",
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: false,
    max_record_size: maxRecordBytes,
    skip_records_with_error: true,
    // Runs synchronously as records are parsed, so error positions below are current (records are
    // consumed asynchronously, later).
    on_record: (record: string[], context: InfoRecord) => {
      lastEnd = offset + context.lines;
      return record;
    },
    on_skip: (err: CsvError | undefined) => {
      if (!err) return;
      const code = err.code;
      const errLines = (err as unknown as { lines?: number }).lines;
      const lines = errLines === undefined ? lastEnd + 1 : offset + errLines;
      if (code === "CSV_QUOTE_NOT_CLOSED") {
        skipped.push({ row: lastEnd + 1, error: { column: "_row", reason: 'unterminated quoted field (a " is opened and never closed)' }, fatal: false });
      } else if (code === "INVALID_OPENING_QUOTE" || code === "CSV_INVALID_CLOSING_QUOTE") {
        skipped.push({ row: lines, error: { column: "_row", reason: `stray quote: ${err.message.replace(/^[^:]*:\s*/, "")}` }, fatal: false });
      } else if (code === "CSV_MAX_RECORD_SIZE") {
        skipped.push({ row: lastEnd + 1, error: { column: "_row", reason: `record is longer than the limit of ${maxRecordBytes} bytes` }, fatal: true });
      } else {
        skipped.push({ row: lines, error: { column: "_row", reason: err.message }, fatal: false });
      }
    },
  });
  const rest = handover;
  async function* remaining() {
    if (rest) yield rest;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      yield next.value;
    }
  }
  const src = Readable.from(remaining());
  src.on("error", (e) => parser.destroy(e));
  src.pipe(parser);

  try {
    const flushBefore = function* (row: number): Generator<RawRecord> {
      while (skipped.length && skipped[0].row < row) {
        const s = skipped.shift()!;
        if (s.fatal) throw new FileError(s.row, s.error.column, s.error.reason);
        yield { row: s.row, errors: [s.error] };
      }
    };
    for await (const item of parser as AsyncIterable<CsvRow>) {
      const newlines = (item.raw.replace(/\r?\n$/, "").match(/\n/g) ?? []).length;
      const row = offset + item.info.lines - newlines;
      yield* flushBefore(row);
      const record = take(item.record, row);
      if (record) yield record;
    }
    yield* flushBefore(Number.POSITIVE_INFINITY);
    if (header === null) throw new FileError(1, "_file", "the file has no header row");
  } finally {
    src.destroy();
    parser.destroy();
  }
}

function checkHeader(header: string[], row: number, kind: UsageSource | undefined): UsageSource {
  if (header.length === 1) {
    if (header[0].includes(";")) throw new FileError(row, "_file", "the file looks semicolon-separated; only comma-separated CSV is accepted");
    if (header[0].includes("\t")) throw new FileError(row, "_file", "the file looks tab-separated; only comma-separated CSV is accepted");
  }
  const seen = new Set(header);
  const source: UsageSource = kind ?? (seen.has("request_id") && seen.has("startTime") ? "litellm" : "warden");
  const known = source === "litellm" ? LITELLM_COLUMNS : OUR_COLUMNS;
  const unknown = [...seen].filter((h) => !known.has(h));
  if (unknown.length === seen.size) {
    throw new FileError(row, "_file", `row ${row} is not a header: expected column names such as ${REQUIRED_COLUMNS.join(", ")}`);
  }
  const dups = header.filter((h, i) => header.indexOf(h) !== i);
  if (dups.length) throw new FileError(row, [...new Set(dups)].join(","), `duplicate column(s) in the header: ${[...new Set(dups)].join(", ")}`);
  if (unknown.length) {
    const names = unknown.map((u) => (u === "" ? "(empty name)" : u));
    throw new FileError(row, unknown.join(","), `unknown column(s): ${names.join(", ")}`);
  }
  const required = source === "litellm" ? ["startTime", "model"] : REQUIRED_COLUMNS;
  const missing = required.filter((c) => !seen.has(c));
  if (missing.length) throw new FileError(row, missing.join(","), `missing required column(s): ${missing.join(", ")}`);
  return source;
}

// ---------------------------------------------------------------------------------------------------------
// LiteLLM mapping

function asJsonObject(v: unknown): Record<string, unknown> | null {
  if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  if (typeof v === "string" && v.trim().startsWith("{")) {
    try {
      const parsed: unknown = JSON.parse(v);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      /* an unreadable metadata blob only loses the optional fields taken from it */
    }
  }
  return null;
}

function asStringArray(v: unknown): string[] {
  let value = v;
  if (typeof v === "string" && v.trim().startsWith("[")) {
    try {
      value = JSON.parse(v);
    } catch {
      return [];
    }
  }
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
}

const present = (v: unknown) => v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");

/** Maps a LiteLLM spend-log record to our column names; errors name LiteLLM's columns. */
export function mapLiteLlmRecord(r: Record<string, unknown>, options: EventOptions): { record: Record<string, unknown> } | { errors: RowError[] } {
  const unknown = Object.keys(r).filter((k) => !LITELLM_COLUMNS.has(k));
  if (unknown.length) return { errors: unknown.map((k) => ({ column: k, reason: "unknown column for a LiteLLM spend-log export" })) };
  const errors: RowError[] = [];
  const time = (col: string, required: boolean): Date | null => {
    const v = r[col];
    if (!present(v)) {
      if (required) errors.push({ column: col, reason: "is required" });
      return null;
    }
    const t = parseTimestamp(v, { ...options, naiveTimestampsAreUtc: true });
    if ("reason" in t) {
      errors.push({ column: col, reason: t.reason });
      return null;
    }
    return t.date;
  };
  const start = time("startTime", true);
  const end = time("endTime", false);
  const firstToken = time("completionStartTime", false);
  if (errors.length) return { errors };
  const metadata = asJsonObject(r.metadata) ?? {};
  const errorInfo = asJsonObject(metadata.error_information);
  const tags = asStringArray(r.request_tags);
  const tag = (prefix: string) => tags.find((t) => t.startsWith(`${prefix}:`))?.slice(prefix.length + 1);
  const status = String(r.status ?? "")
    .trim()
    .toLowerCase();
  let latency: unknown = r.request_duration_ms;
  if (!present(latency) && start && end) {
    latency = end.getTime() - start.getTime();
    if ((latency as number) < 0) return { errors: [{ column: "endTime", reason: "is before startTime" }] };
  }
  const ttft = start && firstToken && (!end || firstToken.getTime() < end.getTime()) ? firstToken.getTime() - start.getTime() : null;
  const group = present(r.model_group) ? r.model_group : null;
  const mapped: Record<string, unknown> = {
    event_id: r.request_id,
    timestamp: start!.toISOString(),
    model: group ?? r.model,
    response_model: group !== null ? r.model : null,
    provider: r.custom_llm_provider,
    workflow: tag("workflow") ?? metadata.workflow ?? null,
    bundle: tag("bundle") ?? metadata.bundle ?? null,
    latency_ms: latency,
    ttft_ms: ttft !== null && ttft >= 0 ? ttft : null,
    input_tokens: r.prompt_tokens,
    output_tokens: r.completion_tokens,
    cost_usd: r.spend,
    status: status === "" || status === "success" ? "ok" : status === "failure" ? "error" : status,
    error_type: status === "failure" ? (errorInfo?.error_class ?? null) : null,
    user: present(r.end_user) ? r.end_user : r.user,
  };
  return { record: mapped };
}

const LITELLM_ERROR_COLUMN: Record<string, string> = {
  event_id: "request_id",
  model: "model_group",
  response_model: "model",
  provider: "custom_llm_provider",
  latency_ms: "request_duration_ms",
  input_tokens: "prompt_tokens",
  output_tokens: "completion_tokens",
  cost_usd: "spend",
  user: "user",
  status: "status",
};

// ---------------------------------------------------------------------------------------------------------
// Entry point

export async function* parseUsageFile(input: ByteInput, options: ParseUsageOptions = {}): AsyncGenerator<ParsedRow> {
  const maxRecordBytes = options.maxRecordBytes ?? PARSE_DEFAULTS.maxRecordBytes;
  const maxTracked = options.maxTrackedIds ?? PARSE_DEFAULTS.maxTrackedIds;
  const eventOptions: EventOptions = { now: options.now, userHashSecret: options.userHashSecret };
  const schema = usageRecordSchema(eventOptions);
  const seen = new Map<string, number>();
  let lastRow = 0;
  try {
    const named = /\.gz$/i.test(options.fileName ?? "") || /gzip/i.test(options.contentEncoding ?? "") || /gzip/i.test(options.contentType ?? "");
    const { head, stream } = await decompressed(byteChunks(input), {
      declared: named ? "gzip" : "identity",
      peek: 4096,
      maxBytes: options.maxDecompressedBytes ?? PARSE_DEFAULTS.maxDecompressedBytes,
      maxRatio: options.maxCompressionRatio ?? PARSE_DEFAULTS.maxCompressionRatio,
      ratioCheckAfterBytes: PARSE_DEFAULTS.ratioCheckAfterBytes,
      errors: {
        tooLarge: (max) => new FileError(0, "_file", `decompressed size exceeds the limit of ${max} bytes (compression bomb?)`),
        ratio: (max) => new FileError(0, "_file", `decompression ratio exceeds ${max}:1 (compression bomb?)`),
        corrupt: (reason) => new FileError(0, "_file", `not a valid gzip stream: ${reason}`),
        notCompressed: () => new FileError(0, "_file", "the file is declared gzip (.gz) but is not gzip-compressed"),
      },
    });
    let format: UsageFileFormat;
    try {
      format = sniffFormat(head, options);
    } catch (error) {
      // Refused by its first bytes: the rest of the file (or request body) is not read, and it is closed.
      await stream.return?.();
      throw error;
    }

    let source: UsageSource | undefined = options.source;
    const raws: AsyncGenerator<RawRecord> =
      format === "csv"
        ? csvRecords(stream, maxRecordBytes, source, (s) => (source = s), options.csvFastPath ?? true)
        : format === "json"
          ? jsonArrayRecords(stream, maxRecordBytes)
          : jsonlRecords(stripBom(stream), maxRecordBytes);

    for await (const raw of raws) {
      lastRow = raw.row;
      if ("errors" in raw) {
        yield raw;
        continue;
      }
      let record = raw.record;
      if (format !== "csv" && source === undefined) {
        source = "request_id" in record && "startTime" in record ? "litellm" : "warden";
      }
      if (source === "litellm") {
        const mapped = mapLiteLlmRecord(record, eventOptions);
        if ("errors" in mapped) {
          yield { row: raw.row, errors: mapped.errors };
          continue;
        }
        record = mapped.record;
      }
      const result = toUsageEvent(record, eventOptions, schema);
      if (!result.ok) {
        const errors = source === "litellm" ? result.errors.map((e) => ({ ...e, column: LITELLM_ERROR_COLUMN[e.column] ?? e.column })) : result.errors;
        yield { row: raw.row, errors };
        continue;
      }
      const id = result.event.eventId;
      const firstRow = seen.get(id);
      if (firstRow !== undefined) {
        yield { row: raw.row, duplicateOf: firstRow, eventId: id };
        continue;
      }
      if (seen.size < maxTracked) seen.set(id, raw.row);
      yield { row: raw.row, event: result.event };
    }
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    yield { row: e.row || (e.column === "_file" ? 0 : lastRow + 1), errors: [{ column: e.column, reason: e.reason }], fatal: true };
  }
}

async function* stripBom(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let first = true;
  for await (const chunk of source) {
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) yield chunk.subarray(3);
    else yield chunk;
    first = false;
  }
}
