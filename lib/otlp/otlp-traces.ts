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
// ingestOtlpTraces returns the result; lib/http/ingest.ts reads the request and answers.
import "server-only";
import { type Actor, assertCan } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import { DomainError } from "@/lib/errors";
import { type Admission, onlineIngest } from "@/lib/ingestion/admission";
import { BodyTooLargeError, byteChunks, contentCoding, decompressed, readAll } from "@/lib/ingestion/byte-stream";
import { type IngestBody, UnsupportedMediaTypeError, mediaType } from "@/lib/ingestion/ingest-request";
import { importUsageRows, onlineCatalogCache } from "@/lib/ingestion/usage-import";
import { mapSpans } from "./genai-spans";
import { decodeTraceRequestJson } from "./otlp-json";
import { OtlpDecodeError, type PartialSuccess, decodeTraceRequestProtobuf } from "./otlp-proto";

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

export interface OtlpTraceInput extends Omit<IngestBody, "body"> {
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

const PROTOBUF_TYPES = new Set(["application/x-protobuf", "application/protobuf"]);
const SUPPORTED = "Send an OTLP ExportTraceServiceRequest as application/x-protobuf or application/json, optionally with Content-Encoding: gzip.";

export function requestEncoding(contentType: string | null, contentEncoding?: string | null): { encoding: OtlpEncoding; gzip: boolean } {
  const type = mediaType(contentType);
  let encoding: OtlpEncoding;
  if (PROTOBUF_TYPES.has(type)) encoding = "protobuf";
  else if (type === "application/json") encoding = "json";
  else throw new UnsupportedMediaTypeError(`${type ? `Content-Type ${type} is not accepted` : "The request has no Content-Type"}. ${SUPPORTED}`);
  // OTLP/HTTP names gzip only; deflate is refused like any other coding.
  const coding = contentCoding(contentEncoding);
  if (coding !== "identity" && coding !== "gzip") {
    throw new UnsupportedMediaTypeError(`Content-Encoding ${typeof coding === "string" ? coding : coding.unsupported} is not accepted. ${SUPPORTED}`);
  }
  return { encoding, gzip: coding === "gzip" };
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;

/** The body inflated when it is gzip, whole: an OTLP message is decoded in one piece. */
async function inflated(bytes: Buffer, declaredGzip: boolean, limits: OtlpLimits): Promise<Buffer> {
  const tooLarge = () => new BodyTooLargeError(`The body inflates to more than ${mib(limits.maxInflatedBytes)}, the limit for one export once decompressed.`);
  const { stream, compression } = await decompressed(byteChunks(bytes), {
    declared: declaredGzip ? "gzip" : "identity",
    peek: 0,
    maxBytes: limits.maxInflatedBytes,
    errors: {
      tooLarge,
      corrupt: (reason) => new DomainError("bad_request", `The body is not a valid gzip stream: ${reason}.`),
      notCompressed: () => new DomainError("bad_request", "Content-Encoding says gzip but the body is not gzip-compressed."),
    },
  });
  return compression ? readAll(stream, limits.maxInflatedBytes, tooLarge) : bytes;
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
      throw new DomainError(
        "bad_request",
        `The body is not an OTLP ${encoding === "protobuf" ? "protobuf" : "JSON"} ExportTraceServiceRequest: ${error.message}.`,
      );
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
  const tooLarge = () =>
    new BodyTooLargeError(
      `The request body is larger than ${mib(limits.maxBodyBytes)}, the limit for one export; lower the exporter's batch size (OTEL_BSP_MAX_EXPORT_BATCH_SIZE).`,
    );
  if (input.declaredLength != null && input.declaredLength > limits.maxBodyBytes) throw tooLarge();

  // The slot is taken before the body is read: a refused export never costs its payload in memory.
  return (options.admission ?? onlineIngest).run(async () => {
    const sent = input.body ? await readAll(input.body, limits.maxBodyBytes, tooLarge) : Buffer.alloc(0);
    const bytes = await inflated(sent, gzip, limits);
    const spans = decode(bytes, encoding);
    const mapping = mapSpans(spans, { now: options.now });
    const skipped = mapping.skipped.notGenAi + mapping.skipped.notModelCall;
    const result: OtlpIngestResult = { encoding, importId: null, spans: mapping.spans, accepted: 0, duplicates: 0, rejected: 0, skipped, partialSuccess: null };
    // An export with no model calls (most exports of an instrumented app) writes nothing, not even an import record.
    if (mapping.rows.length === 0) return result;

    const report = await importUsageRows(db, actor, mapping.rows, {
      mode: "lenient",
      source: "otlp",
      outcomes: true,
      pendingRollups: true,
      catalogCache: onlineCatalogCache(db),
    });
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
