// OTLP/JSON: an ExportTraceServiceRequest in the protobuf JSON mapping with OTLP's exceptions — trace and
// span ids as hex strings, enums as integers, lowerCamelCase keys. Leniencies the OTLP spec allows or
// that cost nothing: snake_case keys (the proto field names) are read too, 64-bit integers may be JSON
// numbers or decimal strings, enums may be their names ("SPAN_KIND_CLIENT", "STATUS_CODE_ERROR"), ids
// encoded as base64 (what a generic protobuf JSON printer writes) are recognised by their length, and
// the pre-2022 `instrumentationLibrarySpans` key is read as `scopeSpans`. Unknown keys are ignored, as
// the spec requires.
//
// The structure (arrays where arrays belong, objects where objects belong) is checked here and answered
// with 400 for the whole request; a span's field values (ids, timestamps) are checked by the mapping,
// which rejects that span alone.
import { OtlpDecodeError } from "./otlp-proto";
import { type AttributeValue, type Attributes, MAX_VALUE_DEPTH, type OtlpSpan, emptyAttributes, int64Value } from "./otlp-spans";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads a field by its lowerCamelCase name or its proto (snake_case) name. */
function field(obj: Json, camel: string, snake: string): unknown {
  return obj[camel] !== undefined ? obj[camel] : obj[snake];
}

function list(obj: Json, camel: string, snake: string, where: string): unknown[] {
  const value = field(obj, camel, snake);
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`${where}.${camel} must be an array, got ${describe(value)}`);
  return value;
}

function object(value: unknown, where: string): Json {
  if (!isObject(value)) throw new OtlpDecodeError(`${where} must be an object, got ${describe(value)}`);
  return value;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `the string ${JSON.stringify(value.length > 30 ? `${value.slice(0, 30)}…` : value)}` : `a ${typeof value}`;
}

const SPAN_KINDS: Record<string, number> = {
  SPAN_KIND_UNSPECIFIED: 0,
  SPAN_KIND_INTERNAL: 1,
  SPAN_KIND_SERVER: 2,
  SPAN_KIND_CLIENT: 3,
  SPAN_KIND_PRODUCER: 4,
  SPAN_KIND_CONSUMER: 5,
};
const STATUS_CODES: Record<string, number> = { STATUS_CODE_UNSET: 0, STATUS_CODE_OK: 1, STATUS_CODE_ERROR: 2 };

function enumValue(value: unknown, names: Record<string, number>, where: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && value in names) return names[value];
  throw new OtlpDecodeError(`${where} must be an integer enum value, got ${describe(value)}`);
}

/** A fixed64/int64 as a bigint: a JSON number or a decimal string. Bad values become -1n, which the mapping rejects. */
function int64(value: unknown): bigint {
  if (value === undefined || value === null) return 0n;
  if (typeof value === "number") return Number.isInteger(value) ? BigInt(value) : -1n;
  if (typeof value === "string" && /^-?\d{1,20}$/.test(value.trim())) return BigInt(value.trim());
  return -1n;
}

/** Hex as the OTLP spec says; base64 of the right length (16 or 8 bytes) as generic printers write it. */
function id(value: unknown, bytes: number): string {
  if (typeof value !== "string" || value === "") return "";
  if (value.length === bytes * 2 && /^[0-9a-f]+$/i.test(value)) return value.toLowerCase();
  if (value.length === Math.ceil(bytes / 3) * 4 && /^[A-Za-z0-9+/]+={0,2}$/.test(value)) {
    const decoded = Buffer.from(value, "base64");
    if (decoded.length === bytes) return decoded.toString("hex");
  }
  // Kept as given (marked invalid) so the mapping can name it in the span's rejection.
  return `invalid:${value.slice(0, 40)}`;
}

function anyValue(value: unknown, depth: number): AttributeValue {
  if (!isObject(value) || depth > MAX_VALUE_DEPTH) return null;
  const s = field(value, "stringValue", "string_value");
  if (s !== undefined && s !== null) return typeof s === "string" ? s : String(s);
  const b = field(value, "boolValue", "bool_value");
  if (b !== undefined && b !== null) return b === true || b === "true";
  const i = field(value, "intValue", "int_value");
  if (i !== undefined && i !== null) {
    if (typeof i === "number") return Number.isInteger(i) ? i : String(i);
    return typeof i === "string" && /^-?\d+$/.test(i.trim()) ? int64Value(BigInt(i.trim())) : String(i);
  }
  const d = field(value, "doubleValue", "double_value");
  if (d !== undefined && d !== null) {
    if (typeof d === "number") return d;
    // The protobuf JSON mapping writes non-finite doubles and sometimes numbers as strings.
    const n = typeof d === "string" ? Number(d) : Number.NaN;
    return Number.isNaN(n) && d !== "NaN" ? String(d) : n;
  }
  const a = field(value, "arrayValue", "array_value");
  if (isObject(a)) {
    const values = a.values;
    return Array.isArray(values) ? values.map((v) => anyValue(v, depth + 1)) : [];
  }
  const kv = field(value, "kvlistValue", "kvlist_value");
  if (isObject(kv)) return keyValues(kv.values, depth + 1);
  const bytes = field(value, "bytesValue", "bytes_value");
  if (typeof bytes === "string") return Buffer.from(bytes, "base64");
  return null;
}

function keyValues(values: unknown, depth = 0, where = "attributes"): Attributes {
  const out = emptyAttributes();
  if (values === undefined || values === null) return out;
  if (!Array.isArray(values)) throw new OtlpDecodeError(`${where} must be an array of {key, value}, got ${describe(values)}`);
  for (const kv of values) {
    if (!isObject(kv) || typeof kv.key !== "string") throw new OtlpDecodeError(`${where} must hold {key, value} objects with a string key`);
    if (kv.key) out[kv.key] = anyValue(kv.value, depth + 1);
  }
  return out;
}

/** Decodes OTLP/JSON text; throws OtlpDecodeError with the reason when it is not an ExportTraceServiceRequest. */
export function decodeTraceRequestJson(text: string): OtlpSpan[] {
  if (text.trim() === "") throw new OtlpDecodeError('the body is empty; send an ExportTraceServiceRequest such as {"resourceSpans": []}');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new OtlpDecodeError(`not valid JSON: ${(error as Error).message}`);
  }
  const request = object(parsed, "the body");
  const spans: OtlpSpan[] = [];
  list(request, "resourceSpans", "resource_spans", "request").forEach((rsValue, r) => {
    const where = `resourceSpans[${r}]`;
    const rs = object(rsValue, where);
    const resourceValue = field(rs, "resource", "resource");
    const resource =
      resourceValue === undefined || resourceValue === null
        ? emptyAttributes()
        : keyValues(object(resourceValue, `${where}.resource`).attributes, 0, `${where}.resource.attributes`);
    const scopes = [...list(rs, "scopeSpans", "scope_spans", where), ...list(rs, "instrumentationLibrarySpans", "instrumentation_library_spans", where)];
    scopes.forEach((ssValue, s) => {
      const ssWhere = `${where}.scopeSpans[${s}]`;
      const ss = object(ssValue, ssWhere);
      list(ss, "spans", "spans", ssWhere).forEach((spanValue, i) => {
        const spanWhere = `${ssWhere}.spans[${i}]`;
        const span = object(spanValue, spanWhere);
        const statusValue = field(span, "status", "status");
        const status = statusValue === undefined || statusValue === null ? {} : object(statusValue, `${spanWhere}.status`);
        const name = field(span, "name", "name");
        spans.push({
          traceId: id(field(span, "traceId", "trace_id"), 16),
          spanId: id(field(span, "spanId", "span_id"), 8),
          parentSpanId: id(field(span, "parentSpanId", "parent_span_id"), 8),
          name: typeof name === "string" ? name : "",
          kind: enumValue(field(span, "kind", "kind"), SPAN_KINDS, `${spanWhere}.kind`),
          startTimeUnixNano: int64(field(span, "startTimeUnixNano", "start_time_unix_nano")),
          endTimeUnixNano: int64(field(span, "endTimeUnixNano", "end_time_unix_nano")),
          attributes: keyValues(field(span, "attributes", "attributes"), 0, `${spanWhere}.attributes`),
          statusCode: enumValue(field(status, "code", "code"), STATUS_CODES, `${spanWhere}.status.code`),
          statusMessage: typeof status.message === "string" ? status.message : "",
          resource,
        });
      });
    });
  });
  return spans;
}
