// The malformed-input corpus (issue 4, "Tests that must exist"): each case is a small inline file with the
// error it must produce (row, column where there is one, and a reason substring). Every case yields at
// least one error, so a strict import of it writes zero rows. Valid files at the end check the events
// field by field.
import { createHash } from "node:crypto";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { type ParseUsageOptions, type ParsedRow, parseUsageFile } from "./parse-usage-file";
import type { UsageEvent } from "./usage-event";

const NOW = new Date("2026-06-01T00:00:00Z");

async function collect(input: Parameters<typeof parseUsageFile>[0], options: ParseUsageOptions = {}): Promise<ParsedRow[]> {
  const out: ParsedRow[] = [];
  for await (const r of parseUsageFile(input, { now: NOW, ...options })) out.push(r);
  return out;
}

function chunked(bytes: Buffer, size: number): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    })(),
  );
}
const events = (rows: ParsedRow[]) => rows.flatMap((r) => ("event" in r ? [r.event] : []));
const errorRows = (rows: ParsedRow[]) => rows.filter((r): r is Extract<ParsedRow, { errors: unknown }> => "errors" in r);
/** What a strict import writes: nothing when any row is bad. */
const strictWrites = (rows: ParsedRow[]) => (errorRows(rows).length ? [] : events(rows));

const COLS = [
  "event_id",
  "timestamp",
  "model",
  "status",
  "latency_ms",
  "ttft_ms",
  "input_tokens",
  "output_tokens",
  "cost_usd",
  "is_fallback",
  "retries",
  "quality_score",
  "feedback",
  "error_type",
  "user",
] as const;
type Row = Partial<Record<(typeof COLS)[number], string>>;
const BASE: Required<Row> = {
  event_id: "e1",
  timestamp: "2026-03-01T10:00:00Z",
  model: "gpt-4o",
  status: "ok",
  latency_ms: "1200",
  ttft_ms: "300",
  input_tokens: "500",
  output_tokens: "200",
  cost_usd: "0.0123",
  is_fallback: "false",
  retries: "0",
  quality_score: "0.9",
  feedback: "1",
  error_type: "",
  user: "",
};
const line = (r: Row) => COLS.map((c) => r[c] ?? BASE[c]).join(",");
/** A CSV file: header, then one data row per argument (row 2, 3, …). */
const csv = (...rows: Row[]) => [COLS.join(","), ...rows.map(line)].join("\n") + "\n";
const jsonl = (...objs: unknown[]) => objs.map((o) => (typeof o === "string" ? o : JSON.stringify(o))).join("\n") + "\n";
const OBJ = { event_id: "j1", timestamp: "2026-03-01T10:00:00Z", model: "gpt-4o", status: "ok", latency_ms: 900 };

interface Case {
  name: string;
  input: string | Buffer;
  /** Feed the bytes in chunks of this size, as a network upload arrives. */
  chunkSize?: number;
  options?: ParseUsageOptions;
  row: number;
  column?: string;
  reason: string;
  fatal?: boolean;
}

const big = "x".repeat(2 * 1024 * 1024);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

const corpus: Case[] = [
  // encodings
  {
    name: "Latin-1 byte in a CSV field",
    input: Buffer.concat([
      Buffer.from(csv().replace(/\n$/, "\n") + "e1,2026-03-01T10:00:00Z,caf"),
      Buffer.from([0xe9]),
      Buffer.from(",ok,1,1,1,1,1,false,0,0.5,0,,\n"),
    ]),
    row: 2,
    column: "model",
    reason: "invalid UTF-8",
  },
  {
    name: "Windows-1252 smart quote in a CSV field",
    input: Buffer.concat([Buffer.from(csv() + "e1,2026-03-01T10:00:00Z,gpt,ok,1,1,1,1,1,false,0,0.5,0,,"), Buffer.from([0x93, 0x61, 0x94]), Buffer.from("\n")]),
    row: 2,
    column: "user",
    reason: "invalid UTF-8",
  },
  {
    name: "UTF-16 LE with BOM",
    input: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv(BASE), "utf16le")]),
    row: 0,
    column: "_file",
    reason: "UTF-16",
    fatal: true,
  },
  { name: "UTF-16 BE with BOM", input: Buffer.from([0xfe, 0xff, 0x00, 0x74, 0x00, 0x69]), row: 0, column: "_file", reason: "UTF-16", fatal: true },
  {
    name: "invalid UTF-8 sequence in a JSONL line",
    input: Buffer.concat([Buffer.from(jsonl(OBJ) + '{"model":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n')]),
    row: 2,
    column: "_row",
    reason: "invalid UTF-8",
  },
  // delimiters
  {
    name: "semicolon-separated file",
    input: "timestamp;model;status\n2026-03-01T10:00:00Z;gpt-4o;ok\n",
    row: 1,
    column: "_file",
    reason: "semicolon-separated",
    fatal: true,
  },
  {
    name: "tab-separated file",
    input: "timestamp\tmodel\tstatus\n2026-03-01T10:00:00Z\tgpt-4o\tok\n",
    row: 1,
    column: "_file",
    reason: "tab-separated",
    fatal: true,
  },
  // headers
  {
    name: "missing header (data on row 1)",
    input: line(BASE) + "\n",
    options: { format: "csv" },
    row: 1,
    column: "_file",
    reason: "is not a header",
    fatal: true,
  },
  {
    name: "duplicate column",
    input: "timestamp,model,status,model\n2026-03-01T10:00:00Z,a,ok,b\n",
    row: 1,
    column: "model",
    reason: "duplicate column",
    fatal: true,
  },
  {
    name: "unknown column (typo)",
    input: "timestamp,model,status,latncy_ms\n2026-03-01T10:00:00Z,a,ok,5\n",
    row: 1,
    column: "latncy_ms",
    reason: "unknown column",
    fatal: true,
  },
  {
    name: "missing required column model",
    input: "timestamp,status\n2026-03-01T10:00:00Z,ok\n",
    row: 1,
    column: "model",
    reason: "missing required column",
    fatal: true,
  },
  {
    name: "missing required column timestamp",
    input: "model,status\ngpt-4o,ok\n",
    row: 1,
    column: "timestamp",
    reason: "missing required column",
    fatal: true,
  },
  {
    name: "missing required column status",
    input: "timestamp,model\n2026-03-01T10:00:00Z,gpt-4o\n",
    row: 1,
    column: "status",
    reason: "missing required column",
    fatal: true,
  },
  { name: "JSONL unknown key", input: jsonl({ ...OBJ, latncy_ms: 5 }), row: 1, column: "latncy_ms", reason: "unknown column" },
  { name: "JSONL missing model", input: jsonl({ timestamp: OBJ.timestamp, status: "ok" }), row: 1, column: "model", reason: "is required" },
  { name: "CSV row with too few fields", input: csv(BASE) + "e2,2026-03-01T10:00:00Z,gpt-4o\n", row: 3, column: "_row", reason: "expected 15 fields" },
  // quoting
  {
    name: "unterminated quote",
    input: csv(BASE) + 'e2,2026-03-01T10:00:00Z,"gpt-4o,ok,1,1,1,1,1,false,0,0.5,0,,\n',
    row: 3,
    column: "_row",
    reason: "unterminated quoted field",
  },
  { name: "stray quote inside a field", input: csv({ model: 'gpt"4o' }, { event_id: "e2" }), row: 2, column: "_row", reason: "stray quote" },
  // types
  { name: "text in latency", input: csv({ latency_ms: "fast" }), row: 2, column: "latency_ms", reason: "must be a number" },
  { name: "float tokens", input: csv({ input_tokens: "12.5" }), row: 2, column: "input_tokens", reason: "whole number" },
  { name: "negative cost", input: csv({ cost_usd: "-0.5" }), row: 2, column: "cost_usd", reason: "must not be negative" },
  { name: "NaN quality", input: csv({ quality_score: "NaN" }), row: 2, column: "quality_score", reason: "finite number" },
  { name: "Infinity latency", input: csv({ latency_ms: "Infinity" }), row: 2, column: "latency_ms", reason: "finite number" },
  { name: "boolean yes", input: csv({ is_fallback: "yes" }), row: 2, column: "is_fallback", reason: "true, false, 1 or 0" },
  { name: "status success", input: csv({ status: "success" }), row: 2, column: "status", reason: "must be ok or error" },
  { name: "error_type with status ok", input: csv({ error_type: "rate_limit" }), row: 2, column: "error_type", reason: "status is ok" },
  { name: "JSON object as model", input: jsonl({ ...OBJ, model: { name: "x" } }), row: 1, column: "model", reason: "must be text" },
  { name: "hex number in tokens", input: csv({ output_tokens: "0x10" }), row: 2, column: "output_tokens", reason: "must be a number" },
  // ranges
  { name: "quality 1.5", input: csv({ quality_score: "1.5" }), row: 2, column: "quality_score", reason: "at most 1" },
  { name: "feedback 2", input: csv({ feedback: "2" }), row: 2, column: "feedback", reason: "-1, 0 or 1" },
  { name: "latency 2 hours", input: csv({ latency_ms: "7200000" }), row: 2, column: "latency_ms", reason: "at most 3600000" },
  { name: "retries -1", input: csv({ retries: "-1" }), row: 2, column: "retries", reason: "must not be negative" },
  { name: "tokens over 10M", input: csv({ output_tokens: "20000000" }), row: 2, column: "output_tokens", reason: "at most 10000000" },
  { name: "cost over 10000", input: csv({ cost_usd: "20000" }), row: 2, column: "cost_usd", reason: "at most 10000" },
  { name: "ttft after latency", input: csv({ ttft_ms: "5000", latency_ms: "1000" }), row: 2, column: "ttft_ms", reason: "exceeds latency_ms" },
  // timestamps and time zones
  { name: "timestamp without a zone", input: csv({ timestamp: "2026-03-01T10:00:00" }), row: 2, column: "timestamp", reason: "no time zone" },
  { name: "timestamp with space and no zone", input: csv({ timestamp: "2026-03-01 10:00:00" }), row: 2, column: "timestamp", reason: "no time zone" },
  { name: "invalid date 2026-02-30", input: csv({ timestamp: "2026-02-30T10:00:00Z" }), row: 2, column: "timestamp", reason: "not a real date" },
  { name: "hour 25", input: csv({ timestamp: "2026-03-01T25:00:00Z" }), row: 2, column: "timestamp", reason: "not a real date" },
  { name: "epoch seconds", input: csv({ timestamp: "1772359200" }), row: 2, column: "timestamp", reason: "epoch seconds" },
  { name: "epoch microseconds", input: jsonl({ ...OBJ, timestamp: 1772359200000000 }), row: 1, column: "timestamp", reason: "microseconds" },
  { name: "year 1900", input: csv({ timestamp: "1900-01-01T00:00:00Z" }), row: 2, column: "timestamp", reason: "before 2000-01-01" },
  { name: "far future", input: csv({ timestamp: "2999-01-01T00:00:00Z" }), row: 2, column: "timestamp", reason: "in the future" },
  { name: "date without time", input: csv({ timestamp: "2026-03-01" }), row: 2, column: "timestamp", reason: "date without a time" },
  { name: "words as timestamp", input: csv({ timestamp: "yesterday" }), row: 2, column: "timestamp", reason: "ISO 8601" },
  { name: "impossible offset", input: csv({ timestamp: "2026-03-01T10:00:00+25:00" }), row: 2, column: "timestamp", reason: "impossible offset" },
  // sizes
  { name: "2 MB line in CSV", input: csv(BASE, { user: big }), row: 3, column: "_row", reason: "longer than the limit", fatal: true },
  { name: "2 MB line in JSONL", input: jsonl(OBJ, { ...OBJ, user: big }), row: 2, column: "_row", reason: "longer than the limit" },
  // compressed inputs
  {
    name: "gzip bomb (ratio)",
    input: gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x61)),
    chunkSize: 1024,
    options: { fileName: "u.csv.gz" },
    row: 0,
    column: "_file",
    reason: "compression bomb",
    fatal: true,
  },
  {
    name: "gzip beyond the size cap",
    input: gzipSync(Buffer.from(csv(...Array.from({ length: 3000 }, (_, i) => ({ event_id: `e${i}` }))))),
    options: { maxDecompressedBytes: 64 * 1024 },
    row: 0,
    column: "_file",
    reason: "exceeds the limit",
    fatal: true,
  },
  {
    name: "named .gz but plain text",
    input: csv(BASE),
    options: { fileName: "u.csv.gz" },
    row: 0,
    column: "_file",
    reason: "not gzip-compressed",
    fatal: true,
  },
  {
    name: "truncated gzip",
    input: gzipSync(Buffer.from(csv(BASE, BASE))).subarray(0, 30),
    row: 0,
    column: "_file",
    reason: "not a valid gzip stream",
    fatal: true,
  },
  // wrong content types
  { name: "a PNG", input: PNG, options: { fileName: "usage.csv" }, row: 0, column: "_file", reason: "PNG image", fatal: true },
  { name: "a ZIP (xlsx)", input: Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4]), row: 0, column: "_file", reason: "ZIP archive", fatal: true },
  {
    name: "HTML page",
    input: "<!DOCTYPE html><html><body>Login</body></html>\n",
    options: { contentType: "text/csv" },
    row: 0,
    column: "_file",
    reason: "HTML",
    fatal: true,
  },
  {
    name: "JSON array given as JSONL",
    input: JSON.stringify([OBJ, OBJ]) + "\n",
    options: { contentType: "application/x-ndjson" },
    row: 1,
    column: "_row",
    reason: "JSON array",
  },
  // JSONL specifics
  { name: "JSONL line that is an array", input: jsonl(OBJ, [1, 2]), row: 2, column: "_row", reason: "JSON array" },
  { name: "JSONL trailing garbage", input: jsonl(OBJ, JSON.stringify({ ...OBJ, event_id: "j2" }) + " xyz"), row: 2, column: "_row", reason: "invalid JSON" },
  { name: "JSONL truncated object", input: jsonl(OBJ, '{"timestamp": "2026-03-01T1'), row: 2, column: "_row", reason: "invalid JSON" },
  { name: "JSONL line that is a number", input: jsonl("42"), options: { format: "jsonl" }, row: 1, column: "_row", reason: "expected an object" },
  {
    name: "JSON array not closed",
    input: '[{"request_id":"r1","startTime":"2026-03-01T10:00:00Z","model":"m"},',
    row: 2,
    column: "_file",
    reason: "not closed",
    fatal: true,
  },
  {
    name: "JSON array with trailing data",
    input: '[{"request_id":"r1","startTime":"2026-03-01T10:00:00Z","model":"m"}] {}',
    row: 1,
    column: "_file",
    reason: "after the end",
    fatal: true,
  },
  // LiteLLM specifics
  {
    name: "LiteLLM endTime before startTime",
    input: "request_id,startTime,endTime,model\nr1,2026-03-01 10:00:05,2026-03-01 10:00:00,gpt-4o\n",
    row: 2,
    column: "endTime",
    reason: "before startTime",
  },
  {
    name: "LiteLLM negative spend",
    input: "request_id,startTime,endTime,model,spend\nr1,2026-03-01 10:00:00,2026-03-01 10:00:01,gpt-4o,-1\n",
    row: 2,
    column: "spend",
    reason: "must not be negative",
  },
  // empty
  { name: "empty file", input: "", row: 0, column: "_file", reason: "empty", fatal: true },
  { name: "whitespace-only file", input: "\n\n  \r\n", row: 0, column: "_file", reason: "empty", fatal: true },
  { name: "BOM only", input: Buffer.from([0xef, 0xbb, 0xbf]), row: 0, column: "_file", reason: "empty", fatal: true },
];

describe("malformed usage files", () => {
  it("has at least 45 cases", () => {
    expect(corpus.length).toBeGreaterThanOrEqual(45);
  });

  for (const c of corpus) {
    it(c.name, async () => {
      const rows = await collect(c.chunkSize ? chunked(Buffer.from(c.input), c.chunkSize) : c.input, c.options);
      const errs = errorRows(rows);
      const match = errs.find((r) => r.row === c.row && r.errors.some((e) => (c.column === undefined || e.column === c.column) && e.reason.includes(c.reason)));
      expect(match, `expected row ${c.row} ${c.column ?? ""} "${c.reason}" in ${JSON.stringify(errs).slice(0, 800)}`).toBeDefined();
      if (c.fatal) expect(match?.fatal).toBe(true);
      expect(strictWrites(rows)).toEqual([]);
    });
  }

  it("keeps going after a row error: the rows around it still parse", async () => {
    const rows = await collect(csv({ event_id: "a" }, { event_id: "b", latency_ms: "fast" }, { event_id: "c" }));
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(events(rows).map((e) => e.eventId)).toEqual(["a", "c"]);
  });

  it("an over-long JSONL line does not stop the lines after it", async () => {
    const rows = await collect(jsonl(OBJ, { ...OBJ, user: big }, { ...OBJ, event_id: "j3" }));
    expect(rows.map((r) => r.row)).toEqual([1, 2, 3]);
    expect(events(rows).map((e) => e.eventId)).toEqual(["j1", "j3"]);
  });
});

describe("duplicates within a file", () => {
  it("reports the same event_id twice as a duplicate of the first row, not as an error", async () => {
    const rows = await collect(csv({ event_id: "same" }, { event_id: "other" }, { event_id: "same", latency_ms: "1300" }));
    expect(rows[2]).toEqual({ row: 4, duplicateOf: 2, eventId: "same" });
    expect(errorRows(rows)).toEqual([]);
    expect(strictWrites(rows).map((e) => e.eventId)).toEqual(["same", "other"]);
  });

  it("dedupes identical rows without event_id by content hash, across formats", async () => {
    const noId = { event_id: "" };
    const rows = await collect(csv(noId, noId));
    expect(rows[1]).toMatchObject({ row: 3, duplicateOf: 2 });
    const [fromCsv] = events(rows);
    expect(fromCsv.eventId).toMatch(/^[0-9a-f]{64}$/);
    const asJson = {
      timestamp: "2026-03-01T11:00:00+01:00",
      model: "gpt-4o",
      status: "ok",
      latency_ms: 1200,
      ttft_ms: 300,
      input_tokens: 500,
      output_tokens: 200,
      cost_usd: 0.0123,
      is_fallback: false,
      retries: 0,
      quality_score: 0.9,
      feedback: 1,
    };
    const [fromJson] = events(await collect(jsonl(asJson)));
    expect(fromJson.eventId).toBe(fromCsv.eventId);
  });
});

const sha = (s: string) => createHash("sha256").update(s).digest("hex");

describe("valid usage files", () => {
  const expectedFirst: UsageEvent = {
    eventId: "e1",
    timestamp: new Date("2026-03-01T10:00:00Z"),
    model: "gpt-4o",
    responseModel: null,
    provider: null,
    workflow: null,
    bundle: null,
    latencyMs: 1200,
    ttftMs: 300,
    inputTokens: 500,
    outputTokens: 200,
    costUsd: 0.0123,
    status: "ok",
    errorType: null,
    isFallback: false,
    retries: 0,
    region: null,
    userHash: sha("alice@example.com"),
    qualityScore: 0.9,
    feedback: 1,
  };

  it("parses a CSV file with BOM, CRLF, quotes and empty optional fields", async () => {
    const header =
      "\ufefftimestamp,event_id,model,response_model,provider,workflow,bundle,latency_ms,ttft_ms,input_tokens,output_tokens,cost_usd,status,error_type,is_fallback,retries,region,user,quality_score,feedback";
    const body = [
      "2026-03-01T10:00:00Z,e1,gpt-4o,,,,,1200,300,500,200,0.0123,ok,,false,0,,Alice@Example.com ,0.9,1",
      '2026-03-01T12:30:00.250+02:00,e2,claude-sonnet,claude-sonnet-4-5,anthropic,"summarize, long",b-7,45000,,12000,0,,ERROR,timeout,TRUE,3,eu-west-1,' +
        "a".repeat(64) +
        ",,-1",
      "",
    ].join("\r\n");
    const rows = await collect(header + "\r\n" + body, { fileName: "usage.csv" });
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    const [a, b] = events(rows);
    expect(a).toEqual(expectedFirst);
    expect(b).toEqual({
      eventId: "e2",
      timestamp: new Date("2026-03-01T10:30:00.250Z"),
      model: "claude-sonnet",
      responseModel: "claude-sonnet-4-5",
      provider: "anthropic",
      workflow: "summarize, long",
      bundle: "b-7",
      latencyMs: 45000,
      ttftMs: null,
      inputTokens: 12000,
      outputTokens: 0,
      costUsd: null,
      status: "error",
      errorType: "timeout",
      isFallback: true,
      retries: 3,
      region: "eu-west-1",
      userHash: "a".repeat(64),
      qualityScore: null,
      feedback: -1,
    });
  });

  it("parses JSONL with native types, skips blank lines and counts rows by line", async () => {
    const text = jsonl(
      {
        event_id: "e1",
        timestamp: Date.parse("2026-03-01T10:00:00Z"),
        model: "gpt-4o",
        status: "ok",
        latency_ms: 1200,
        ttft_ms: 300,
        input_tokens: 500,
        output_tokens: 200,
        cost_usd: 0.0123,
        is_fallback: 0,
        retries: 0,
        quality_score: 0.9,
        feedback: 1,
        user: "alice@example.com",
      },
      "",
      { event_id: "e3", timestamp: "2026-03-01T10:00:00Z", model: "m", status: "error", is_fallback: true, user: null },
    );
    const rows = await collect(text, { contentType: "application/x-ndjson" });
    expect(rows.map((r) => r.row)).toEqual([1, 3]);
    const [a, b] = events(rows);
    expect(a).toEqual(expectedFirst);
    expect(b).toMatchObject({ eventId: "e3", status: "error", errorType: null, isFallback: true, userHash: null, costUsd: null, retries: 0 });
  });

  it("maps a LiteLLM spend-log CSV export", async () => {
    const header =
      "request_id,call_type,api_key,spend,total_tokens,prompt_tokens,completion_tokens,startTime,endTime,completionStartTime,model,model_group,custom_llm_provider,user,metadata,request_tags,status,end_user,messages";
    const ok =
      'chatcmpl-1,acompletion,hashed,0.00042,150,100,50,2026-03-01 10:00:00.000,2026-03-01 10:00:01.500,2026-03-01 10:00:00.400,gpt-4o-2024-08-06,gpt-4o,openai,u-1,{},"[""workflow:support"",""bundle:b1""]",success,cust@example.com,"{""secret"":""prompt""}"';
    const bad =
      'chatcmpl-2,acompletion,hashed,0,0,0,0,2026-03-01T10:05:00Z,2026-03-01T10:05:02Z,2026-03-01T10:05:02Z,claude-3,,anthropic,u-2,"{""error_information"":{""error_class"":""RateLimitError""}}",[],failure,,';
    const rows = await collect([header, ok, bad, ""].join("\n"));
    const [a, b] = events(rows);
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(a).toEqual({
      eventId: "chatcmpl-1",
      timestamp: new Date("2026-03-01T10:00:00Z"),
      model: "gpt-4o",
      responseModel: "gpt-4o-2024-08-06",
      provider: "openai",
      workflow: "support",
      bundle: "b1",
      latencyMs: 1500,
      ttftMs: 400,
      inputTokens: 100,
      outputTokens: 50,
      costUsd: 0.00042,
      status: "ok",
      errorType: null,
      isFallback: false,
      retries: 0,
      region: null,
      userHash: sha("cust@example.com"),
      qualityScore: null,
      feedback: null,
    });
    expect(b).toMatchObject({
      eventId: "chatcmpl-2",
      model: "claude-3",
      responseModel: null,
      status: "error",
      errorType: "RateLimitError",
      latencyMs: 2000,
      ttftMs: null,
      costUsd: 0,
      userHash: sha("u-2"),
    });
  });

  it("maps a LiteLLM JSON array export, read in 1-byte chunks", async () => {
    const text = JSON.stringify(
      [
        {
          request_id: "r1",
          startTime: "2026-03-01T10:00:00Z",
          endTime: "2026-03-01T10:00:00.800Z",
          model: "gpt-4o-mini",
          model_group: "",
          spend: 0.1,
          prompt_tokens: 10,
          completion_tokens: 5,
          status: "success",
          metadata: { workflow: "triage" },
          request_duration_ms: 750,
        },
        { request_id: "r2", startTime: "2026-03-01T10:00:01Z", model: "gpt-4o-mini", spend: 0, status: "success", user: "é-user" },
      ],
      null,
      2,
    );
    const bytes = Buffer.from(text);
    const chunks = Readable.from(
      (function* () {
        for (const b of bytes) yield Buffer.from([b]);
      })(),
    );
    const rows = await collect(chunks, { fileName: "spend.json" });
    expect(rows.map((r) => r.row)).toEqual([1, 2]);
    const [a, b] = events(rows);
    expect(a).toMatchObject({
      eventId: "r1",
      model: "gpt-4o-mini",
      responseModel: null,
      workflow: "triage",
      latencyMs: 750,
      costUsd: 0.1,
      inputTokens: 10,
      outputTokens: 5,
    });
    expect(b).toMatchObject({ eventId: "r2", latencyMs: null, userHash: sha("é-user") });
  });

  it("reads gzip-compressed JSONL from a web ReadableStream", async () => {
    const gz = gzipSync(Buffer.from(jsonl(OBJ, { ...OBJ, event_id: "j2", model: "café-model" })));
    const web = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < gz.length; i += 7) controller.enqueue(gz.subarray(i, i + 7));
        controller.close();
      },
    });
    const rows = await collect(web, { fileName: "events.jsonl.gz" });
    expect(events(rows).map((e) => [e.eventId, e.model, e.latencyMs])).toEqual([
      ["j1", "gpt-4o", 900],
      ["j2", "café-model", 900],
    ]);
  });

  it("reads a CSV split mid-character across chunks", async () => {
    const bytes = Buffer.from(csv({ model: "modèle-ü" }));
    const rows = await collect(
      Readable.from(
        (function* () {
          for (let i = 0; i < bytes.length; i += 3) yield bytes.subarray(i, i + 3);
        })(),
      ),
    );
    expect(events(rows).map((e) => e.model)).toEqual(["modèle-ü"]);
  });

  it("hashes users with HMAC when a secret is given", async () => {
    const [e] = events(await collect(csv({ user: "bob" }), { userHashSecret: "s3cret" }));
    expect(e.userHash).toMatch(/^[0-9a-f]{64}$/);
    expect(e.userHash).not.toBe(sha("bob"));
  });
});
