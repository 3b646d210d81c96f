// An application instrumented with the official OpenTelemetry JS SDK exports its GenAI spans to Warden's
// POST /v1/traces with the official OTLP exporters (protobuf with gzip, and JSON), authenticated by an
// ingest:write key an admin created in the UI; the model then shows in the analytics overview.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { OTLPTraceExporter as OtlpJsonExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as OtlpProtoExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace-base";
import { expect, test } from "@playwright/test";
import { signInAs } from "./support/accounts";

/** Passes spans to the real exporter and keeps each export's result. */
class RecordingExporter implements SpanExporter {
  readonly results: ExportResult[] = [];
  constructor(private readonly inner: SpanExporter) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void) {
    this.inner.export(spans, (result) => {
      this.results.push(result);
      done(result);
    });
  }
  shutdown() {
    return this.inner.shutdown();
  }
  forceFlush() {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/** One simulated support request: the app's server span, two chat calls (one failing) and a database span. */
function emitConversation(provider: BasicTracerProvider, model: string) {
  const tracer = provider.getTracer("support-bot", "1.4.0");
  const root = tracer.startSpan("POST /api/chat", { kind: SpanKind.SERVER, attributes: { "http.request.method": "POST" } });
  const context = trace.setSpan(ROOT_CONTEXT, root);
  const chat = (attributes: Record<string, string | number>, durationMs: number, failed = false) => {
    const start = Date.now() - durationMs;
    const span = tracer.startSpan(
      `chat ${model}`,
      {
        kind: SpanKind.CLIENT,
        startTime: start,
        attributes: { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": model, ...attributes },
      },
      context,
    );
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR, message: "upstream timeout" });
    span.end(start + durationMs);
  };
  chat(
    { "gen_ai.response.model": model, "gen_ai.usage.input_tokens": 1_150, "gen_ai.usage.output_tokens": 210, "gen_ai.response.time_to_first_chunk": 0.35 },
    1_800,
  );
  chat({ "error.type": "timeout", "gen_ai.usage.input_tokens": 1_150 }, 30_000, true);
  tracer.startSpan("SELECT tickets", { kind: SpanKind.CLIENT, attributes: { "db.system.name": "postgresql" } }, context).end();
  root.end();
}

test("spans exported by the OpenTelemetry SDK over OTLP/HTTP appear in the analytics overview", async ({ page, baseURL }) => {
  // An ingest:write key, created by an admin in the UI (shown once).
  await signInAs(page, "admin");
  await page.getByRole("link", { name: "API keys" }).click();
  await page.getByLabel("Name").fill(`e2e-otlp-${Date.now()}`);
  await page.getByRole("checkbox", { name: /^ingest:write/ }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key").textContent())!.trim();
  expect(key).toMatch(/^wdn_/);

  const model = `otel-e2e-model-${Math.random().toString(36).slice(2, 10)}`;
  const url = `${baseURL}/v1/traces`;
  const headers = { Authorization: `Bearer ${key}` };
  const exporters = [
    new RecordingExporter(new OtlpProtoExporter({ url, headers, compression: CompressionAlgorithm.GZIP })),
    new RecordingExporter(new OtlpJsonExporter({ url, headers })),
  ];
  for (const exporter of exporters) {
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ "service.name": "support-bot", "warden.workflow": "support-chat", "cloud.region": "eu-west-1" }),
      spanProcessors: [new BatchSpanProcessor(exporter)],
    });
    emitConversation(provider, model);
    emitConversation(provider, model);
    await provider.forceFlush();
    await provider.shutdown();
    expect(exporter.results.length).toBeGreaterThan(0);
    expect(exporter.results.map((r) => [r.code, r.error?.message])).toEqual(exporter.results.map(() => [ExportResultCode.SUCCESS, undefined]));
  }

  // A wrong key is refused like on any API route.
  const refused = await page.request.post("/v1/traces", { headers: { Authorization: "Bearer wdn_not-a-key", "Content-Type": "application/json" }, data: "{}" });
  expect(refused.status()).toBe(401);

  // 2 exporters × 2 conversations × 2 chat spans, half of them timeouts; the server and database spans skipped.
  const overview = await page.request.get(`/api/v1/analytics/overview?model=${encodeURIComponent(model)}`);
  expect(overview.status()).toBe(200);
  const body = (await overview.json()) as {
    byModel: { model: string; metrics: Record<string, { value: number | null }>; errorTypes: { type: string; count: number }[] }[];
    byWorkflow: { workflow: string }[];
  };
  const row = body.byModel.find((m) => m.model === model);
  expect(row?.metrics.requests.value).toBe(8);
  expect(row?.metrics.errorRate.value).toBe(0.5);
  expect(row?.metrics.inputTokens.value).toBe(8 * 1_150);
  expect(row?.errorTypes.map((e) => [e.type, e.count])).toEqual([["timeout", 4]]);
  expect(body.byWorkflow.map((w) => w.workflow)).toEqual(["support-chat"]);

  await page.goto(`/analytics?model=${encodeURIComponent(model)}`);
  await expect(page.getByRole("table").filter({ hasText: model }).first()).toBeVisible();
});
