// Figure 3: online ingest against the production server. Request bodies are made before the clock starts
// (unique events each, so nothing is a duplicate), then two phases per endpoint:
//   - sustained rate: batches sent on a fixed schedule adding up to the target rate (5,000 events/s),
//     each acknowledgement's latency measured from its scheduled send time (so a stalled server cannot
//     hide its backlog); the figure is the rate acknowledged and the p99 latency;
//   - capacity: several clients sending back to back for the highest rate the server sustains.
// 429 answers are counted apart (each must carry Retry-After; its events are not acknowledged, and the
// client waits as told before its next batch in the capacity phase).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT_CONTEXT, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { nearestRank } from "@/lib/bench/stats";
import type { UsageRow } from "@/lib/demo/demo-usage";
import { readEnv } from "@/lib/env";
import { type Figure, fmtInt, fmtMs, log } from "./figures";

export type Endpoint = "batch" | "otlp";

export interface Body {
  bytes: Uint8Array;
  events: number;
}

/** Batch API bodies: JSON arrays of events in the usage event format of docs/data-formats.md. */
export function batchBodies(rows: Iterable<UsageRow>, perBody: number, count: number): Body[] {
  const bodies: Body[] = [];
  let batch: Record<string, unknown>[] = [];
  for (const r of rows) {
    batch.push({
      event_id: r.eventId,
      timestamp: new Date(r.timestamp).toISOString(),
      model: r.model,
      response_model: r.responseModel,
      provider: r.provider,
      workflow: r.workflow,
      bundle: r.bundle,
      latency_ms: r.latencyMs,
      ttft_ms: r.ttftMs,
      input_tokens: r.inputTokens,
      output_tokens: r.outputTokens,
      cost_usd: r.costUsd,
      status: r.status,
      error_type: r.errorType,
      is_fallback: r.isFallback,
      retries: r.retries,
      region: r.region,
      user: r.userHash,
      quality_score: r.qualityScore,
      feedback: r.feedback,
    });
    if (batch.length === perBody) {
      bodies.push({ bytes: new TextEncoder().encode(JSON.stringify(batch)), events: batch.length });
      batch = [];
      if (bodies.length === count) break;
    }
  }
  return bodies;
}

/**
 * OTLP bodies: GenAI client spans recorded with the OpenTelemetry SDK (one provider per workflow, its
 * name in the `warden.workflow` resource attribute) and encoded as protobuf by the official serializer.
 */
export function otlpBodies(rows: Iterable<UsageRow>, perBody: number, count: number): Body[] {
  const exporters = new Map<string, { exporter: InMemorySpanExporter; provider: BasicTracerProvider }>();
  const tracerFor = (workflow: string) => {
    let entry = exporters.get(workflow);
    if (!entry) {
      const exporter = new InMemorySpanExporter();
      const provider = new BasicTracerProvider({
        resource: resourceFromAttributes({ "service.name": `${workflow}-service`, "warden.workflow": workflow }),
        spanProcessors: [new SimpleSpanProcessor(exporter)],
      });
      exporters.set(workflow, (entry = { exporter, provider }));
    }
    return entry.provider.getTracer("opentelemetry.instrumentation.genai", "0.1.0");
  };
  const bodies: Body[] = [];
  let spans: ReadableSpan[] = [];
  const take = () => {
    for (const { exporter } of exporters.values()) {
      spans.push(...exporter.getFinishedSpans());
      exporter.reset();
    }
  };
  let pending = 0;
  for (const r of rows) {
    const start = new Date(r.timestamp);
    const span = tracerFor(r.workflow).startSpan(
      `chat ${r.model}`,
      {
        kind: SpanKind.CLIENT,
        startTime: start,
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": r.provider,
          "gen_ai.request.model": r.model,
          "gen_ai.response.model": r.responseModel,
          "gen_ai.usage.input_tokens": r.inputTokens,
          "gen_ai.usage.output_tokens": r.outputTokens,
          ...(r.bundle ? { "warden.bundle": r.bundle } : {}),
          ...(r.errorType ? { "error.type": r.errorType } : {}),
        },
      },
      ROOT_CONTEXT,
    );
    if (r.status === "error") span.setStatus({ code: SpanStatusCode.ERROR, message: r.errorType ?? "error" });
    span.end(new Date(r.timestamp + r.latencyMs));
    pending++;
    if (pending === perBody) {
      take();
      bodies.push({ bytes: ProtobufTraceSerializer.serializeRequest(spans)!, events: spans.length });
      spans = [];
      pending = 0;
      if (bodies.length === count) break;
    }
  }
  return bodies;
}

interface Outcome {
  status: number;
  ms: number;
  events: number;
  retryAfter: string | null;
  error?: string;
}

async function send(url: string, key: string, endpoint: Endpoint, body: Body): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": endpoint === "batch" ? "application/json" : "application/x-protobuf" },
      body: body.bytes as Uint8Array<ArrayBuffer>,
    });
    const text = response.status >= 300 && response.status !== 429 ? await response.text() : (await response.arrayBuffer(), "");
    return {
      status: response.status,
      ms: performance.now() - started,
      events: body.events,
      retryAfter: response.headers.get("retry-after"),
      ...(text ? { error: text.slice(0, 300) } : {}),
    };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, events: body.events, retryAfter: null, error: (error as Error).message };
  }
}

export interface PhaseResult {
  seconds: number;
  requests: number;
  acknowledged: number;
  eventsPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  rateLimited: number;
  rateLimitedWithoutRetryAfter: number;
  failed: number;
  firstError: string | null;
}

function summariseOutcomes(outcomes: Outcome[], seconds: number): PhaseResult {
  const ok = outcomes.filter((o) => o.status >= 200 && o.status < 300);
  const limited = outcomes.filter((o) => o.status === 429);
  const failed = outcomes.filter((o) => !(o.status >= 200 && o.status < 300) && o.status !== 429);
  const ms = ok.map((o) => o.ms);
  const acknowledged = ok.reduce((n, o) => n + o.events, 0);
  return {
    seconds,
    requests: outcomes.length,
    acknowledged,
    eventsPerSecond: acknowledged / seconds,
    p50Ms: nearestRank(ms, 0.5),
    p95Ms: nearestRank(ms, 0.95),
    p99Ms: nearestRank(ms, 0.99),
    maxMs: ms.length ? Math.max(...ms) : Number.NaN,
    rateLimited: limited.length,
    rateLimitedWithoutRetryAfter: limited.filter((o) => !o.retryAfter).length,
    failed: failed.length,
    firstError: failed[0] ? `${failed[0].status} ${failed[0].error ?? ""}` : null,
  };
}

/** Sends bodies on a fixed schedule for `seconds`; latency counts from each scheduled send time. */
export async function fixedRate(url: string, key: string, endpoint: Endpoint, bodies: Body[], eventsPerSecond: number, seconds: number): Promise<PhaseResult> {
  const perBody = bodies[0].events;
  const intervalMs = (perBody / eventsPerSecond) * 1000;
  const total = Math.min(bodies.length, Math.ceil((seconds * 1000) / intervalMs));
  const started = performance.now();
  const inFlight: Promise<Outcome>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(send(url, key, endpoint, bodies[i]).then((o) => ({ ...o, ms: performance.now() - due })));
  }
  const outcomes = await Promise.all(inFlight);
  traceOutcomes(
    `${endpoint}-rate-${eventsPerSecond}`,
    outcomes.map((o, i) => ({ dueMs: Math.round(i * intervalMs), ...o })),
  );
  return summariseOutcomes(outcomes, (performance.now() - started) / 1000);
}

/**
 * With WARDEN_BENCH_TRACE=dir, each fixed-rate phase writes every request (when it was due, how long it
 * took, its status) as JSON there, to see whether slow requests come together (a pause) or alone.
 */
function traceOutcomes(name: string, rows: (Outcome & { dueMs: number })[]) {
  const dir = readEnv().WARDEN_BENCH_TRACE;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${name}-${Date.now()}.json`), JSON.stringify(rows.map(({ dueMs, ms, status }) => ({ dueMs, ms: Math.round(ms), status }))));
}

/** `clients` loops sending back to back for `seconds` (a 429 makes that client wait its Retry-After). */
export async function capacity(url: string, key: string, endpoint: Endpoint, bodies: Body[], clients: number, seconds: number): Promise<PhaseResult> {
  let next = 0;
  const outcomes: Outcome[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline && next < bodies.length) {
        const o = await send(url, key, endpoint, bodies[next++]);
        outcomes.push(o);
        if (o.status === 429) await new Promise((r) => setTimeout(r, Number(o.retryAfter ?? 1) * 1000));
      }
    }),
  );
  return summariseOutcomes(outcomes, (performance.now() - started) / 1000);
}

export interface OnlineOptions {
  endpoint: Endpoint;
  backend: Figure["backend"];
  url: string;
  key: string;
  bodies: Body[];
  targetEventsPerSecond: number;
  targetP99Ms: number;
  rateSeconds: number;
  capacitySeconds: number;
  clients: number;
}

const describe = (r: PhaseResult) =>
  `${fmtInt(r.eventsPerSecond)} events/s acknowledged, p50 ${fmtMs(r.p50Ms)}, p95 ${fmtMs(r.p95Ms)}, p99 ${fmtMs(r.p99Ms)} (${r.requests} requests in ${r.seconds.toFixed(0)} s; ${r.rateLimited} × 429${r.rateLimitedWithoutRetryAfter ? ` (${r.rateLimitedWithoutRetryAfter} without Retry-After)` : ""}; ${r.failed} failed)`;

/** Seconds of unmeasured load at the offered rate before the measured phase. */
export const WARMUP_SECONDS = 5;

export async function onlineBench(options: OnlineOptions): Promise<Figure> {
  const name = options.endpoint === "batch" ? "POST /api/v1/usage (JSON)" : "POST /v1/traces (OTLP protobuf)";
  const route = options.endpoint === "batch" ? "/api/v1/usage" : "/v1/traces";
  const url = `${options.url}${route}`;
  const perBody = options.bodies[0].events;
  const rateBodies = Math.ceil((options.targetEventsPerSecond * options.rateSeconds) / perBody);
  // Warm-up, on bodies not used again: a few requests one by one to compile the route, then
  // WARMUP_SECONDS at the offered rate so V8 has optimised the hot paths and the pools are open, as on a
  // server that has been running; neither is counted.
  const warmupBodies = 5 + Math.ceil((options.targetEventsPerSecond * WARMUP_SECONDS) / perBody);
  for (const body of options.bodies.slice(0, 5)) await send(url, options.key, options.endpoint, body);
  await fixedRate(url, options.key, options.endpoint, options.bodies.slice(5, warmupBodies), options.targetEventsPerSecond, WARMUP_SECONDS);
  const bodies = options.bodies.slice(warmupBodies);
  const rate = await fixedRate(url, options.key, options.endpoint, bodies.slice(0, rateBodies), options.targetEventsPerSecond, options.rateSeconds);
  log(`  ${name}, offered ${fmtInt(options.targetEventsPerSecond)} events/s: ${describe(rate)}${rate.firstError ? `; first failure: ${rate.firstError}` : ""}`);
  const cap = await capacity(url, options.key, options.endpoint, bodies.slice(rateBodies), options.clients, options.capacitySeconds);
  log(`  ${name}, ${options.clients} clients back to back: ${describe(cap)}${cap.firstError ? `; first failure: ${cap.firstError}` : ""}`);
  const sustained = rate.eventsPerSecond >= options.targetEventsPerSecond * 0.98 && rate.failed === 0;
  return {
    section: "online",
    backend: options.backend,
    what: `${name}, batches of ${perBody} events`,
    measured: `offered ${fmtInt(options.targetEventsPerSecond)} events/s for ${options.rateSeconds} s: ${describe(rate)}`,
    baseline: `capacity with ${options.clients} clients back to back: ${describe(cap)}`,
    ratio: null,
    target: `≥ ${fmtInt(options.targetEventsPerSecond)} events/s sustained, p99 ≤ ${options.targetP99Ms} ms, 429s with Retry-After`,
    pass: sustained && rate.p99Ms <= options.targetP99Ms && rate.rateLimitedWithoutRetryAfter === 0 && cap.rateLimitedWithoutRetryAfter === 0,
    notes: [
      ...(rate.firstError ? [`sustained phase, first failure: ${rate.firstError}`] : []),
      ...(cap.firstError ? [`capacity phase, first failure: ${cap.firstError}`] : []),
    ],
    data: { rate, capacity: cap },
  };
}
