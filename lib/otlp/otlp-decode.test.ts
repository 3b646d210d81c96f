// Both decoders against the official OpenTelemetry JS serializers: spans recorded by the SDK, encoded by
// @opentelemetry/otlp-transformer as protobuf and as JSON, decode to the same spans.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { decodeTraceRequestJson } from "./otlp-json";
import { OtlpDecodeError, decodeTraceRequestProtobuf, encodeTraceResponseProtobuf } from "./otlp-proto";
import type { OtlpSpan } from "./otlp-spans";

function recordSpans(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({ "service.name": "support-bot", "warden.workflow": "support-chat", "cloud.region": "eu-west-1" }),
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  });
  const tracer = provider.getTracer("opentelemetry.instrumentation.openai", "0.1.0");
  const root = tracer.startSpan("POST /chat", { kind: SpanKind.SERVER });
  {
    const chat = tracer.startSpan(
      "chat gpt-4o",
      {
        kind: SpanKind.CLIENT,
        startTime: new Date("2026-11-20T10:00:00.000Z"),
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.request.temperature": 0.2,
          "gen_ai.request.stream": true,
          "gen_ai.usage.input_tokens": 1200,
          "gen_ai.response.finish_reasons": ["stop", "length"],
          "gen_ai.request.seed": 2 ** 40,
        },
      },
      trace.setSpan(ROOT_CONTEXT, root),
    );
    chat.setStatus({ code: SpanStatusCode.ERROR, message: "429 Too Many Requests" });
    chat.setAttribute("error.type", "rate_limit_exceeded");
    chat.end(new Date("2026-11-20T10:00:01.250Z"));
    root.end();
  }
  return exporter.getFinishedSpans();
}

describe("decoding what the official OpenTelemetry serializers write", () => {
  const spans = recordSpans();
  const fromProtobuf = decodeTraceRequestProtobuf(ProtobufTraceSerializer.serializeRequest(spans)!);
  const fromJson = decodeTraceRequestJson(new TextDecoder().decode(JsonTraceSerializer.serializeRequest(spans)!));

  it("reads every span with its ids, kind, times, attributes, status and resource", () => {
    const [chat, root] = fromProtobuf;
    expect(fromProtobuf).toHaveLength(2);
    expect(chat).toEqual({
      traceId: spans[0].spanContext().traceId,
      spanId: spans[0].spanContext().spanId,
      parentSpanId: spans[1].spanContext().spanId,
      name: "chat gpt-4o",
      kind: 3,
      startTimeUnixNano: 1_795_168_800_000_000_000n,
      endTimeUnixNano: 1_795_168_801_250_000_000n,
      attributes: {
        "gen_ai.operation.name": "chat",
        "gen_ai.provider.name": "openai",
        "gen_ai.request.model": "gpt-4o",
        "gen_ai.request.temperature": 0.2,
        "gen_ai.request.stream": true,
        "gen_ai.usage.input_tokens": 1200,
        "gen_ai.response.finish_reasons": ["stop", "length"],
        "gen_ai.request.seed": 2 ** 40,
        "error.type": "rate_limit_exceeded",
      },
      statusCode: 2,
      statusMessage: "429 Too Many Requests",
      resource: { "service.name": "support-bot", "warden.workflow": "support-chat", "cloud.region": "eu-west-1" },
    } satisfies OtlpSpan);
    expect(root).toMatchObject({ name: "POST /chat", kind: 2, parentSpanId: "", statusCode: 0 });
  });

  it("gives the same spans from protobuf and from JSON", () => {
    expect(fromJson).toEqual(fromProtobuf);
  });

  it("keeps 64-bit integers beyond 2^53 exact, as decimal strings", () => {
    const request = {
      resourceSpans: [
        {
          scopeSpans: [
            {
              spans: [
                {
                  traceId: "5b8efff798038103d269b633813fc60c",
                  spanId: "eee19b7ec3c1b174",
                  attributes: [{ key: "big", value: { intValue: "9007199254740993" } }],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(decodeTraceRequestJson(JSON.stringify(request))[0].attributes.big).toBe("9007199254740993");
  });
});

describe("protobuf decoding", () => {
  it("takes an empty body as an export with no spans", () => {
    expect(decodeTraceRequestProtobuf(new Uint8Array())).toEqual([]);
  });

  it("refuses bytes that are not an ExportTraceServiceRequest", () => {
    const valid = ProtobufTraceSerializer.serializeRequest(recordSpans())!;
    expect(() => decodeTraceRequestProtobuf(valid.subarray(0, valid.length - 7))).toThrow(OtlpDecodeError);
    expect(() => decodeTraceRequestProtobuf(new TextEncoder().encode('{"resourceSpans": []}'))).toThrow(/not a valid protobuf ExportTraceServiceRequest/);
    expect(() => decodeTraceRequestProtobuf(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toThrow(OtlpDecodeError);
  });

  it("encodes the response so the official client reads its partial success", () => {
    expect(
      ProtobufTraceSerializer.deserializeResponse(encodeTraceResponseProtobuf({ rejectedSpans: 3, errorMessage: "span 2: gen_ai.request.model is required" })),
    ).toEqual({
      partialSuccess: { rejectedSpans: 3, errorMessage: "span 2: gen_ai.request.model is required" },
    });
    expect(encodeTraceResponseProtobuf(null)).toHaveLength(0);
  });
});

describe("JSON decoding", () => {
  const traceId = "5b8efff798038103d269b633813fc60c";
  const spanId = "eee19b7ec3c1b174";

  it("accepts snake_case keys, int64 as strings, enum names, base64 ids and the pre-2022 scope key", () => {
    const snake = {
      resource_spans: [
        {
          resource: { attributes: [{ key: "service.name", value: { string_value: "bot" } }] },
          instrumentation_library_spans: [
            {
              spans: [
                {
                  trace_id: Buffer.from(traceId, "hex").toString("base64"),
                  span_id: Buffer.from(spanId, "hex").toString("base64"),
                  name: "chat",
                  kind: "SPAN_KIND_CLIENT",
                  start_time_unix_nano: "1795168800000000000",
                  end_time_unix_nano: 1795168801250000000,
                  attributes: [
                    { key: "gen_ai.usage.input_tokens", value: { int_value: "1200" } },
                    { key: "gen_ai.request.temperature", value: { double_value: 0.5 } },
                  ],
                  status: { code: "STATUS_CODE_ERROR" },
                },
              ],
            },
          ],
        },
      ],
    };
    expect(decodeTraceRequestJson(JSON.stringify(snake))).toEqual([
      expect.objectContaining({
        traceId,
        spanId,
        kind: 3,
        startTimeUnixNano: 1_795_168_800_000_000_000n,
        // A JSON number carries a double: sub-microsecond digits are lost, which no latency notices.
        endTimeUnixNano: BigInt(1795168801250000000),
        attributes: { "gen_ai.usage.input_tokens": 1200, "gen_ai.request.temperature": 0.5 },
        statusCode: 2,
        resource: { "service.name": "bot" },
      }),
    ]);
  });

  it("ignores unknown keys and takes {} as an export with no spans", () => {
    expect(decodeTraceRequestJson('{"resourceSpans": [{"scopeSpans": [{"spans": [], "futureField": 1}]}], "extra": true}')).toEqual([]);
    expect(decodeTraceRequestJson("{}")).toEqual([]);
  });

  it("keeps a malformed id for the mapping to reject that span alone", () => {
    const [span] = decodeTraceRequestJson(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: "xyz", spanId }] }] }] }));
    expect(span.traceId).toBe("invalid:xyz");
  });

  it.each([
    ["", /body is empty/],
    ['{"resourceSpans": [', /not valid JSON/],
    ["[]", /the body must be an object, got an array/],
    ['{"resourceSpans": {}}', /request.resourceSpans must be an array, got a object/],
    ['{"resourceSpans": [{"scopeSpans": [{"spans": [42]}]}]}', /resourceSpans\[0\].scopeSpans\[0\].spans\[0\] must be an object, got a number/],
    ['{"resourceSpans": [{"scopeSpans": [{"spans": [{"attributes": {"gen_ai.request.model": "gpt-4o"}}]}]}]}', /attributes must be an array of \{key, value\}/],
    ['{"resourceSpans": [{"scopeSpans": [{"spans": [{"kind": "CLIENT"}]}]}]}', /kind must be an integer enum value/],
  ])("refuses %j with the reason", (text, reason) => {
    expect(() => decodeTraceRequestJson(text)).toThrow(reason);
  });
});
