// POST /v1/traces: OTLP/HTTP trace export (https://opentelemetry.io/docs/specs/otlp/#otlphttp), so an
// application instrumented with OpenTelemetry exports its GenAI spans straight to Warden.
//
// The request:
// - `Content-Type: application/x-protobuf` (also application/protobuf) or `application/json`, an
//   ExportTraceServiceRequest; `Content-Encoding: gzip` allowed (a gzip body is also recognised by its
//   magic bytes). Another content type or encoding is 415.
// - At most 16 MiB as sent and 64 MiB once inflated (OTLP_LIMITS): a declared Content-Length over the
//   limit is 413 before the body is read, the body is counted while it streams, and inflation stops at
//   the cap (compression bombs). Bodies that are not an ExportTraceServiceRequest are 400 with the reason.
// - Auth: a bearer API key with scope ingest:write, or an engineer's session (usage:ingest).
// - An admission slot (lib/ingestion/admission.ts) is taken before the body is read; when the queue is
//   full the answer is 429 with Retry-After, which OTLP exporters honour and retry.
//
// The answer, sent after the import's transaction committed:
// - 200 with an ExportTraceServiceResponse in the request's encoding (protobuf or JSON). When spans were
//   rejected, partial_success carries rejected_spans and an error_message naming the first reasons (OTLP:
//   the client must not retry them). Duplicates (spans already stored) are success.
// - Headers X-Warden-Accepted-Spans, X-Warden-Duplicate-Spans, X-Warden-Rejected-Spans and
//   X-Warden-Skipped-Spans (spans that are not model calls: counted, not rejections).
// - Error bodies (400, 401, 403, 413, 415, 429) are Warden's JSON `{ error: { code, message } }`.
import "server-only";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { type Actor, assertCan } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import { DomainError, errorBody } from "@/lib/errors";
import { type Admission, RateLimitedError, onlineIngest, rateLimitedResponse } from "@/lib/ingestion/admission";
import { BodyTooLargeError, countedBody, isGzip, mediaType } from "@/lib/ingestion/request-body";
import { importUsageRows, onlineCatalogCache } from "@/lib/ingestion/usage-import";
import { mapSpans } from "./genai-spans";
import { decodeTraceRequestJson } from "./otlp-json";
import { OtlpDecodeError, type PartialSuccess, decodeTraceRequestProtobuf, encodeTraceResponseProtobuf } from "./otlp-proto";

export const OTLP_LIMITS = {
  /** Bytes as sent (compressed or not). OTLP exporters send batches of 512 spans, well under 1 MiB. */
  maxBodyBytes: 16 * 1024 * 1024,
  /** Bytes once inflated. */
  maxInflatedBytes: 64 * 1024 * 1024,
} as const;
export type OtlpLimits = { [K in keyof typeof OTLP_LIMITS]: number };

/** How many rejection reasons the partial-success message names. */
const REASONS_IN_MESSAGE = 3;

export type OtlpEncoding = "protobuf" | "json";

export interface OtlpTraceInput {
  contentType: string | null;
  contentEncoding?: string | null;
  /** The declared Content-Length, when there is one. */
  contentLength?: number | null;
  body: ReadableStream<Uint8Array> | Uint8Array | null;
}

export interface OtlpOptions {
  admission?: Admission;
  limits?: Partial<OtlpLimits>;
  /** "Now" for the far-future timestamp check (tests). */
  now?: Date;
}

export interface OtlpIngestResult {
  encoding: OtlpEncoding;
  importId: string | null;
  spans: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  /** Not model calls: not GenAI at all, or agent/tool/workflow spans. */
  skipped: number;
  partialSuccess: PartialSuccess | null;
}

/** 415: the content type or encoding is not one OTLP/HTTP uses (DomainError has no 415 code). */
export class UnsupportedMediaTypeError extends Error {
  readonly code = "unsupported_media_type";
}

const PROTOBUF_TYPES = new Set(["application/x-protobuf", "application/protobuf"]);
const SUPPORTED = "Send an OTLP ExportTraceServiceRequest as application/x-protobuf or application/json, optionally with Content-Encoding: gzip.";

export function requestEncoding(contentType: string | null, contentEncoding?: string | null): { encoding: OtlpEncoding; gzip: boolean } {
  const type = mediaType(contentType);
  let encoding: OtlpEncoding;
  if (PROTOBUF_TYPES.has(type)) encoding = "protobuf";
  else if (type === "application/json") encoding = "json";
  else throw new UnsupportedMediaTypeError(`${type ? `Content-Type ${type} is not accepted` : "The request has no Content-Type"}. ${SUPPORTED}`);
  const coding = (contentEncoding ?? "").trim().toLowerCase();
  if (coding !== "" && coding !== "identity" && coding !== "gzip" && coding !== "x-gzip") {
    throw new UnsupportedMediaTypeError(`Content-Encoding ${coding} is not accepted. ${SUPPORTED}`);
  }
  return { encoding, gzip: coding === "gzip" || coding === "x-gzip" };
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
const inflate = promisify(gunzip);

async function readBody(body: OtlpTraceInput["body"], limits: OtlpLimits, tooLarge: () => BodyTooLargeError): Promise<Buffer> {
  if (!body) return Buffer.alloc(0);
  if (body instanceof Uint8Array) {
    if (body.byteLength > limits.maxBodyBytes) throw tooLarge();
    return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  }
  const parts: Uint8Array[] = [];
  for await (const chunk of countedBody(body, limits.maxBodyBytes, tooLarge).chunks) parts.push(chunk);
  return Buffer.concat(parts);
}

async function inflated(bytes: Buffer, declaredGzip: boolean, limits: OtlpLimits): Promise<Buffer> {
  if (!isGzip(bytes)) {
    if (declaredGzip && bytes.length > 0) throw new DomainError("bad_request", "Content-Encoding says gzip but the body is not gzip-compressed.");
    return bytes;
  }
  try {
    // maxOutputLength stops inflating as soon as the output passes the cap: a bomb costs at most that.
    return await inflate(bytes, { maxOutputLength: limits.maxInflatedBytes });
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) {
      throw new BodyTooLargeError(`The body inflates to more than ${mib(limits.maxInflatedBytes)}, the limit for one export once decompressed.`);
    }
    throw new DomainError("bad_request", `The body is not a valid gzip stream: ${(error as Error).message}.`);
  }
}

function decode(bytes: Buffer, encoding: OtlpEncoding) {
  try {
    if (encoding === "protobuf") return decodeTraceRequestProtobuf(bytes);
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new OtlpDecodeError("the body is not UTF-8 text");
    }
    return decodeTraceRequestJson(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    if (error instanceof OtlpDecodeError) {
      throw new DomainError("bad_request", `The body is not an OTLP ${encoding === "protobuf" ? "protobuf" : "JSON"} ExportTraceServiceRequest: ${error.message}.`);
    }
    throw error;
  }
}

/**
 * Reads, decodes and imports one OTLP trace export. Throws DomainError (400, 401, 403, 413),
 * UnsupportedMediaTypeError (415) or RateLimitedError (429) before anything is written.
 */
export async function ingestOtlpTraces(db: Database, actor: Actor | null, input: OtlpTraceInput, options: OtlpOptions = {}): Promise<OtlpIngestResult> {
  assertCan(actor, "usage:ingest");
  const limits: OtlpLimits = { ...OTLP_LIMITS, ...options.limits };
  const { encoding, gzip } = requestEncoding(input.contentType, input.contentEncoding);
  const tooLarge = () => new BodyTooLargeError(`The request body is larger than ${mib(limits.maxBodyBytes)}, the limit for one export; lower the exporter's batch size (OTEL_BSP_MAX_EXPORT_BATCH_SIZE).`);
  if (input.contentLength != null && input.contentLength > limits.maxBodyBytes) throw tooLarge();

  // The slot is taken before the body is read: a refused export never costs its payload in memory.
  return (options.admission ?? onlineIngest).run(async () => {
    const bytes = await inflated(await readBody(input.body, limits, tooLarge), gzip, limits);
    const spans = decode(bytes, encoding);
    const mapping = mapSpans(spans, { now: options.now });
    const skipped = mapping.skipped.notGenAi + mapping.skipped.notModelCall;
    const result: OtlpIngestResult = { encoding, importId: null, spans: mapping.spans, accepted: 0, duplicates: 0, rejected: 0, skipped, partialSuccess: null };
    // An export with no model calls (most exports of an instrumented app) writes nothing, not even an import record.
    if (mapping.rows.length === 0) return result;

    const report = await importUsageRows(db, actor, mapping.rows, { mode: "lenient", source: "otlp", outcomes: true, pendingRollups: true, catalogCache: onlineCatalogCache(db) });
    Object.assign(result, { importId: report.importId, accepted: report.accepted, duplicates: report.duplicates, rejected: report.rejected });
    if (report.rejected > 0) {
      const rejections = (report.outcomes ?? []).filter((o) => o.status === "rejected");
      const reasons = rejections.slice(0, REASONS_IN_MESSAGE).map((o) => {
        const ids = mapping.spanOf.get(o.row);
        const which = ids?.spanId && /^[0-9a-f]{16}$/.test(ids.spanId) ? `span ${o.row} (${ids.spanId})` : `span ${o.row}`;
        return `${which}: ${(o.errors ?? []).map((e) => `${e.column} ${e.reason}`).join("; ")}`;
      });
      const more = rejections.length > REASONS_IN_MESSAGE ? `; and ${rejections.length - REASONS_IN_MESSAGE} more` : "";
      result.partialSuccess = {
        rejectedSpans: report.rejected,
        errorMessage: truncate(`${report.rejected} of ${mapping.spans} spans rejected by Warden: ${reasons.join("; ")}${more}`, 2_000),
      };
    }
    return result;
  });
}

/** The 200 answer: an ExportTraceServiceResponse in the request's encoding, with the counts as headers. */
export function otlpSuccessResponse(result: OtlpIngestResult): Response {
  const headers = {
    "X-Warden-Accepted-Spans": String(result.accepted),
    "X-Warden-Duplicate-Spans": String(result.duplicates),
    "X-Warden-Rejected-Spans": String(result.rejected),
    "X-Warden-Skipped-Spans": String(result.skipped),
  };
  if (result.encoding === "protobuf") {
    const body = encodeTraceResponseProtobuf(result.partialSuccess);
    return new Response(Buffer.from(body), { status: 200, headers: { ...headers, "Content-Type": "application/x-protobuf" } });
  }
  // int64 rejectedSpans as a JSON number: OTLP/JSON receivers accept numbers and decimal strings alike.
  return Response.json(result.partialSuccess ? { partialSuccess: result.partialSuccess } : {}, { status: 200, headers });
}

/** The route's whole work: request in, OTLP answer (or Warden's JSON error) out. */
export async function handleOtlpTraces(db: Database, actor: Actor | null, request: Request, options: OtlpOptions = {}): Promise<Response> {
  try {
    const length = request.headers.get("content-length");
    const result = await ingestOtlpTraces(
      db,
      actor,
      {
        contentType: request.headers.get("content-type"),
        contentEncoding: request.headers.get("content-encoding"),
        contentLength: length !== null && /^\s*\d+\s*$/.test(length) ? Number(length) : null,
        body: request.body,
      },
      options,
    );
    return otlpSuccessResponse(result);
  } catch (error) {
    if (error instanceof RateLimitedError) return rateLimitedResponse(error);
    if (error instanceof UnsupportedMediaTypeError) return Response.json({ error: { code: error.code, message: error.message } }, { status: 415 });
    const { status, body } = errorBody(error);
    return Response.json(body, { status });
  }
}
