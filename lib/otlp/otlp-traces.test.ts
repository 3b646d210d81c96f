// POST /v1/traces end to end below HTTP: Request in, Response out, against an in-memory database.
import { gzipSync } from "node:zlib";
import { ROOT_CONTEXT, SpanKind, trace } from "@opentelemetry/api";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { handleOtlpTraces } from "@/lib/http/ingest";
import { Admission } from "@/lib/ingestion/admission";
import { type UserActor, createActor, ensureProvider } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { exportRequest, httpSpan, jsonBody, olderAzureSpan, openAiChatSpan, span } from "./otlp-fixtures";
import { type OtlpOptions, ingestOtlpTraces } from "./otlp-traces";

let db: Database;
let engineer: UserActor;

beforeAll(async () => {
  db = await openTestDatabase();
  engineer = await createActor(db.prisma, ["engineer"]);
  const openai = await ensureProvider(db.prisma, "openai", "OpenAI");
  // Warden resolves an event to the model that answered (gen_ai.response.model) when there is one.
  const snapshot = await db.prisma.model.create({
    data: { providerId: openai.id, snapshotId: "gpt-4o-2024-08-06", name: "GPT-4o (2024-08-06)", inputPricePerMTok: 2.5, outputPricePerMTok: 10 },
  });
  await db.prisma.modelPrice.create({
    data: { modelId: snapshot.id, inputPricePerMTok: 2.5, outputPricePerMTok: 10, effectiveFrom: new Date("2026-01-01T00:00:00Z"), source: "litellm" },
  });
  await db.prisma.workflow.create({ data: { slug: "support-chat", name: "Support chat", riskClass: "limited", trafficTier: "high" } });
});
afterAll(() => db.close());

function post(body: Uint8Array | ReadableStream<Uint8Array> | null, headers: Record<string, string>, options?: OtlpOptions) {
  const request = new Request("http://warden.test/v1/traces", { method: "POST", body: body as BodyInit | null, headers, duplex: "half" } as RequestInit);
  return handleOtlpTraces(db, engineer, request, options);
}

const postJson = (request: object, options?: OtlpOptions) => post(jsonBody(request), { "content-type": "application/json" }, options);

/** A body stream that fails the test if anything reads it. */
function untouchableBody(): ReadableStream<Uint8Array> & { read: boolean } {
  const state = { read: false };
  const stream = new ReadableStream<Uint8Array>({
    pull() {
      state.read = true;
      throw new Error("the body must not be read");
    },
  });
  return Object.assign(stream, state);
}

const spanCounts = (response: Response) =>
  Object.fromEntries(["Accepted", "Duplicate", "Rejected", "Skipped"].map((k) => [k.toLowerCase(), Number(response.headers.get(`X-Warden-${k}-Spans`))]));

describe("a JSON export", () => {
  const chat = openAiChatSpan({ attrs: { "warden.workflow": "support-chat" } });
  const azure = olderAzureSpan();
  const request = exportRequest([httpSpan(), chat, azure, httpSpan({ name: "SELECT" })], { "service.name": "support-bot", "cloud.region": "eu-west-1" });

  it("stores the GenAI spans as usage events, resolved to the catalog and priced, and counts the rest as skipped", async () => {
    const response = await postJson(request);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({});
    expect(spanCounts(response)).toEqual({ accepted: 2, duplicate: 0, rejected: 0, skipped: 2 });

    const stored = await db.prisma.usageEvent.findUniqueOrThrow({ where: { eventId: `otlp-${chat.traceId}-${chat.spanId}` } });
    expect(stored).toMatchObject({
      model: "gpt-4o",
      responseModel: "gpt-4o-2024-08-06",
      provider: "openai",
      workflow: "support-chat",
      region: "eu-west-1",
      latencyMs: 1250,
      inputTokens: 1200,
      outputTokens: 180,
      status: "ok",
      costEstimated: true,
    });
    expect(stored.modelId).not.toBeNull();
    expect(stored.workflowId).not.toBeNull();
    expect(stored.costUsd).toBeCloseTo((1200 * 2.5 + 180 * 10) / 1e6, 9);
    const importRecord = await db.prisma.usageImport.findUniqueOrThrow({ where: { id: stored.importId! } });
    expect(importRecord).toMatchObject({ source: "otlp", mode: "lenient", rowsAccepted: 2 });
    expect(await db.prisma.auditEvent.count({ where: { action: "usage.import", targetId: importRecord.id } })).toBe(1);
  });

  it("changes nothing when the same spans are exported again (an exporter retry)", async () => {
    const before = await db.prisma.usageEvent.count();
    const response = await postJson(request);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});
    expect(spanCounts(response)).toEqual({ accepted: 0, duplicate: 2, rejected: 0, skipped: 2 });
    expect(await db.prisma.usageEvent.count()).toBe(before);
  });

  it("answers partial success naming the reasons when some spans are rejected, and stores the rest", async () => {
    const good = openAiChatSpan();
    const noModel = span({ attrs: { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai" } });
    const negative = olderAzureSpan({ attrs: { "gen_ai.usage.prompt_tokens": -1 } });
    const response = await postJson(exportRequest([good, noModel, httpSpan(), negative]));
    expect(response.status).toBe(200);
    expect(spanCounts(response)).toEqual({ accepted: 1, duplicate: 0, rejected: 2, skipped: 1 });
    const body = await response.json();
    expect(body.partialSuccess.rejectedSpans).toBe(2);
    expect(body.partialSuccess.errorMessage).toBe(
      `2 of 4 spans rejected by Warden: span 2 (${noModel.spanId}): gen_ai.request.model is required (neither gen_ai.request.model nor gen_ai.response.model is set); ` +
        `span 4 (${negative.spanId}): gen_ai.usage.prompt_tokens must not be negative, got -1`,
    );
    expect(await db.prisma.usageEvent.count({ where: { eventId: { in: [good, noModel, negative].map((s) => `otlp-${s.traceId}-${s.spanId}`) } } })).toBe(1);
  });

  it("writes nothing, not even an import record, for an export without model calls", async () => {
    const imports = await db.prisma.usageImport.count();
    const response = await postJson(exportRequest([httpSpan(), httpSpan()]));
    expect(response.status).toBe(200);
    expect(spanCounts(response)).toEqual({ accepted: 0, duplicate: 0, rejected: 0, skipped: 2 });
    expect(await db.prisma.usageImport.count()).toBe(imports);
  });
});

describe("a protobuf export from the OpenTelemetry SDK", () => {
  function sdkExport(model: string) {
    const exporter = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": "support-bot", "warden.workflow": "support-chat" }),
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const tracer = provider.getTracer("test");
    const root = tracer.startSpan("POST /chat", { kind: SpanKind.SERVER });
    const context = trace.setSpan(ROOT_CONTEXT, root);
    tracer
      .startSpan(
        `chat ${model}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": "openai",
            "gen_ai.request.model": model,
            "gen_ai.usage.input_tokens": 300,
            "gen_ai.usage.output_tokens": 40,
          },
        },
        context,
      )
      .end();
    tracer.startSpan("chat", { kind: SpanKind.CLIENT, attributes: { "gen_ai.operation.name": "chat" } }, context).end();
    root.end();
    return { bytes: ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans())!, spans: exporter.getFinishedSpans() };
  }

  it("is answered in protobuf with a partial success the official client decodes", async () => {
    const { bytes, spans } = sdkExport("gpt-4o");
    const response = await post(bytes, { "content-type": "application/x-protobuf" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-protobuf");
    expect(spanCounts(response)).toEqual({ accepted: 1, duplicate: 0, rejected: 1, skipped: 1 });
    const answer = ProtobufTraceSerializer.deserializeResponse(new Uint8Array(await response.arrayBuffer()));
    expect(answer.partialSuccess).toEqual({ rejectedSpans: 1, errorMessage: expect.stringContaining("span 2 (") });
    const stored = await db.prisma.usageEvent.findUniqueOrThrow({
      where: { eventId: `otlp-${spans[0].spanContext().traceId}-${spans[0].spanContext().spanId}` },
    });
    expect(stored).toMatchObject({ model: "gpt-4o", workflow: "support-chat", inputTokens: 300 });
  });

  it("may be gzip-compressed", async () => {
    const { bytes } = sdkExport("gpt-4o-mini");
    const response = await post(gzipSync(bytes), { "content-type": "application/x-protobuf", "content-encoding": "gzip" });
    expect(response.status).toBe(200);
    expect(spanCounts(response)).toMatchObject({ accepted: 1, rejected: 1 });
    expect(await db.prisma.usageEvent.count({ where: { model: "gpt-4o-mini", workflow: "support-chat" } })).toBe(1);
  });
});

describe("refused requests", () => {
  it("a content type other than protobuf or JSON is 415 with a JSON reason, before the body is read", async () => {
    const refused: Record<string, string>[] = [{ "content-type": "text/plain" }, {}, { "content-type": "application/json", "content-encoding": "br" }];
    for (const headers of refused) {
      const body = untouchableBody();
      const response = await post(body, headers);
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({
        error: { code: "unsupported_media_type", message: expect.stringMatching(/application\/x-protobuf or application\/json/) },
      });
      expect(body.read).toBe(false);
    }
  });

  it("a declared length over the limit is 413 before the body is read", async () => {
    const body = untouchableBody();
    const response = await post(body, { "content-type": "application/x-protobuf", "content-length": String(17 * 1024 * 1024) });
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({ code: "payload_too_large", message: expect.stringMatching(/larger than 16 MiB/) });
    expect(body.read).toBe(false);
  });

  it("a streamed body that passes the limit is 413 and stops being read", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const response = await post(endless, { "content-type": "application/x-protobuf" }, { limits: { maxBodyBytes: 1024 * 1024 } });
    expect(response.status).toBe(413);
    expect(pulled).toBeLessThan(40);
  });

  it("a compression bomb is 413 once inflation passes the cap", async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    const response = await post(
      bomb,
      { "content-type": "application/x-protobuf", "content-encoding": "gzip" },
      { limits: { maxInflatedBytes: 4 * 1024 * 1024 } },
    );
    expect(response.status).toBe(413);
    expect((await response.json()).error.message).toMatch(/inflates to more than 4 MiB/);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(40 * 1024 * 1024);
  });

  it("malformed protobuf, JSON or gzip is 400 with the reason", async () => {
    const cases: [Uint8Array, Record<string, string>, RegExp][] = [
      [Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), { "content-type": "application/x-protobuf" }, /not an OTLP protobuf ExportTraceServiceRequest/],
      [new TextEncoder().encode('{"resourceSpans": [}'), { "content-type": "application/json" }, /not an OTLP JSON ExportTraceServiceRequest: not valid JSON/],
      [new TextEncoder().encode('{"resourceSpans": "none"}'), { "content-type": "application/json; charset=utf-8" }, /resourceSpans must be an array/],
      [Uint8Array.from([0x7b, 0xff, 0xfe, 0x7d]), { "content-type": "application/json" }, /not UTF-8/],
      [jsonBody({}), { "content-type": "application/json", "content-encoding": "gzip" }, /Content-Encoding says gzip but the body is not gzip-compressed/],
      [gzipSync(jsonBody({})).subarray(0, 12), { "content-type": "application/json", "content-encoding": "gzip" }, /not a valid gzip stream/],
    ];
    for (const [body, headers, reason] of cases) {
      const response = await post(body, headers);
      expect(response.status).toBe(400);
      expect((await response.json()).error).toMatchObject({ code: "bad_request", message: expect.stringMatching(reason) });
    }
  });

  it("429 with Retry-After when the admission queue is full, without reading the body", async () => {
    const admission = new Admission({ concurrent: 1, queued: 0, retryAfterSeconds: 3 });
    let release!: () => void;
    const busy = admission.run(() => new Promise<void>((resolve) => (release = resolve)));
    const body = untouchableBody();
    const response = await post(body, { "content-type": "application/x-protobuf" }, { admission });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3");
    expect(body.read).toBe(false);
    release();
    await busy;
  });

  it("a caller without usage:ingest is refused before anything is read", async () => {
    const viewer = await createActor(db.prisma, ["viewer"]);
    await expect(ingestOtlpTraces(db, viewer, { contentType: "application/json", body: untouchableBody() })).rejects.toMatchObject({ code: "forbidden" });
  });
});
