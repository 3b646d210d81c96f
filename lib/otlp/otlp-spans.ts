// The spans of one OTLP ExportTraceServiceRequest, flattened to what Warden reads from them. Both wire
// formats (protobuf and JSON) decode to this shape, so the GenAI mapping has one input.

/** An OTLP AnyValue: scalars as JS values (int64 as a number when it is a safe integer, else its decimal string). */
export type AttributeValue = string | number | boolean | Uint8Array | AttributeValue[] | { [key: string]: AttributeValue } | null;

/** Attribute key → value; a null-prototype object, so a key such as "__proto__" is just a key. */
export type Attributes = Record<string, AttributeValue>;

export interface OtlpSpan {
  /** Lowercase hex; "" when absent. Checked by the mapping, not the decoder, so one bad span does not sink the request. */
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  /** SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  /** StatusCode: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  /** The attributes of the resource that emitted the span (shared by the spans of one ResourceSpans). */
  resource: Attributes;
}

export const STATUS_CODE_ERROR = 2;

/** Nesting depth kept for array and key-value-list attribute values; deeper levels become null. */
export const MAX_VALUE_DEPTH = 8;

export function emptyAttributes(): Attributes {
  return Object.create(null) as Attributes;
}

export function toHex(bytes: Uint8Array | null | undefined): string {
  return bytes && bytes.length ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex") : "";
}

/** An int64 as a number when exact, else as its decimal string (never silently rounded). */
export function int64Value(value: bigint): number | string {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value.toString();
}
