import { describe, expect, it } from "vitest";
import type { ParsedRow } from "@/lib/ingestion/parse-usage-file";
import type { UsageEvent } from "@/lib/ingestion/usage-event";
import { classifySpan, mapSpans, providerSlug } from "./genai-spans";
import { type JsonSpan, exportRequest, httpSpan, newSpanId, newTraceId, olderAzureSpan, openAiChatSpan, span } from "./otlp-fixtures";
import { decodeTraceRequestJson } from "./otlp-json";

const NOW = new Date("2026-11-20T12:00:00Z");
const START = new Date("2026-11-20T10:00:00.000Z");

function map(spans: JsonSpan[], resource?: Record<string, string>) {
  return mapSpans(decodeTraceRequestJson(JSON.stringify(exportRequest(spans, resource))), { now: NOW });
}

function eventOf(row: ParsedRow): UsageEvent {
  if (!("event" in row)) throw new Error(`expected an event, got ${JSON.stringify(row)}`);
  return row.event;
}

function errorsOf(row: ParsedRow) {
  if (!("errors" in row)) throw new Error(`expected errors, got ${JSON.stringify(row)}`);
  return Object.fromEntries(row.errors.map((e) => [e.column, e.reason]));
}

describe("a GenAI chat span with the current attribute names", () => {
  const traceId = newTraceId();
  const spanId = newSpanId();
  const { rows, skipped } = map([
    openAiChatSpan({
      traceId,
      spanId,
      start: START,
      durationMs: 2_345.6,
      attrs: {
        "gen_ai.response.time_to_first_chunk": 0.412,
        "warden.workflow": "support-chat",
        "warden.bundle": "support-v3",
        "cloud.region": "eu-west-1",
        "enduser.id": "Alice@Example.com",
        "warden.is_fallback": true,
        "warden.retries": 2,
        "warden.quality_score": 0.87,
        "warden.feedback": -1,
      },
    }),
  ]);

  it("becomes one usage event with every field mapped", () => {
    expect(skipped).toEqual({ notGenAi: 0, notModelCall: 0 });
    expect(rows).toHaveLength(1);
    expect(eventOf(rows[0])).toEqual({
      eventId: `otlp-${traceId}-${spanId}`,
      timestamp: START,
      model: "gpt-4o",
      responseModel: "gpt-4o-2024-08-06",
      provider: "openai",
      workflow: "support-chat",
      bundle: "support-v3",
      latencyMs: 2_346,
      ttftMs: 412,
      inputTokens: 1_200,
      outputTokens: 180,
      costUsd: null,
      status: "ok",
      errorType: null,
      isFallback: true,
      retries: 2,
      region: "eu-west-1",
      userHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      qualityScore: 0.87,
      feedback: -1,
    });
  });

  it("never keeps the end user's id as sent, and hashes case variants of an email alike", () => {
    const event = eventOf(rows[0]);
    expect(event.userHash).not.toContain("alice");
    const again = eventOf(map([openAiChatSpan({ start: START, attrs: { "enduser.id": "alice@example.com" } })]).rows[0]);
    expect(again.userHash).toBe(event.userHash);
  });
});

describe("older attribute names", () => {
  it("read gen_ai.system and prompt/completion tokens, and map Azure to the catalog's provider slug", () => {
    const event = eventOf(map([olderAzureSpan({ start: START })]).rows[0]);
    expect(event).toMatchObject({ model: "gpt-4o-mini", provider: "azure", inputTokens: 640, outputTokens: 95, responseModel: null });
  });

  it("prefer the current names when a span carries both", () => {
    const event = eventOf(
      map([
        olderAzureSpan({
          start: START,
          attrs: { "gen_ai.provider.name": "azure.ai.openai", "gen_ai.usage.input_tokens": 700, "gen_ai.usage.output_tokens": 100 },
        }),
      ]).rows[0],
    );
    expect(event).toMatchObject({ provider: "azure", inputTokens: 700, outputTokens: 100 });
  });

  it("take a time to first token under the metric's name, in seconds", () => {
    expect(eventOf(map([olderAzureSpan({ start: START, attrs: { "gen_ai.server.time_to_first_token": 0.25 } })]).rows[0]).ttftMs).toBe(250);
  });

  it("normalise the provider values of both attributes to catalog slugs, keeping unknown ones lowercased", () => {
    expect(
      [
        "aws.bedrock",
        "gcp.vertex_ai",
        "vertex_ai",
        "gcp.gemini",
        "gemini",
        "gcp.gen_ai",
        "az.ai.inference",
        "ibm.watsonx.ai",
        "x_ai",
        "mistral_ai",
        " Anthropic ",
        "Together_AI",
      ].map(providerSlug),
    ).toEqual([
      "amazon-bedrock",
      "google-vertex",
      "google-vertex",
      "google",
      "google",
      "google",
      "azure",
      "watsonx",
      "xai",
      "mistral",
      "anthropic",
      "together_ai",
    ]);
  });
});

describe("which spans count", () => {
  it("skips spans without GenAI attributes and counts them", () => {
    const { rows, skipped, spans } = map([
      httpSpan(),
      openAiChatSpan({ start: START }),
      httpSpan({ name: "SELECT support.tickets", attrs: { "db.system.name": "postgresql" } }),
    ]);
    expect(spans).toBe(3);
    expect(skipped).toEqual({ notGenAi: 2, notModelCall: 0 });
    expect(rows.map((r) => r.row)).toEqual([2]);
  });

  it("skips agent, tool and workflow spans, whose chat spans are counted on their own", () => {
    const traceId = newTraceId();
    const agent = span({
      traceId,
      name: "invoke_agent triage",
      start: START,
      attrs: { "gen_ai.operation.name": "invoke_agent", "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 5_000 },
    });
    const tool = span({
      traceId,
      parentSpanId: agent.spanId,
      name: "execute_tool lookup",
      start: START,
      attrs: { "gen_ai.operation.name": "execute_tool", "gen_ai.tool.name": "lookup" },
    });
    const chat = openAiChatSpan({ traceId, parentSpanId: agent.spanId, start: START });
    const { rows, skipped } = map([agent, tool, chat]);
    expect(skipped).toEqual({ notGenAi: 0, notModelCall: 2 });
    expect(rows.map((r) => r.row)).toEqual([3]);
    expect(classifySpan(decodeTraceRequestJson(JSON.stringify(exportRequest([chat])))[0])).toEqual({ kind: "model_call" });
  });

  it("counts embeddings and spans with only a model (no operation name) as model calls", () => {
    const { rows } = map([
      span({
        start: START,
        attrs: { "gen_ai.operation.name": "embeddings", "gen_ai.request.model": "text-embedding-3-small", "gen_ai.usage.input_tokens": 64 },
      }),
      span({ start: START, attrs: { "gen_ai.request.model": "claude-sonnet-4-5", "gen_ai.system": "anthropic" } }),
    ]);
    expect(rows.map((r) => eventOf(r).model)).toEqual(["text-embedding-3-small", "claude-sonnet-4-5"]);
  });
});

describe("errors", () => {
  it("a span with status ERROR and error.type is an error event of that type", () => {
    const event = eventOf(
      map([openAiChatSpan({ start: START, attrs: { "error.type": "rate_limit_exceeded" }, status: { code: 2, message: "429 Too Many Requests" } })]).rows[0],
    );
    expect(event).toMatchObject({ status: "error", errorType: "rate_limit_exceeded" });
  });

  it("error.type alone makes it an error; status ERROR alone leaves the type empty (rollups count it as unknown)", () => {
    const { rows } = map([
      openAiChatSpan({ start: START, attrs: { "error.type": "timeout" } }),
      openAiChatSpan({ start: START, status: { code: 2, message: "connection reset by peer" } }),
      openAiChatSpan({ start: START, status: { code: 1 } }),
    ]);
    expect(rows.map((r) => [eventOf(r).status, eventOf(r).errorType])).toEqual([
      ["error", "timeout"],
      ["error", null],
      ["ok", null],
    ]);
  });
});

describe("rejected spans", () => {
  it("a model call without any model name is rejected with the reason", () => {
    const { rows } = map([
      span({ start: START, attrs: { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.usage.input_tokens": 10 } }),
    ]);
    expect(errorsOf(rows[0])).toEqual({ "gen_ai.request.model": "is required (neither gen_ai.request.model nor gen_ai.response.model is set)" });
  });

  it("falls back to the response model when the request model is absent", () => {
    const event = eventOf(map([span({ start: START, attrs: { "gen_ai.operation.name": "chat", "gen_ai.response.model": "gpt-4o-2024-08-06" } })]).rows[0]);
    expect(event).toMatchObject({ model: "gpt-4o-2024-08-06", responseModel: "gpt-4o-2024-08-06" });
  });

  it("names the attribute the bad value came from", () => {
    const { rows } = map([
      olderAzureSpan({ start: START, attrs: { "gen_ai.usage.prompt_tokens": -5, "gen_ai.usage.completion_tokens": "lots" } }),
      openAiChatSpan({ start: START, durationMs: 300, attrs: { "gen_ai.response.time_to_first_chunk": 0.9 } }),
      openAiChatSpan({ start: START, attrs: { "warden.quality_score": 7, "gen_ai.request.model": ["gpt-4o", "gpt-4o-mini"] } }),
    ]);
    expect(errorsOf(rows[0])).toEqual({
      "gen_ai.usage.prompt_tokens": "must not be negative, got -5",
      "gen_ai.usage.completion_tokens": 'must be a number, got "lots"',
    });
    expect(errorsOf(rows[1])).toEqual({ "gen_ai.response.time_to_first_chunk": "(900) exceeds latency_ms (300)" });
    expect(errorsOf(rows[2])).toEqual({ "warden.quality_score": "must be at most 1, got 7", "gen_ai.request.model": "must be text, got object" });
  });

  it("rejects spans with missing or zero ids, a start in the future, or an end before the start", () => {
    const chat = openAiChatSpan({ start: START });
    const future = openAiChatSpan({ start: new Date(NOW.getTime() + 3 * 86_400_000) });
    const backwards = openAiChatSpan({ start: START });
    backwards.endTimeUnixNano = (BigInt(backwards.startTimeUnixNano) - 1_000_000n).toString();
    const { rows } = map([
      { ...chat, traceId: "00000000000000000000000000000000" },
      { ...chat, spanId: "" },
      future,
      backwards,
      { ...chat, startTimeUnixNano: "0" },
    ]);
    expect(errorsOf(rows[0])).toEqual({ traceId: 'must be 16 bytes, not all zero (hex: 32 characters), got "00000000000000000000000000000000"' });
    expect(errorsOf(rows[1])).toEqual({ spanId: "is missing" });
    expect(errorsOf(rows[2]).startTimeUnixNano).toMatch(/in the future/);
    expect(errorsOf(rows[3])).toEqual({ endTimeUnixNano: "is before startTimeUnixNano (negative duration)" });
    expect(errorsOf(rows[4])).toEqual({ startTimeUnixNano: "is required" });
  });
});

describe("workflow, bundle and region", () => {
  it("come from the span, else its nearest tagged ancestor in the request, else the resource", () => {
    const traceId = newTraceId();
    const root = httpSpan({ traceId, name: "POST /chat", attrs: { "warden.workflow": "support-chat", "warden.bundle": "support-v3" } });
    const middle = span({ traceId, parentSpanId: root.spanId, name: "answer", attrs: { "warden.bundle": "support-v4-canary" } });
    const chat = openAiChatSpan({ traceId, parentSpanId: middle.spanId, start: START });
    const orphan = openAiChatSpan({ start: START, parentSpanId: newSpanId() });
    const { rows } = map([chat, orphan, middle, root], { "service.name": "support-bot", "warden.workflow": "triage", "cloud.region": "us-east-1" });
    expect([eventOf(rows[0]).workflow, eventOf(rows[0]).bundle, eventOf(rows[0]).region]).toEqual(["support-chat", "support-v4-canary", "us-east-1"]);
    expect([eventOf(rows[1]).workflow, eventOf(rows[1]).bundle]).toEqual(["triage", null]);
  });
});

describe("event ids", () => {
  it("are stable per trace and span, so a re-export is the same event; a repeat within one export is a duplicate", () => {
    const chat = openAiChatSpan({ start: START });
    const first = map([chat]).rows[0];
    const second = map([httpSpan(), chat, chat]).rows;
    expect(eventOf(second[0]).eventId).toBe(eventOf(first).eventId);
    expect(second[1]).toEqual({ row: 3, duplicateOf: 2, eventId: eventOf(first).eventId });
  });

  it("judge a second span with the ids of a rejected one on its own", () => {
    const good = openAiChatSpan({ start: START });
    const broken = { ...good, attributes: good.attributes.filter((a) => !a.key.endsWith(".model")) };
    const [rejected, stored] = map([broken, good]).rows;
    expect(errorsOf(rejected)).toHaveProperty("gen_ai.request.model");
    expect(eventOf(stored).model).toBe("gpt-4o");
  });
});
