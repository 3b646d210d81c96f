// POST /api/v1/usage: batches of usage events (the fields of docs/data-formats.md) from machines with an API key
// scoped ingest:write, or an engineer's session.
//
// The request:
// - `Content-Type: application/json` with a JSON array of events or `{ "events": [...] }`, or
//   `application/x-ndjson` (also application/jsonl, application/x-jsonlines) with one event per line;
//   `Content-Encoding: gzip` (or a gzip body) is allowed. Anything else is 415.
// - At most 10 MiB as sent (BATCH_LIMITS.maxBodyBytes), 100 MiB once inflated, and 10,000 events; over
//   any of them is 413 and nothing is written. A declared Content-Length over the limit is refused before
//   the body is read; the body is also counted while it streams (chunked bodies, lying lengths).
// - `?mode=lenient` (default: the good events are written, the bad ones reported) or `?mode=strict`
//   (nothing is written when any event is bad).
//
// The answer, sent only after the transaction committed:
// - 200: every event accepted or a duplicate (already stored, or repeated in the batch).
// - 207 Multi-Status: some events rejected, the rest accepted or duplicates (lenient mode).
// - 422 `events_rejected`: nothing accepted — every event was bad (lenient), or strict mode refused the
//   batch because of a bad event (then nothing was written; good events say "not written").
// All three carry `{ importId, mode, written, accepted, duplicates, rejected, results: [{ index, status,
// eventId?, errors?: [{ field, reason }] }] }`, one result per event in order. `index` is the event's
// position from 0: the array index, or for NDJSON the line number − 1 (blank lines count). A field of
// `_event` means the event as a whole (not JSON, not an object).
// - 400 `bad_request`: the body is not a batch at all (broken JSON array, a lone object, nested gzip,
//   empty); 413 `payload_too_large`; 415 `unsupported_media_type`; 429 `rate_limited` with Retry-After
//   when the admission queue is full (the body is then never read).
// ingestUsageBatch returns the answer's body and which of the three it is; lib/http/ingest.ts reads the
// request and sends the answer.
import "server-only";
import type { Actor } from "@/lib/authz/actor";
import { assertCan } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import { DomainError } from "@/lib/errors";
import { type Admission, onlineIngest } from "./admission";
import { BodyTooLargeError, contentCoding, countedBytes, decompressed, isGzip } from "./byte-stream";
import { type IngestBody, UnsupportedMediaTypeError, mediaType } from "./ingest-request";
import { type ParsedRow, type UsageFileFormat, parseUsageFile } from "./parse-usage-file";
import { type ImportMode, type RowOutcome, importUsageRows, onlineCatalogCache } from "./usage-import";

export const BATCH_LIMITS = {
  maxBodyBytes: 10 * 1024 * 1024,
  maxInflatedBytes: 100 * 1024 * 1024,
  maxEvents: 10_000,
} as const;

export type BatchLimits = { [K in keyof typeof BATCH_LIMITS]: number };

const JSON_TYPES = new Set(["application/json"]);
const NDJSON_TYPES = new Set(["application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/ndjson"]);

export interface BatchResult {
  index: number;
  status: RowOutcome["status"];
  eventId?: string;
  errors?: { field: string; reason: string }[];
}

export interface BatchResponseBody {
  importId: string | null;
  mode: ImportMode;
  written: boolean;
  accepted: number;
  duplicates: number;
  rejected: number;
  costsEstimated: number;
  results: BatchResult[];
  error?: { code: string; message: string };
}

/** 200 (every event accepted or a duplicate), 207 (some rejected, lenient) or 422 (nothing accepted). */
export type BatchOutcome = "accepted" | "partial" | "rejected";

export interface BatchAnswer {
  outcome: BatchOutcome;
  body: BatchResponseBody;
}

export interface BatchInput extends IngestBody {
  /** The `mode` query parameter (null when absent). */
  mode: string | null;
}

export interface BatchOptions {
  admission?: Admission;
  limits?: Partial<BatchLimits>;
  /** "Now" for the far-future timestamp check (tests). */
  now?: Date;
}

const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
const count = (n: number) => n.toLocaleString("en-US");

/**
 * Reads, checks and imports one batch. Throws DomainError (400, 401/403, 413, 422 for a bad mode),
 * UnsupportedMediaTypeError (415) or RateLimitedError (429) when it is not answered with a result.
 */
export async function ingestUsageBatch(db: Database, actor: Actor | null, input: BatchInput, options: BatchOptions = {}): Promise<BatchAnswer> {
  const limits: BatchLimits = { ...BATCH_LIMITS, ...options.limits };
  assertCan(actor, "usage:ingest");
  const mode = batchMode(input.mode);
  const format = requestFormat(input);
  const tooLarge = () =>
    new BodyTooLargeError(
      `The request body is larger than ${mib(limits.maxBodyBytes)} (${count(limits.maxBodyBytes)} bytes), the limit for one batch; send at most ${count(limits.maxEvents)} events per request.`,
    );
  if (input.declaredLength != null && input.declaredLength > limits.maxBodyBytes) throw tooLarge();
  if (!input.body) throw new DomainError("bad_request", "The body is empty: send a JSON array of events or one event per line.");
  const body = input.body;
  // The slot is taken before the body is read: a refused request never costs its payload in memory.
  return (options.admission ?? onlineIngest).run(() =>
    ingest(db, actor, body, { mode, format, limits, tooLarge, now: options.now, declaredGzip: contentCoding(input.contentEncoding) === "gzip" }),
  );
}

function batchMode(value: string | null): ImportMode {
  if (value === null || value === "" || value === "lenient") return "lenient";
  if (value === "strict") return "strict";
  throw new DomainError("validation", `mode must be "strict" or "lenient", got ${JSON.stringify(value.slice(0, 40))}.`, {
    mode: ["must be strict or lenient"],
  });
}

function requestFormat(input: IngestBody): "json" | "ndjson" {
  const contentType = input.contentType;
  const type = mediaType(contentType);
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "")?.[1]?.toLowerCase();
  const supported =
    'Send application/json (an array of events or {"events": [...]}) or application/x-ndjson (one event per line), UTF-8, optionally gzip-compressed.';
  if (!JSON_TYPES.has(type) && !NDJSON_TYPES.has(type)) {
    throw new UnsupportedMediaTypeError(`${type ? `Content-Type ${type} is not accepted` : "The request has no Content-Type"}. ${supported}`);
  }
  if (charset && charset !== "utf-8" && charset !== "utf8") throw new UnsupportedMediaTypeError(`charset=${charset} is not accepted. ${supported}`);
  // Deflate is not taken here (byte-stream.ts could inflate it): only what batch clients were told.
  const coding = contentCoding(input.contentEncoding);
  if (coding !== "identity" && coding !== "gzip") {
    throw new UnsupportedMediaTypeError(`Content-Encoding ${typeof coding === "string" ? coding : coding.unsupported} is not accepted; use gzip or none.`);
  }
  return JSON_TYPES.has(type) ? "json" : "ndjson";
}

interface IngestInput {
  mode: ImportMode;
  format: "json" | "ndjson";
  limits: BatchLimits;
  tooLarge: () => BodyTooLargeError;
  now?: Date;
  declaredGzip: boolean;
}

async function ingest(db: Database, actor: Actor, body: ReadableStream<Uint8Array>, input: IngestInput): Promise<BatchAnswer> {
  const { chunks, count: bodyCount } = countedBytes(body, input.limits.maxBodyBytes, input.tooLarge);
  const guard = { events: 0, tooMany: false, fatal: null as { row: number; reason: string } | null };
  let rest: AsyncIterator<Uint8Array> | undefined;
  try {
    const { head, stream, compression } = await decompressed(chunks, {
      declared: input.declaredGzip ? "gzip" : "identity",
      peek: 4096,
      maxBytes: input.limits.maxInflatedBytes,
      errors: {
        tooLarge: (max) => new BodyTooLargeError(`The body inflates to more than ${mib(max)}, the limit for one batch once decompressed.`),
        corrupt: (reason) => new DomainError("bad_request", `The body is not a valid gzip stream: ${reason}.`),
        notCompressed: () => new DomainError("bad_request", "Content-Encoding says gzip but the body is not gzip-compressed."),
      },
    });
    rest = stream;
    if (compression && isGzip(head)) throw new DomainError("bad_request", "The body is gzip inside gzip; compress it once.");
    const { format, bytes } = batchShape(head, stream, input.format);
    const rows = guarded(parseUsageFile(bytes, { format, now: input.now }), input.limits.maxEvents, guard);
    const report = await importUsageRows(db, actor, rows, {
      mode: input.mode,
      source: "api",
      outcomes: true,
      pendingRollups: true,
      catalogCache: onlineCatalogCache(db),
    });

    if (guard.fatal) {
      // A body that is not a batch (a broken array, bytes after it, an oversized element): the import
      // stopped at it and rolled back.
      const where = guard.fatal.row > 0 ? ` (${format === "json" ? "element" : "line"} ${guard.fatal.row})` : "";
      throw new DomainError("bad_request", `The body is not a valid batch${where}: ${guard.fatal.reason}. Nothing was written.`);
    }
    const results: BatchResult[] = (report.outcomes ?? [])
      .filter((o) => o.row > 0)
      .map((o) => ({
        index: o.row - 1,
        status: o.status,
        ...(o.eventId ? { eventId: o.eventId } : {}),
        ...(o.errors ? { errors: o.errors.map((e) => ({ field: e.column === "_row" ? "_event" : e.column, reason: e.reason })) } : {}),
      }));
    const answer: BatchResponseBody = {
      importId: report.importId,
      mode: report.mode,
      written: report.written,
      accepted: report.accepted,
      duplicates: report.duplicates,
      rejected: report.rejected,
      costsEstimated: report.costsEstimated,
      results,
    };
    if (report.rejected === 0 && report.written) return { outcome: "accepted", body: answer };
    if (report.written && report.accepted + report.duplicates > 0) return { outcome: "partial", body: answer };
    answer.error = {
      code: "events_rejected",
      message: report.written
        ? `All ${count(report.rejected)} events were rejected; see results for each event's errors.`
        : `Strict mode: ${count(report.rejected)} of ${count(report.rowsRead)} events were rejected, so nothing was written. Fix them and send the whole batch again, or use ?mode=lenient.`,
    };
    return { outcome: "rejected", body: answer };
  } catch (error) {
    // Whichever layer noticed first (a parser may wrap the error in its own), an oversized body is a 413.
    if (bodyCount.exceeded) throw bodyCount.exceeded;
    if (guard.tooMany) {
      throw new DomainError(
        "payload_too_large",
        `The batch holds more than ${count(input.limits.maxEvents)} events, the limit for one request; split it. Nothing was written.`,
      );
    }
    throw error;
  } finally {
    // What was not read of the body (a batch refused by its first bytes or its import stopped early) is
    // closed, the request stream cancelled. Not awaited: the answer does not wait for a read under way.
    void Promise.resolve(rest?.return?.())
      .then(() => chunks.return(undefined))
      .catch(() => undefined);
  }
}

/**
 * Decides how the (inflated) bytes are parsed: a JSON array, `{ "events": [...] }` unwrapped to its
 * array, or NDJSON. A lone object or other JSON is refused here, before anything is imported.
 */
function batchShape(
  head: Buffer,
  stream: AsyncIterable<Uint8Array>,
  declared: "json" | "ndjson",
): { format: UsageFileFormat; bytes: AsyncIterable<Uint8Array> } {
  const text = new TextDecoder().decode(head).replace(/^\uFEFF/, "");
  const first = text.trimStart().charAt(0);
  if (first === "") throw new DomainError("bad_request", "The body is empty: send at least one event.");
  if (declared === "ndjson") {
    if (first === "[")
      throw new DomainError("bad_request", "An NDJSON body holds one JSON object per line; send a JSON array as Content-Type: application/json.");
    return { format: "jsonl", bytes: stream };
  }
  if (first === "[") return { format: "json", bytes: stream };
  const wrapper = /^\uFEFF?\s*\{\s*"events"\s*:\s*\[/.exec(new TextDecoder().decode(head));
  if (!wrapper) {
    const found = first === "{" ? 'an object without an "events" array first' : `text starting with ${JSON.stringify(first)}`;
    throw new DomainError("bad_request", `Expected a JSON array of events or {"events": [...]}, found ${found}.`);
  }
  return { format: "json", bytes: unwrapEvents(stream, Buffer.byteLength(wrapper[0]) - 1) };
}

const isSpace = (b: number) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/**
 * `{ "events": [ ... ] }` → `[ ... ]` as a stream: drops the bytes before the array and the object's
 * closing brace after it. Trailing whitespace and braces are held back until more bytes show they were
 * inside the array; at the end exactly one `}` must remain.
 */
async function* unwrapEvents(source: AsyncIterable<Uint8Array>, skip: number): AsyncGenerator<Uint8Array> {
  let toSkip = skip;
  let held = Buffer.alloc(0);
  for await (const chunk of source) {
    let bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (toSkip > 0) {
      const n = Math.min(toSkip, bytes.length);
      bytes = bytes.subarray(n);
      toSkip -= n;
    }
    if (bytes.length === 0) continue;
    const all = held.length ? Buffer.concat([held, bytes]) : bytes;
    let end = all.length;
    while (end > 0 && (isSpace(all[end - 1]) || all[end - 1] === 0x7d)) end--;
    if (end > 0) yield all.subarray(0, end);
    held = Buffer.from(all.subarray(end));
  }
  const braces = held.filter((b) => b === 0x7d).length;
  if (braces !== 1) {
    throw new DomainError(
      "bad_request",
      braces === 0 ? 'The {"events": [...]} object is not closed (truncated body?).' : 'Unexpected "}" after the {"events": [...]} object.',
    );
  }
  // The array's own closing bracket came before the held bytes; the object brace goes.
}

/** Counts events as the parser yields them, stopping past the limit, and notes a file-level error. */
async function* guarded(
  rows: AsyncIterable<ParsedRow>,
  maxEvents: number,
  guard: { events: number; tooMany: boolean; fatal: { row: number; reason: string } | null },
): AsyncGenerator<ParsedRow> {
  for await (const parsed of rows) {
    if ("errors" in parsed && parsed.fatal) {
      guard.fatal = { row: parsed.row, reason: parsed.errors.map((e) => e.reason).join("; ") };
    } else if (++guard.events > maxEvents) {
      guard.tooMany = true;
      // Thrown inside the import's transaction: it rolls back, nothing is written.
      throw new DomainError("payload_too_large", "too many events");
    }
    yield parsed;
  }
  // `[]`, `{"events": []}` or only blank lines: refused rather than recorded as an empty import.
  if (guard.events === 0 && !guard.fatal) throw new DomainError("bad_request", "The batch holds no events: send at least one.");
}
