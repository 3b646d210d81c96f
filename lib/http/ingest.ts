import "server-only";
// The ingest routes over HTTP: each reads its request (query parameters, the headers that describe the
// body, the body stream) into the input of its lib/ingestion or lib/otlp service and turns the result
// into the answer. Refusals with their own shape are answered here (429 with Retry-After, 415); other
// expected errors go up to apiRoute, which answers them as JSON like on every route. The formats, limits
// and answers are described with each service: lib/ingestion/usage-batch-api.ts, usage-upload.ts,
// lib/otlp/otlp-traces.ts.
import type { Actor } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import { errorBody } from "@/lib/errors";
import { RateLimitedError } from "@/lib/ingestion/admission";
import { type IngestBody, UnsupportedMediaTypeError } from "@/lib/ingestion/ingest-request";
import { type BatchOptions, type BatchOutcome, ingestUsageBatch } from "@/lib/ingestion/usage-batch-api";
import { type ReceiveOptions, receiveUsageUpload } from "@/lib/ingestion/usage-upload";
import { encodeTraceResponseProtobuf } from "@/lib/otlp/otlp-proto";
import { type OtlpIngestResult, type OtlpOptions, ingestOtlpTraces } from "@/lib/otlp/otlp-traces";

/** The declared Content-Length, or null when absent or not a number. */
export function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null || !/^\s*\d+\s*$/.test(header)) return null;
  return Number(header);
}

/** What describes the body, and the body, as the services take them. */
export function ingestBody(request: Request): IngestBody {
  return {
    contentType: request.headers.get("content-type"),
    contentEncoding: request.headers.get("content-encoding"),
    declaredLength: declaredLength(request),
    body: request.body,
  };
}

/** A 429 with Retry-After for a refused batch or upload (answered before the body is read). */
export function rateLimitedResponse(error: RateLimitedError): Response {
  return Response.json(
    { error: { code: error.code, message: error.message, retryAfterSeconds: error.retryAfterSeconds } },
    { status: 429, headers: { "Retry-After": String(error.retryAfterSeconds) } },
  );
}

/** The answer to a refusal that has its own shape (429, 415); null for other errors. */
function refusalResponse(error: unknown): Response | null {
  if (error instanceof RateLimitedError) return rateLimitedResponse(error);
  if (error instanceof UnsupportedMediaTypeError) return Response.json({ error: { code: error.code, message: error.message } }, { status: 415 });
  return null;
}

const BATCH_STATUS: Record<BatchOutcome, number> = { accepted: 200, partial: 207, rejected: 422 };

/** POST /api/v1/usage: a batch of usage events. */
export async function handleUsageBatch(db: Database, actor: Actor | null, request: Request, options: BatchOptions = {}): Promise<Response> {
  try {
    const { outcome, body } = await ingestUsageBatch(db, actor, { ...ingestBody(request), mode: new URL(request.url).searchParams.get("mode") }, options);
    return Response.json(body, { status: BATCH_STATUS[outcome] });
  } catch (error) {
    // Other expected errors (400, 401/403, 413, 422) go up to apiRoute.
    const refusal = refusalResponse(error);
    if (refusal) return refusal;
    throw error;
  }
}

/** POST /api/v1/usage/imports?fileName=…&mode=…: a usage file as the raw body; the report as JSON. */
export async function handleUsageUpload(db: Database, actor: Actor | null, request: Request, options: ReceiveOptions = {}): Promise<Response> {
  const params = new URL(request.url).searchParams;
  try {
    const report = await receiveUsageUpload(
      db,
      actor,
      { ...ingestBody(request), fileName: params.get("fileName") ?? "", mode: params.get("mode") ?? "" },
      options,
    );
    return Response.json(report, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    const refusal = refusalResponse(error);
    if (refusal) return refusal;
    throw error;
  }
}

/** The 200 answer to an OTLP export: an ExportTraceServiceResponse in the request's encoding, with the counts as headers. */
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

/** POST /v1/traces: request in, OTLP answer (or Warden's JSON error) out. */
export async function handleOtlpTraces(db: Database, actor: Actor | null, request: Request, options: OtlpOptions = {}): Promise<Response> {
  try {
    return otlpSuccessResponse(await ingestOtlpTraces(db, actor, ingestBody(request), options));
  } catch (error) {
    // As apiRoute answers (not imported: it brings next-auth, which unit tests cannot load).
    const refusal = refusalResponse(error);
    if (refusal) return refusal;
    const { status, body } = errorBody(error);
    return Response.json(body, { status });
  }
}
