// OTLP/protobuf: decodes an ExportTraceServiceRequest and encodes the ExportTraceServiceResponse with
// protobufjs. The schema below is the part of opentelemetry-proto v1 (common, resource, trace and
// collector/trace .proto files, same packages, names and field numbers) that Warden reads; protobufjs
// skips the fields left out (events, links, trace state, flags, entity refs) as unknown fields, as any
// protobuf decoder must. `@opentelemetry/otlp-transformer` no longer ships a protobuf root with request
// decoders (only a writer), so the field numbers are pinned by otlp-proto.test.ts, which decodes requests
// encoded by that package's official serializer.
import protobuf from "protobufjs";
import { type AttributeValue, type Attributes, MAX_VALUE_DEPTH, type OtlpSpan, emptyAttributes, int64Value, toHex } from "./otlp-spans";

const OTLP_TRACE_PROTO = `
syntax = "proto3";

package opentelemetry.proto.common.v1;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue {
  string key = 1;
  AnyValue value = 2;
}
message InstrumentationScope {
  string name = 1;
  string version = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}

package opentelemetry.proto.resource.v1;

message Resource {
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 1;
  uint32 dropped_attributes_count = 2;
}

package opentelemetry.proto.trace.v1;

message ResourceSpans {
  opentelemetry.proto.resource.v1.Resource resource = 1;
  repeated ScopeSpans scope_spans = 2;
  string schema_url = 3;
  // Before OTLP 0.15 (2022) the scope was an "instrumentation library" under field 1000; same shape.
  repeated ScopeSpans instrumentation_library_spans = 1000;
}
message ScopeSpans {
  opentelemetry.proto.common.v1.InstrumentationScope scope = 1;
  repeated Span spans = 2;
  string schema_url = 3;
}
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  bytes parent_span_id = 4;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated opentelemetry.proto.common.v1.KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  Status status = 15;
}
message Status {
  string message = 2;
  int32 code = 3;
}

package opentelemetry.proto.collector.trace.v1;

message ExportTraceServiceRequest {
  repeated opentelemetry.proto.trace.v1.ResourceSpans resource_spans = 1;
}
message ExportTraceServiceResponse {
  ExportTracePartialSuccess partial_success = 1;
}
message ExportTracePartialSuccess {
  int64 rejected_spans = 1;
  string error_message = 2;
}
`;

// protobufjs's parser takes one package per file; split the text at each `package` line.
function buildRoot(): protobuf.Root {
  const root = new protobuf.Root();
  const files = OTLP_TRACE_PROTO.split(/(?=^package )/m).filter((part) => part.includes("package "));
  for (const file of files) protobuf.parse(`syntax = "proto3";\n${file}`, root, { keepCase: true });
  root.resolveAll();
  return root;
}

const root = buildRoot();
const RequestType = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest");
const ResponseType = root.lookupType("opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse");

// The decoded message shapes (protobufjs messages with keepCase field names; absent fields are defaults).
interface LongLike {
  low: number;
  high: number;
  unsigned?: boolean;
}
type Int64 = number | LongLike | null | undefined;
interface PbAnyValue {
  string_value?: string;
  bool_value?: boolean;
  int_value?: Int64;
  double_value?: number;
  array_value?: { values?: PbAnyValue[] };
  kvlist_value?: { values?: PbKeyValue[] };
  bytes_value?: Uint8Array;
  value?: string;
}
interface PbKeyValue {
  key?: string;
  value?: PbAnyValue | null;
}
interface PbSpan {
  trace_id?: Uint8Array;
  span_id?: Uint8Array;
  parent_span_id?: Uint8Array;
  name?: string;
  kind?: number;
  start_time_unix_nano?: Int64;
  end_time_unix_nano?: Int64;
  attributes?: PbKeyValue[];
  status?: { message?: string; code?: number } | null;
}
interface PbScopeSpans {
  spans?: PbSpan[];
}
interface PbResourceSpans {
  resource?: { attributes?: PbKeyValue[] } | null;
  scope_spans?: PbScopeSpans[];
  instrumentation_library_spans?: PbScopeSpans[];
}

function int64ToBigInt(value: Int64, unsigned: boolean): bigint {
  if (value === null || value === undefined) return 0n;
  if (typeof value === "number") return BigInt(Math.trunc(value));
  const bits = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  return !unsigned && value.high < 0 ? bits - (1n << 64n) : bits;
}

function anyValue(value: PbAnyValue | null | undefined, depth: number): AttributeValue {
  if (!value || depth > MAX_VALUE_DEPTH) return null;
  // protobufjs names the set member of the oneof in `value`.
  switch (value.value) {
    case "string_value":
      return value.string_value ?? "";
    case "bool_value":
      return value.bool_value ?? false;
    case "int_value":
      return int64Value(int64ToBigInt(value.int_value, false));
    case "double_value":
      return value.double_value ?? 0;
    case "bytes_value":
      return value.bytes_value ?? new Uint8Array();
    case "array_value":
      return (value.array_value?.values ?? []).map((v) => anyValue(v, depth + 1));
    case "kvlist_value":
      return keyValues(value.kvlist_value?.values, depth + 1);
    default:
      return null;
  }
}

function keyValues(list: PbKeyValue[] | undefined, depth = 0): Attributes {
  const out = emptyAttributes();
  for (const kv of list ?? []) if (kv.key) out[kv.key] = anyValue(kv.value, depth + 1);
  return out;
}

export class OtlpDecodeError extends Error {}

/** Decodes a protobuf ExportTraceServiceRequest; throws OtlpDecodeError when the bytes are not one. */
export function decodeTraceRequestProtobuf(bytes: Uint8Array): OtlpSpan[] {
  let message: { resource_spans?: PbResourceSpans[] };
  try {
    message = RequestType.decode(bytes) as unknown as { resource_spans?: PbResourceSpans[] };
  } catch (error) {
    throw new OtlpDecodeError(`not a valid protobuf ExportTraceServiceRequest: ${(error as Error).message}`);
  }
  const spans: OtlpSpan[] = [];
  for (const rs of message.resource_spans ?? []) {
    const resource = keyValues(rs.resource?.attributes ?? undefined);
    for (const ss of [...(rs.scope_spans ?? []), ...(rs.instrumentation_library_spans ?? [])]) {
      for (const s of ss.spans ?? []) {
        spans.push({
          traceId: toHex(s.trace_id),
          spanId: toHex(s.span_id),
          parentSpanId: toHex(s.parent_span_id),
          name: s.name ?? "",
          kind: s.kind ?? 0,
          startTimeUnixNano: int64ToBigInt(s.start_time_unix_nano, true),
          endTimeUnixNano: int64ToBigInt(s.end_time_unix_nano, true),
          attributes: keyValues(s.attributes),
          statusCode: s.status?.code ?? 0,
          statusMessage: s.status?.message ?? "",
          resource,
        });
      }
    }
  }
  return spans;
}

export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** The ExportTraceServiceResponse; partial_success is left out when everything was accepted (OTLP spec). */
export function encodeTraceResponseProtobuf(partialSuccess: PartialSuccess | null): Uint8Array {
  const body = partialSuccess ? { partial_success: { rejected_spans: partialSuccess.rejectedSpans, error_message: partialSuccess.errorMessage } } : {};
  return ResponseType.encode(ResponseType.fromObject(body)).finish();
}
