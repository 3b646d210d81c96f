import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Database } from "@/lib/db/connection";
import { errorBody } from "@/lib/errors";
import { handleUsageBatch } from "@/lib/http/ingest";
import { type UserActor, createActor, ensureProvider } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { Admission } from "./admission";
import { type BatchOptions, type BatchResponseBody } from "./usage-batch-api";

let db: Database;
let engineer: UserActor;

const NOW = new Date("2026-11-20T12:00:00Z");
const event = (id: string, extra: Record<string, unknown> = {}) => ({
  event_id: id,
  timestamp: "2026-11-19T10:00:00Z",
  model: "gpt-4o",
  provider: "openai",
  workflow: "support-chat",
  latency_ms: 850,
  input_tokens: 1000,
  output_tokens: 200,
  status: "ok",
  ...extra,
});
const JSON_TYPE = { "content-type": "application/json" };
const NDJSON_TYPE = { "content-type": "application/x-ndjson" };
const ndjson = (...objs: unknown[]) => objs.map((o) => (typeof o === "string" ? o : JSON.stringify(o))).join("\n") + "\n";

function post(body: BodyInit | Uint8Array | null, headers: Record<string, string>, query = ""): Request {
  return new Request(`http://warden.test/api/v1/usage${query}`, { method: "POST", body: body as BodyInit | null, headers, duplex: "half" } as RequestInit);
}

async function send(request: Request, options: BatchOptions = {}, actor: Actor = engineer) {
  // As apiRoute answers what the handler throws.
  const response = await handleUsageBatch(db, actor, request, { now: NOW, ...options }).catch((error) => {
    const { status, body } = errorBody(error);
    return Response.json(body, { status });
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as BatchResponseBody & { error: { code: string; message: string } },
  };
}

const storedEvents = () => db.prisma.usageEvent.count();
const storedImports = () => db.prisma.usageImport.count();

/** A body stream that records whether anyone read it, and stays open until released. */
function heldBody() {
  let read = false;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        read = true;
        await released;
        controller.enqueue(new TextEncoder().encode(JSON.stringify([event(`held-${Math.random()}`)])));
        controller.close();
      },
      // Nothing is pulled until someone reads.
    },
    { highWaterMark: 0 },
  );
  return { stream, release, wasRead: () => read };
}

beforeAll(async () => {
  db = await openTestDatabase();
  engineer = await createActor(db.prisma, ["engineer"]);
  const openai = await ensureProvider(db.prisma, "openai", "OpenAI");
  const gpt4o = await db.prisma.model.create({
    data: { providerId: openai.id, snapshotId: "gpt-4o", name: "GPT-4o", inputPricePerMTok: 2.5, outputPricePerMTok: 10 },
  });
  await db.prisma.modelPrice.create({
    data: { modelId: gpt4o.id, inputPricePerMTok: 2.5, outputPricePerMTok: 10, effectiveFrom: new Date("2026-01-01T00:00:00Z"), source: "litellm" },
  });
  await db.prisma.workflow.create({ data: { slug: "support-chat", name: "Support chat", riskClass: "limited", trafficTier: "high" } });
});
afterAll(() => db.close());

describe("POST /api/v1/usage", () => {
  it("takes a JSON array, writes every event and answers each by index", async () => {
    const { status, body } = await send(post(JSON.stringify([event("a-1"), event("a-2"), event("a-3", { cost_usd: 0.5 })]), JSON_TYPE));
    expect(status).toBe(200);
    expect(body).toMatchObject({ written: true, accepted: 3, duplicates: 0, rejected: 0, costsEstimated: 2 });
    expect(body.importId).toEqual(expect.any(String));
    expect(body.results).toEqual([
      { index: 0, status: "accepted", eventId: "a-1" },
      { index: 1, status: "accepted", eventId: "a-2" },
      { index: 2, status: "accepted", eventId: "a-3" },
    ]);
    const stored = await db.prisma.usageEvent.findUniqueOrThrow({ where: { eventId: "a-1" } });
    expect(stored).toMatchObject({ importId: body.importId, costEstimated: true });
    // From the catalog price: 1,000 × $2.50 + 200 × $10 per million tokens.
    expect(stored.costUsd).toBeCloseTo(0.0045, 10);
    expect(stored.modelId).not.toBeNull();
    expect(await db.prisma.usageImport.findUniqueOrThrow({ where: { id: body.importId! } })).toMatchObject({
      source: "api",
      mode: "lenient",
      state: "completed",
    });
  });

  it('takes {"events": [...]}, pretty-printed and gzip-compressed', async () => {
    const text = JSON.stringify({ events: [event("w-1"), event("w-2")] }, null, 2);
    expect((await send(post(text, JSON_TYPE))).body).toMatchObject({ accepted: 2 });
    const gz = await send(post(gzipSync(JSON.stringify({ events: [event("w-3")] })), { ...JSON_TYPE, "content-encoding": "gzip" }));
    expect(gz.status).toBe(200);
    expect(gz.body.results).toEqual([{ index: 0, status: "accepted", eventId: "w-3" }]);
  });

  it("takes NDJSON, gzip too, with the index counting lines", async () => {
    const { status, body } = await send(post(ndjson(event("n-1"), event("n-2")), NDJSON_TYPE));
    expect(status).toBe(200);
    expect(body.results.map((r) => [r.index, r.eventId])).toEqual([
      [0, "n-1"],
      [1, "n-2"],
    ]);
    const gz = await send(post(gzipSync(ndjson(event("n-3"))), { ...NDJSON_TYPE, "content-encoding": "gzip" }));
    expect(gz.body).toMatchObject({ accepted: 1, results: [{ index: 0, status: "accepted", eventId: "n-3" }] });
    expect(await db.prisma.usageEvent.count({ where: { eventId: { in: ["n-1", "n-2", "n-3"] } } })).toBe(3);
  });

  it("answers 207 with the rejected events' fields and reasons; the good ones are written", async () => {
    const batch = [event("p-1"), event("p-2", { timestamp: "yesterday" }), event("p-3"), event("p-4", { latency_ms: -5, status: "maybe" })];
    const { status, body } = await send(post(JSON.stringify(batch), JSON_TYPE));
    expect(status).toBe(207);
    expect(body).toMatchObject({ written: true, accepted: 2, rejected: 2, duplicates: 0 });
    expect(body.results[0]).toEqual({ index: 0, status: "accepted", eventId: "p-1" });
    expect(body.results[1]).toMatchObject({ index: 1, status: "rejected", errors: [{ field: "timestamp", reason: expect.any(String) }] });
    expect(body.results[2]).toMatchObject({ index: 2, status: "accepted" });
    expect(body.results[3].errors?.map((e) => e.field).sort()).toEqual(["latency_ms", "status"]);
    expect(await db.prisma.usageEvent.count({ where: { eventId: { in: ["p-1", "p-2", "p-3", "p-4"] } } })).toBe(2);
  });

  it("answers a re-sent batch with duplicates and writes nothing more", async () => {
    const batch = JSON.stringify([event("d-1"), event("d-2")]);
    expect((await send(post(batch, JSON_TYPE))).body.accepted).toBe(2);
    const before = await storedEvents();
    const again = await send(post(batch, JSON_TYPE));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 2, rejected: 0 });
    expect(again.body.results).toEqual([
      { index: 0, status: "duplicate", eventId: "d-1" },
      { index: 1, status: "duplicate", eventId: "d-2" },
    ]);
    // Repeated inside one batch: the first is accepted, the second is a duplicate of it.
    const twice = await send(post(ndjson(event("d-3"), event("d-3")), NDJSON_TYPE));
    expect(twice.body.results.map((r) => r.status)).toEqual(["accepted", "duplicate"]);
    expect(await storedEvents()).toBe(before + 1);
  });

  it("in strict mode writes nothing when one event is bad, and says so for every event", async () => {
    const before = await storedEvents();
    const imports = await storedImports();
    const { status, body } = await send(post(JSON.stringify([event("s-1"), event("s-2", { model: "" }), event("s-3")]), JSON_TYPE, "?mode=strict"));
    expect(status).toBe(422);
    expect(body.error).toMatchObject({ code: "events_rejected", message: expect.stringMatching(/nothing was written/) });
    expect(body).toMatchObject({ written: false, accepted: 0, rejected: 1 });
    expect(body.results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(body.results[0].errors?.[0].reason).toMatch(/not written/);
    expect(body.results[1].errors).toEqual([{ field: "model", reason: expect.any(String) }]);
    expect(await storedEvents()).toBe(before);
    expect(await storedImports()).toBe(imports);
  });

  it("accepts ?mode=strict when every event is good", async () => {
    const { status, body } = await send(post(JSON.stringify([event("s-4")]), JSON_TYPE, "?mode=strict"));
    expect(status).toBe(200);
    expect(body).toMatchObject({ mode: "strict", accepted: 1 });
  });

  it("refuses a declared Content-Length over 10 MiB with 413 before reading the body", async () => {
    const held = heldBody();
    const { status, body } = await send(post(held.stream, { ...JSON_TYPE, "content-length": String(10 * 1024 * 1024 + 1) }));
    expect(status).toBe(413);
    expect(body.error).toMatchObject({ code: "payload_too_large", message: expect.stringMatching(/10 MiB.*10,000 events/) });
    expect(held.wasRead()).toBe(false);
    held.release();
  });

  it("counts a chunked body while it streams and answers 413 past the limit, writing nothing", async () => {
    const before = await storedEvents();
    const events = Array.from({ length: 50 }, (_, i) => event(`big-${i}`));
    const bytes = new TextEncoder().encode(JSON.stringify(events));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 256) controller.enqueue(bytes.subarray(i, i + 256));
        controller.close();
      },
    });
    const { status, body } = await send(post(stream, JSON_TYPE), { limits: { maxBodyBytes: 2048 } });
    expect(status).toBe(413);
    expect(body.error.code).toBe("payload_too_large");
    expect(await storedEvents()).toBe(before);
  });

  it("stops reading a body refused by its first bytes: the request stream is cancelled", async () => {
    let cancelled = false;
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulled++;
          controller.enqueue(new TextEncoder().encode(pulled === 1 ? '{"model": "gpt-4o"}\n' : " ".repeat(1024)));
        },
        cancel() {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const { status, body } = await send(post(endless, JSON_TYPE));
    expect(status).toBe(400);
    expect(body.error.message).toMatch(/an object without an "events" array/);
    await vi.waitFor(() => expect(cancelled).toBe(true));
    expect(pulled).toBeLessThan(10);
  });

  it("answers 413 for more than the event limit, writing nothing", async () => {
    const before = await storedEvents();
    const { status, body } = await send(post(ndjson(event("m-1"), event("m-2"), event("m-3"), event("m-4")), NDJSON_TYPE), { limits: { maxEvents: 3 } });
    expect(status).toBe(413);
    expect(body.error.message).toMatch(/more than 3 events/);
    expect(await storedEvents()).toBe(before);
  });

  it("answers 429 with Retry-After when no slot is free, without reading the body", async () => {
    const admission = new Admission({ concurrent: 1, queued: 0, retryAfterSeconds: 7 });
    const first = heldBody();
    const running = send(post(first.stream, JSON_TYPE), { admission });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(admission.load.running).toBe(1);
    const second = heldBody();
    const refused = await send(post(second.stream, JSON_TYPE), { admission });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("7");
    expect(refused.body.error.code).toBe("rate_limited");
    expect(second.wasRead()).toBe(false);
    first.release();
    expect((await running).status).toBe(200);
    expect(admission.load).toEqual({ running: 0, waiting: 0 });
  });

  it("takes an API key scoped ingest:write and refuses one scoped read", async () => {
    const key = (scopes: ("read" | "ingest:write")[]): Actor => ({ kind: "api_key", apiKeyId: "k", name: "pipeline", scopes });
    const ok = await send(post(JSON.stringify([event("k-1")]), JSON_TYPE), {}, key(["ingest:write"]));
    expect(ok.status).toBe(200);
    const refused = await send(post(JSON.stringify([event("k-2")]), JSON_TYPE), {}, key(["read"]));
    expect(refused.status).toBe(403);
    expect(await db.prisma.usageEvent.findUnique({ where: { eventId: "k-2" } })).toBeNull();
  });
});

describe("malformed batches", () => {
  const ok = JSON.stringify(event("never-1"));
  const cases: {
    name: string;
    body: string | Uint8Array | null;
    headers: Record<string, string>;
    query?: string;
    status: number;
    code: string;
    message?: RegExp;
    options?: BatchOptions;
  }[] = [
    {
      name: "truncated JSON array",
      body: `[${ok}, {"timestamp": "2026-11-19T10:`,
      headers: JSON_TYPE,
      status: 400,
      code: "bad_request",
      message: /not closed/,
    },
    { name: "a lone event object", body: ok, headers: JSON_TYPE, status: 400, code: "bad_request", message: /JSON array of events/ },
    { name: "a JSON string", body: '"hello"', headers: JSON_TYPE, status: 400, code: "bad_request" },
    { name: "plain text as JSON", body: "timestamp,model\n", headers: JSON_TYPE, status: 400, code: "bad_request" },
    { name: "an empty body", body: "", headers: JSON_TYPE, status: 400, code: "bad_request", message: /empty/ },
    { name: "whitespace only", body: " \n\n ", headers: NDJSON_TYPE, status: 400, code: "bad_request", message: /empty/ },
    { name: "an empty array", body: "[]", headers: JSON_TYPE, status: 400, code: "bad_request", message: /no events/ },
    { name: "an empty events list", body: '{"events": []}', headers: JSON_TYPE, status: 400, code: "bad_request", message: /no events/ },
    { name: "unclosed events object", body: `{"events": [${ok}]`, headers: JSON_TYPE, status: 400, code: "bad_request", message: /not closed/ },
    { name: "extra brace after the object", body: `{"events": [${ok}]}}`, headers: JSON_TYPE, status: 400, code: "bad_request" },
    {
      name: "another key after events",
      body: `{"events": [${ok}], "source": "x"}`,
      headers: JSON_TYPE,
      status: 400,
      code: "bad_request",
      message: /after the end/,
    },
    { name: "data after the array", body: `[${ok}] [${ok}]`, headers: JSON_TYPE, status: 400, code: "bad_request", message: /after the end/ },
    { name: "a JSON array sent as NDJSON", body: `[${ok}]`, headers: NDJSON_TYPE, status: 400, code: "bad_request", message: /application\/json/ },
    {
      name: "declared gzip, sent plain",
      body: `[${ok}]`,
      headers: { ...JSON_TYPE, "content-encoding": "gzip" },
      status: 400,
      code: "bad_request",
      message: /not gzip/,
    },
    {
      name: "corrupt gzip",
      body: Buffer.concat([gzipSync(`[${ok}]`).subarray(0, 12), Buffer.from("garbage-garbage-garbage")]),
      headers: JSON_TYPE,
      status: 400,
      code: "bad_request",
      message: /gzip/,
    },
    { name: "gzip inside gzip", body: gzipSync(gzipSync(`[${ok}]`)), headers: JSON_TYPE, status: 400, code: "bad_request", message: /gzip inside gzip/ },
    {
      name: "a gzip bomb",
      body: gzipSync(`[${" ".repeat(4 * 1024 * 1024)}${ok}]`),
      headers: JSON_TYPE,
      status: 413,
      code: "payload_too_large",
      message: /inflates/,
      options: { limits: { maxInflatedBytes: 1024 * 1024 } },
    },
    {
      name: "CSV",
      body: "timestamp,model,status\n",
      headers: { "content-type": "text/csv" },
      status: 415,
      code: "unsupported_media_type",
      message: /text\/csv/,
    },
    { name: "no content type", body: `[${ok}]`, headers: {}, status: 415, code: "unsupported_media_type" },
    { name: "UTF-16 charset", body: `[${ok}]`, headers: { "content-type": "application/json; charset=utf-16" }, status: 415, code: "unsupported_media_type" },
    { name: "brotli encoding", body: `[${ok}]`, headers: { ...JSON_TYPE, "content-encoding": "br" }, status: 415, code: "unsupported_media_type" },
    { name: "an unknown mode", body: `[${ok}]`, headers: JSON_TYPE, query: "?mode=fast", status: 422, code: "validation" },
    { name: "events that are not objects", body: "[1, 2, null]", headers: JSON_TYPE, status: 422, code: "events_rejected" },
    { name: "an element that is broken JSON", body: '[{"timestamp": }]', headers: JSON_TYPE, status: 422, code: "events_rejected" },
    { name: "NDJSON lines that are not JSON", body: "not json\n{also not}\n", headers: NDJSON_TYPE, status: 422, code: "events_rejected" },
    { name: "an unknown field", body: JSON.stringify([event("never-2", { latncy_ms: 5 })]), headers: JSON_TYPE, status: 422, code: "events_rejected" },
  ];

  it.each(cases)("$name → $status $code, nothing written", async ({ body, headers, query, status, code, message, options }) => {
    const before = await storedEvents();
    const response = await send(post(body, headers, query), options);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe(code);
    if (message) expect(response.body.error.message).toMatch(message);
    expect(await storedEvents()).toBe(before);
    expect(await db.prisma.usageEvent.findMany({ where: { eventId: { startsWith: "never-" } } })).toEqual([]);
  });
});
