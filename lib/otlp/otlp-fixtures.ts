// Realistic OTLP/JSON trace exports for tests: spans shaped like those of the OpenTelemetry GenAI
// instrumentations (an OpenAI chat call, an older-convention Azure call, an agent span, an HTTP span).
import { randomBytes } from "node:crypto";

export type JsonAnyValue =
  { stringValue: string } | { intValue: number | string } | { doubleValue: number } | { boolValue: boolean } | { arrayValue: { values: JsonAnyValue[] } };

export interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: { key: string; value: JsonAnyValue }[];
  status?: { code?: number; message?: string };
}

/** A JSON AnyValue for a JS value (integers as intValue, other numbers as doubleValue). */
export function anyValue(value: string | number | boolean | string[]): JsonAnyValue {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((v) => ({ stringValue: v })) } };
  if (typeof value === "string") return { stringValue: value };
  if (typeof value === "boolean") return { boolValue: value };
  return Number.isInteger(value) ? { intValue: value } : { doubleValue: value };
}

export const attributes = (attrs: Record<string, string | number | boolean | string[]>) =>
  Object.entries(attrs).map(([key, value]) => ({ key, value: anyValue(value) }));

export const newTraceId = () => randomBytes(16).toString("hex");
export const newSpanId = () => randomBytes(8).toString("hex");

const ns = (date: Date, plusMs = 0) => (BigInt(date.getTime()) * 1_000_000n + BigInt(Math.round(plusMs * 1e6))).toString();

export interface SpanOptions {
  traceId?: string;
  spanId?: string;
  parentSpanId?: string;
  name?: string;
  start?: Date;
  durationMs?: number;
  attrs?: Record<string, string | number | boolean | string[]>;
  status?: { code?: number; message?: string };
}

export function span(options: SpanOptions = {}): JsonSpan {
  const start = options.start ?? new Date(Date.now() - 60_000);
  return {
    traceId: options.traceId ?? newTraceId(),
    spanId: options.spanId ?? newSpanId(),
    ...(options.parentSpanId ? { parentSpanId: options.parentSpanId } : {}),
    name: options.name ?? "chat gpt-4o",
    kind: 3,
    startTimeUnixNano: ns(start),
    endTimeUnixNano: ns(start, options.durationMs ?? 1_250),
    attributes: attributes(options.attrs ?? {}),
    ...(options.status ? { status: options.status } : {}),
  };
}

/** An OpenAI chat completion as the current conventions describe it. */
export function openAiChatSpan(options: SpanOptions = {}): JsonSpan {
  return span({
    name: "chat gpt-4o",
    ...options,
    attrs: {
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o",
      "gen_ai.response.model": "gpt-4o-2024-08-06",
      "gen_ai.response.id": "chatcmpl-123",
      "gen_ai.response.finish_reasons": ["stop"],
      "gen_ai.request.temperature": 0.2,
      "gen_ai.usage.input_tokens": 1_200,
      "gen_ai.usage.output_tokens": 180,
      "server.address": "api.openai.com",
      "server.port": 443,
      ...options.attrs,
    },
  });
}

/** An Azure OpenAI call with the older names (gen_ai.system, prompt/completion tokens). */
export function olderAzureSpan(options: SpanOptions = {}): JsonSpan {
  return span({
    name: "chat gpt-4o-mini",
    ...options,
    attrs: {
      "gen_ai.operation.name": "chat",
      "gen_ai.system": "az.ai.openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.usage.prompt_tokens": 640,
      "gen_ai.usage.completion_tokens": 95,
      ...options.attrs,
    },
  });
}

/** An HTTP client span of the same application: not a GenAI call. */
export function httpSpan(options: SpanOptions = {}): JsonSpan {
  return span({
    name: "GET",
    ...options,
    attrs: { "http.request.method": "GET", "url.full": "https://example.com/kb/42", "http.response.status_code": 200, ...options.attrs },
  });
}

export function exportRequest(spans: JsonSpan[], resourceAttrs: Record<string, string | number | boolean> = { "service.name": "support-bot" }) {
  return {
    resourceSpans: [
      {
        resource: { attributes: attributes(resourceAttrs) },
        scopeSpans: [{ scope: { name: "opentelemetry.instrumentation.openai_v2", version: "2.1b0" }, spans }],
      },
    ],
  };
}

export const jsonBody = (request: object) => new TextEncoder().encode(JSON.stringify(request));
