// GenAI spans → usage events, following the OpenTelemetry GenAI semantic conventions (current and older
// attribute names; open-telemetry/semantic-conventions model/gen-ai at 953276ff). Pure: spans in, ParsedRows out, each built as a
// raw record with our column names (docs/data-formats.md) and validated by toUsageEvent like every other
// source.
//
// Which spans are model calls:
// - A span is a GenAI span when it has any of gen_ai.operation.name, gen_ai.request.model,
//   gen_ai.response.model, gen_ai.provider.name or the older gen_ai.system. Other spans (HTTP, database,
//   the application's own) are skipped and counted.
// - GenAI spans whose operation is not a model call — invoke_agent, create_agent, execute_tool,
//   invoke_workflow, retrieval — are skipped too: an agent span encloses the chat spans it caused and
//   often repeats their model and token totals, so counting both would double the traffic and cost.
//   Every other operation (chat, generate_content, text_completion, embeddings, a provider-specific name,
//   or none) is a model call.
// - A model call without a model name is rejected with the reason, as is any span whose values fail the
//   usage-event rules (negative tokens, ttft above latency, …).
//
// Field by field:
// - event_id: `otlp-<traceId>-<spanId>`: the same span exported twice (exporter retry, collector fan-out)
//   is one event. Missing or malformed ids reject the span (the OTLP spec requires both).
// - timestamp: start time. latency_ms: end − start, rounded to whole ms (an unset end time leaves it empty).
// - model: gen_ai.request.model, else gen_ai.response.model; response_model: gen_ai.response.model.
// - provider: gen_ai.provider.name, else gen_ai.system, mapped to the catalog's provider slugs
//   (lib/catalog/provider-slugs.ts, models.dev ids) so catalog prices and findings resolve; unknown values
//   are kept, trimmed and lowercased.
// - input/output tokens: gen_ai.usage.input_tokens / output_tokens, else the older prompt_tokens /
//   completion_tokens.
// - status: error when the span status is ERROR or error.type is set; error_type: error.type. An error span
//   without error.type keeps error_type empty (the raw row states what the span said; rollups count
//   it as "unknown"), rather than inventing a type or using the free-text status message.
// - ttft_ms: gen_ai.response.time_to_first_chunk (the span attribute in current conventions), else
//   gen_ai.server.time_to_first_token (the metric's name, which some instrumentations put on spans);
//   both in seconds.
// - workflow / bundle: warden.workflow / warden.bundle on the span, else on its nearest ancestor span in
//   the same request (applications often tag their request span while the client library creates the
//   chat span), else on the resource.
// - region: cloud.region on the span, else on the resource. user: enduser.id, else user.id (hashed by
//   toUsageEvent; never stored as sent).
// - warden.is_fallback, warden.retries, warden.quality_score, warden.feedback and warden.cost_usd map to
//   their columns when present.
// Row errors name the attribute the value came from (gen_ai.usage.prompt_tokens, not input_tokens), so
// the instrumenting engineer sees their own key.
import type { ParsedRow } from "@/lib/ingestion/parse-usage-file";
import { type EventOptions, type RowError, type UsageColumn, toUsageEvent, usageRecordSchema } from "@/lib/ingestion/usage-event";
import { type AttributeValue, type Attributes, type OtlpSpan, STATUS_CODE_ERROR } from "./otlp-spans";

export const GENAI_MARKERS = ["gen_ai.operation.name", "gen_ai.request.model", "gen_ai.response.model", "gen_ai.provider.name", "gen_ai.system"] as const;

/** GenAI operations that are not one model call (they enclose model calls or are tools). */
export const NON_MODEL_CALL_OPERATIONS = new Set(["invoke_agent", "create_agent", "execute_tool", "invoke_workflow", "retrieval"]);

/** gen_ai.provider.name / gen_ai.system values → the catalog's provider slugs. */
const PROVIDER_SLUGS: Record<string, string> = {
  openai: "openai",
  anthropic: "anthropic",
  cohere: "cohere",
  deepseek: "deepseek",
  groq: "groq",
  perplexity: "perplexity",
  x_ai: "xai",
  xai: "xai",
  mistral_ai: "mistral",
  "azure.ai.openai": "azure",
  "az.ai.openai": "azure",
  "azure.ai.inference": "azure",
  "az.ai.inference": "azure",
  "aws.bedrock": "amazon-bedrock",
  "gcp.vertex_ai": "google-vertex",
  vertex_ai: "google-vertex",
  "gcp.gemini": "google",
  gemini: "google",
  // "Any Google generative AI endpoint, backend unknown": Google's own API is the likelier one.
  "gcp.gen_ai": "google",
  "ibm.watsonx.ai": "watsonx",
};

export function providerSlug(value: string): string {
  const key = value.trim().toLowerCase();
  return PROVIDER_SLUGS[key] ?? key;
}

export type SpanClass = { kind: "model_call" } | { kind: "skipped"; reason: "not_genai" | "not_a_model_call" };

export function classifySpan(span: OtlpSpan): SpanClass {
  const a = span.attributes;
  if (!GENAI_MARKERS.some((key) => present(a[key]))) return { kind: "skipped", reason: "not_genai" };
  const operation = a["gen_ai.operation.name"];
  if (typeof operation === "string" && NON_MODEL_CALL_OPERATIONS.has(operation.trim().toLowerCase())) return { kind: "skipped", reason: "not_a_model_call" };
  return { kind: "model_call" };
}

const present = (v: AttributeValue | undefined): v is Exclude<AttributeValue, null> =>
  v !== undefined && v !== null && !(typeof v === "string" && v.trim() === "");

/** The first of `keys` present in `attributes`, with the key it came from. */
function pick(attributes: Attributes, keys: readonly string[]): { key: string; value: AttributeValue } | null {
  for (const key of keys) if (present(attributes[key])) return { key, value: attributes[key] };
  return null;
}

/** Arrays and key-value lists are not column values; shown as such so toUsageEvent names the type. */
function scalar(value: AttributeValue): unknown {
  if (value instanceof Uint8Array) return { bytes: true };
  return value;
}

const NS_PER_MS = 1_000_000n;
const MAX_ANCESTOR_HOPS = 64;

export interface SpanMapping {
  /** One row per model-call span, numbered by the span's position (from 1) among all spans of the request. */
  rows: ParsedRow[];
  /** Each row's trace and span id, for the rejection messages. */
  spanOf: Map<number, { traceId: string; spanId: string }>;
  spans: number;
  skipped: { notGenAi: number; notModelCall: number };
}

export function mapSpans(spans: OtlpSpan[], options: EventOptions = {}): SpanMapping {
  const schema = usageRecordSchema(options);
  const byId = new Map<string, OtlpSpan>();
  for (const span of spans) if (span.traceId && span.spanId) byId.set(`${span.traceId}/${span.spanId}`, span);
  const inherited = (span: OtlpSpan, key: string): { key: string; value: AttributeValue } | null => {
    const own = pick(span.attributes, [key]);
    if (own) return own;
    let current = span;
    for (let hop = 0; hop < MAX_ANCESTOR_HOPS && current.parentSpanId; hop++) {
      const parent = byId.get(`${current.traceId}/${current.parentSpanId}`);
      if (!parent) break;
      const found = pick(parent.attributes, [key]);
      if (found) return found;
      current = parent;
    }
    const fromResource = pick(span.resource, [key]);
    return fromResource && { key: `resource ${key}`, value: fromResource.value };
  };

  const result: SpanMapping = { rows: [], spanOf: new Map(), spans: spans.length, skipped: { notGenAi: 0, notModelCall: 0 } };
  const seen = new Map<string, number>();
  spans.forEach((span, index) => {
    const row = index + 1;
    const cls = classifySpan(span);
    if (cls.kind === "skipped") {
      if (cls.reason === "not_genai") result.skipped.notGenAi += 1;
      else result.skipped.notModelCall += 1;
      return;
    }
    result.spanOf.set(row, { traceId: span.traceId, spanId: span.spanId });
    const idErrors = checkIds(span);
    if (idErrors.length) {
      result.rows.push({ row, errors: idErrors });
      return;
    }
    const eventId = `otlp-${span.traceId}-${span.spanId}`;
    const first = seen.get(eventId);
    if (first !== undefined) {
      result.rows.push({ row, duplicateOf: first, eventId });
      return;
    }
    const parsed = spanRow(span, row, eventId, inherited, options, schema);
    // Only a stored span makes a later copy a duplicate; a copy of a rejected span is judged on its own.
    if ("event" in parsed) seen.set(eventId, row);
    result.rows.push(parsed);
  });
  return result;
}

const TRACE_ID = /^[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const ALL_ZERO = /^0+$/;

function checkIds(span: OtlpSpan): RowError[] {
  const errors: RowError[] = [];
  const bad = (value: string, pattern: RegExp) => !pattern.test(value) || ALL_ZERO.test(value);
  if (bad(span.traceId, TRACE_ID))
    errors.push({
      column: "traceId",
      reason: span.traceId ? `must be 16 bytes, not all zero (hex: 32 characters), got ${JSON.stringify(span.traceId.replace(/^invalid:/, ""))}` : "is missing",
    });
  if (bad(span.spanId, SPAN_ID))
    errors.push({
      column: "spanId",
      reason: span.spanId ? `must be 8 bytes, not all zero (hex: 16 characters), got ${JSON.stringify(span.spanId.replace(/^invalid:/, ""))}` : "is missing",
    });
  return errors;
}

type Inherited = (span: OtlpSpan, key: string) => { key: string; value: AttributeValue } | null;

function spanRow(
  span: OtlpSpan,
  row: number,
  eventId: string,
  inherited: Inherited,
  options: EventOptions,
  schema: ReturnType<typeof usageRecordSchema>,
): ParsedRow {
  const a = span.attributes;
  // Column → the attribute (or span field) its value came from, for error messages.
  const source: Partial<Record<UsageColumn, string>> = {};
  const record: Record<string, unknown> = { event_id: eventId };
  const set = (column: UsageColumn, found: { key: string; value: AttributeValue } | null, transform: (v: AttributeValue) => unknown = scalar) => {
    if (!found) return;
    record[column] = transform(found.value);
    source[column] = found.key;
  };
  const early: RowError[] = [];

  if (span.startTimeUnixNano < 0n) early.push({ column: "startTimeUnixNano", reason: "must be a whole number of nanoseconds since the epoch" });
  else if (span.startTimeUnixNano > 0n) {
    record.timestamp = Number(span.startTimeUnixNano / NS_PER_MS);
    source.timestamp = "startTimeUnixNano";
  }
  if (span.endTimeUnixNano < 0n) early.push({ column: "endTimeUnixNano", reason: "must be a whole number of nanoseconds since the epoch" });
  else if (span.endTimeUnixNano > 0n && span.startTimeUnixNano > 0n) {
    const durationNs = span.endTimeUnixNano - span.startTimeUnixNano;
    if (durationNs < 0n) early.push({ column: "endTimeUnixNano", reason: "is before startTimeUnixNano (negative duration)" });
    // Rounded in integer nanoseconds: (ns + 0.5 ms) / 1 ms.
    else record.latency_ms = Number((durationNs + NS_PER_MS / 2n) / NS_PER_MS);
    source.latency_ms = "span duration (endTimeUnixNano − startTimeUnixNano)";
  }

  const requestModel = pick(a, ["gen_ai.request.model"]);
  const responseModel = pick(a, ["gen_ai.response.model"]);
  set("model", requestModel ?? responseModel);
  set("response_model", responseModel);
  set("provider", pick(a, ["gen_ai.provider.name", "gen_ai.system"]), (v) => (typeof v === "string" ? providerSlug(v) : scalar(v)));
  set("input_tokens", pick(a, ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"]));
  set("output_tokens", pick(a, ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"]));
  set("ttft_ms", pick(a, ["gen_ai.response.time_to_first_chunk", "gen_ai.server.time_to_first_token"]), (v) =>
    typeof v === "number" ? Math.round(v * 1000) : secondsToMs(v),
  );

  const errorType = pick(a, ["error.type"]);
  const failed = span.statusCode === STATUS_CODE_ERROR || errorType !== null;
  record.status = failed ? "error" : "ok";
  source.status = errorType ? "error.type" : "status.code";
  set("error_type", errorType);

  set("workflow", inherited(span, "warden.workflow"));
  set("bundle", inherited(span, "warden.bundle"));
  set("region", pick(a, ["cloud.region"]) ?? prefixed(pick(span.resource, ["cloud.region"])));
  set("user", pick(a, ["enduser.id", "user.id"]));
  set("is_fallback", pick(a, ["warden.is_fallback"]));
  set("retries", pick(a, ["warden.retries"]));
  set("quality_score", pick(a, ["warden.quality_score"]));
  set("feedback", pick(a, ["warden.feedback"]));
  set("cost_usd", pick(a, ["warden.cost_usd"]));

  const validated = toUsageEvent(record, options, schema);
  if (validated.ok && early.length === 0) return { row, event: validated.event };
  const errors = [...early];
  for (const e of validated.ok ? [] : validated.errors) {
    const column = e.column as UsageColumn;
    const named =
      column === "model" && record.model === undefined
        ? { column: "gen_ai.request.model", reason: "is required (neither gen_ai.request.model nor gen_ai.response.model is set)" }
        : column === "timestamp" && record.timestamp === undefined
          ? { column: "startTimeUnixNano", reason: "is required" }
          : { column: source[column] ?? e.column, reason: e.reason };
    // One reason per source field (a bad start time already explains the missing timestamp).
    if (!errors.some((x) => x.column === named.column)) errors.push(named);
  }
  return { row, errors };
}

function prefixed(found: { key: string; value: AttributeValue } | null) {
  return found && { key: `resource ${found.key}`, value: found.value };
}

/** A seconds value sent as a string ("0.25") → ms; anything else is passed on for toUsageEvent to reject. */
function secondsToMs(value: AttributeValue): unknown {
  if (typeof value === "string" && /^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  return scalar(value);
}
