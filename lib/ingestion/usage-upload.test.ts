import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditTrail } from "@/lib/audit/verify";
import type { Database } from "@/lib/db/connection";
import { handleUsageUpload } from "@/lib/http/ingest";
import { type UserActor, createActor, ensureProvider } from "@/lib/testing/actors";
import { openTestDatabase } from "@/lib/testing/test-database";
import { Admission } from "./admission";
import { importListSchema } from "./import-list";
import { rejectsCsv } from "./upload-report";
import { listUsageImports, uploadUsageFile, usageImportRejects } from "./usage-upload";

let db: Database;
let engineer: UserActor;

const NOW = new Date("2026-11-20T12:00:00Z");
const HEADER = "event_id,timestamp,model,provider,workflow,latency_ms,input_tokens,output_tokens,status";
const good = (id: string) => `${id},2026-11-19T10:00:00Z,gpt-4o,openai,support-chat,800,1000,200,ok`;
/** Row 3: a timestamp without a zone; row 5: a negative latency and an unknown status. */
const mixedFile = (prefix: string) =>
  [
    HEADER,
    good(`${prefix}-1`),
    `${prefix}-2,2026-11-19 10:00,gpt-4o,openai,support-chat,800,1000,200,ok`,
    good(`${prefix}-3`),
    `${prefix}-4,2026-11-19T10:00:00Z,gpt-4o,openai,support-chat,-1,1000,200,maybe`,
  ].join("\n") + "\n";

const upload = (
  body: Parameters<typeof uploadUsageFile>[2],
  fileName: string,
  mode: "strict" | "lenient",
  extra: Partial<Parameters<typeof uploadUsageFile>[3]> = {},
) => uploadUsageFile(db, engineer, body, { fileName, mode, now: NOW, ...extra });

function chunkedStream(bytes: Uint8Array, size: number) {
  let offset = 0;
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pulled++;
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + size));
        offset += size;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

function request(body: BodyInit | Uint8Array | null, query: string, headers: Record<string, string> = {}) {
  return new Request(`http://warden.test/api/v1/usage/imports?${query}`, {
    method: "POST",
    body: body as BodyInit | null,
    headers,
    duplex: "half",
  } as RequestInit);
}

const eventsWithPrefix = (prefix: string) => db.prisma.usageEvent.count({ where: { eventId: { startsWith: `${prefix}-` } } });

beforeAll(async () => {
  db = await openTestDatabase();
  engineer = await createActor(db.prisma, ["engineer"]);
  const openai = await ensureProvider(db.prisma, "openai", "OpenAI");
  const gpt4o = await db.prisma.model.create({ data: { providerId: openai.id, snapshotId: "gpt-4o", name: "GPT-4o" } });
  await db.prisma.modelPrice.create({
    data: { modelId: gpt4o.id, inputPricePerMTok: 2.5, outputPricePerMTok: 10, effectiveFrom: new Date("2026-01-01T00:00:00Z"), source: "litellm" },
  });
  await db.prisma.workflow.create({ data: { slug: "support-chat", name: "Support chat", riskClass: "limited", trafficTier: "high" } });
});
afterAll(() => db.close());

describe("uploading a usage file", () => {
  it("in strict mode writes no event, but records the failed import with its rejects and an audit event", async () => {
    const imports = await db.prisma.usageImport.count();
    const report = await upload(mixedFile("s"), "mixed.csv", "strict");
    expect(report).toMatchObject({
      state: "failed",
      written: false,
      rowsRead: 4,
      accepted: 0,
      rejected: 2,
      duplicates: 0,
      fileName: "mixed.csv",
      mode: "strict",
    });
    expect(report.firstProblems.map((p) => [p.row, p.column])).toEqual([
      [3, "timestamp"],
      [5, "latency_ms"],
      [5, "status"],
    ]);
    expect(report.rejectsUrl).toBe(`/api/v1/usage/imports/${report.importId}/rejects`);
    expect(await eventsWithPrefix("s")).toBe(0);
    expect(await db.prisma.usageImport.count()).toBe(imports + 1);
    expect(await db.prisma.usageImport.findUniqueOrThrow({ where: { id: report.importId } })).toMatchObject({
      state: "failed",
      rowsTotal: 4,
      rowsRejected: 2,
      rowsAccepted: 0,
      createdById: engineer.userId,
    });
    const audit = await db.prisma.auditEvent.findFirstOrThrow({ where: { targetId: report.importId } });
    expect(audit).toMatchObject({ action: "usage.import_failed", actorId: engineer.userId });

    const rejects = await usageImportRejects(db.prisma, engineer, report.importId);
    expect(rejects.problems).toEqual(report.firstProblems);
    expect(rejectsCsv(rejects.problems).split("\r\n")[1]).toMatch(/^3,timestamp,/);
  });

  it("in lenient mode writes the good rows, prices them and keeps the rejects with the import", async () => {
    const report = await upload(mixedFile("l"), "mixed.csv", "lenient");
    expect(report).toMatchObject({ state: "completed", written: true, rowsRead: 4, accepted: 2, rejected: 2, duplicates: 0, costsEstimated: 2 });
    expect(await eventsWithPrefix("l")).toBe(2);
    expect(await db.prisma.usageEvent.findUniqueOrThrow({ where: { eventId: "l-1" } })).toMatchObject({ importId: report.importId, costEstimated: true });
    const rejects = await usageImportRejects(db.prisma, engineer, report.importId);
    expect(rejects.problems.map((p) => p.row)).toEqual([3, 5, 5]);
  });

  it("changes nothing when the same file comes again: every good row is a duplicate", async () => {
    const before = await db.prisma.usageEvent.count();
    const again = await upload(mixedFile("l"), "mixed.csv", "lenient");
    expect(again).toMatchObject({ written: true, accepted: 0, duplicates: 2, rejected: 2 });
    expect(await db.prisma.usageEvent.count()).toBe(before);
  });

  it("streams a gzip file arriving in small chunks, and JSONL and LiteLLM files by their names", async () => {
    const csv = [HEADER, ...Array.from({ length: 300 }, (_, i) => good(`gz-${i}`))].join("\n");
    const { stream, pulled } = chunkedStream(gzipSync(csv), 512);
    const report = await upload(stream, "usage.csv.gz", "strict");
    expect(report).toMatchObject({ written: true, accepted: 300 });
    expect(pulled()).toBeGreaterThan(2);

    const jsonl = [{ event_id: "jl-1", timestamp: "2026-11-19T10:00:00Z", model: "gpt-4o", status: "ok" }].map((o) => JSON.stringify(o)).join("\n");
    expect(await upload(jsonl, "usage.jsonl", "strict")).toMatchObject({ written: true, accepted: 1 });

    const litellm = [
      "request_id,startTime,endTime,model,custom_llm_provider,spend,prompt_tokens,completion_tokens,status",
      "ll-1,2026-11-19 10:00:00,2026-11-19 10:00:02,gpt-4o,openai,0.01,100,20,success",
    ].join("\n");
    const spend = await upload(litellm, "LiteLLM_SpendLogs.csv", "strict");
    expect(spend).toMatchObject({ written: true, accepted: 1 });
    expect(await db.prisma.usageEvent.findUniqueOrThrow({ where: { eventId: "ll-1" } })).toMatchObject({ latencyMs: 2000, costUsd: 0.01 });
  });

  it("reports a file that is not usage data as one problem, writing nothing", async () => {
    const report = await upload("<html><body>Sign in</body></html>", "usage.csv", "lenient");
    expect(report).toMatchObject({ written: false, state: "failed", rowsRead: 0 });
    expect(report.firstProblems).toEqual([{ row: 0, column: "_file", reason: expect.stringMatching(/HTML/) }]);
  });

  it("keeps the first 1,000 problems for download and says there were more", async () => {
    const rows = Array.from({ length: 1_100 }, (_, i) => `many-${i},not-a-time,gpt-4o,openai,support-chat,800,1000,200,ok`);
    const report = await upload([HEADER, ...rows].join("\n"), "many.csv", "strict");
    expect(report).toMatchObject({ rejected: 1_100, problemsKept: 1_000, problemsTruncated: true });
    expect(report.firstProblems.length).toBeLessThanOrEqual(50);
    expect((await usageImportRejects(db.prisma, engineer, report.importId)).problems).toHaveLength(1_000);
  });

  it("stops counting bytes past the limit with 413, gzip or not, and writes nothing", async () => {
    const csv = [HEADER, ...Array.from({ length: 200 }, (_, i) => good(`big-${i}`))].join("\n");
    const imports = await db.prisma.usageImport.count();
    for (const [bytes, name] of [
      [new TextEncoder().encode(csv), "big.csv"],
      [gzipSync(csv, { level: 0 }), "big.csv.gz"],
    ] as const) {
      const { stream } = chunkedStream(bytes, 1024);
      await expect(upload(stream, name, "lenient", { sizeLimit: 4096 })).rejects.toMatchObject({
        code: "payload_too_large",
        message: expect.stringMatching(/4,096 bytes/),
      });
    }
    expect(await eventsWithPrefix("big")).toBe(0);
    expect(await db.prisma.usageImport.count()).toBe(imports);
  });

  it("is refused to a viewer", async () => {
    const viewer = await createActor(db.prisma, ["viewer"]);
    await expect(uploadUsageFile(db, viewer, mixedFile("v"), { fileName: "v.csv", mode: "lenient", now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    await expect(listUsageImports(db.prisma, viewer, importListSchema.parse({}))).rejects.toMatchObject({ code: "forbidden" });
    expect(await eventsWithPrefix("v")).toBe(0);
  });
});

describe("the upload request", () => {
  it("answers the report as JSON, strict by default, and leaves no temporary file behind", async () => {
    const spoolDirectory = await mkdtemp(path.join(tmpdir(), "upload-test-"));
    const response = await handleUsageUpload(db, engineer, request(mixedFile("r"), "fileName=r%C3%A9sum%C3%A9.csv", { "content-type": "text/csv" }), {
      now: NOW,
      spoolDirectory,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ fileName: "résumé.csv", mode: "strict", written: false, rejected: 2 });
    expect(await readdir(spoolDirectory)).toEqual([]);
  });

  it("counts a body without Content-Length as it arrives: 413 past the limit, nothing written, nothing left on disk", async () => {
    const spoolDirectory = await mkdtemp(path.join(tmpdir(), "upload-test-"));
    const csv = [HEADER, ...Array.from({ length: 200 }, (_, i) => good(`chunked-${i}`))].join("\n");
    const { stream, pulled } = chunkedStream(new TextEncoder().encode(csv), 1024);
    await expect(
      handleUsageUpload(db, engineer, request(stream, "fileName=c.csv&mode=lenient"), { now: NOW, sizeLimit: 4096, spoolDirectory }),
    ).rejects.toMatchObject({ code: "payload_too_large" });
    // It stopped reading soon after the limit instead of draining the rest.
    expect(pulled()).toBeLessThan(8);
    expect(await eventsWithPrefix("chunked")).toBe(0);
    expect(await readdir(spoolDirectory)).toEqual([]);
  });

  it("refuses a declared size over 1 GB before reading the body", async () => {
    const { stream, pulled } = chunkedStream(new TextEncoder().encode(mixedFile("cl")), 64);
    const declared = String(1024 ** 3 + 1);
    await expect(handleUsageUpload(db, engineer, request(stream, "fileName=x.csv&mode=lenient", { "content-length": declared }))).rejects.toMatchObject({
      code: "payload_too_large",
      message: expect.stringMatching(/1,073,741,825 bytes.*1,073,741,824 bytes \(1 GB\)/),
    });
    expect(pulled()).toBe(0);
  });

  it("needs a file name and a known mode", async () => {
    await expect(handleUsageUpload(db, engineer, request("x", "mode=strict"))).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { fileName: expect.any(Array) },
    });
    await expect(handleUsageUpload(db, engineer, request("x", "fileName=a.csv&mode=fast"))).rejects.toMatchObject({
      code: "validation",
      fieldErrors: { mode: expect.any(Array) },
    });
  });

  it("answers 429 with Retry-After when the upload queue is full, without reading the body", async () => {
    const admission = new Admission({ concurrent: 1, queued: 0, retryAfterSeconds: 30 });
    let release!: () => void;
    const busy = admission.run(() => new Promise<void>((resolve) => (release = resolve)));
    const { stream, pulled } = chunkedStream(new TextEncoder().encode(mixedFile("q")), 64);
    const response = await handleUsageUpload(db, engineer, request(stream, "fileName=q.csv"), { admission, now: NOW });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("30");
    expect(pulled()).toBe(0);
    release();
    await busy;
  });
});

describe("the list of imports", () => {
  it("shows uploads newest first with who uploaded them, and other sources on request", async () => {
    await db.prisma.usageImport.create({ data: { source: "api", mode: "lenient", state: "completed" } });
    const uploads = await listUsageImports(db.prisma, engineer, importListSchema.parse({}));
    expect(uploads.items.length).toBeGreaterThan(3);
    expect(uploads.items.every((i) => i.source === "file")).toBe(true);
    const times = uploads.items.map((i) => i.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(uploads.items[0]).toMatchObject({ createdBy: engineer.name, fileName: expect.any(String) });
    const all = await listUsageImports(db.prisma, engineer, importListSchema.parse({ source: "all", sort: "rowsRejected", dir: "desc", pageSize: "100" }));
    expect(all.items.some((i) => i.source === "api")).toBe(true);
    expect(all.items[0].rowsRejected).toBe(Math.max(...all.items.map((i) => i.rowsRejected)));
  });

  it("answers 404 for rejects of an unknown import", async () => {
    await expect(usageImportRejects(db.prisma, engineer, "00000000-0000-0000-0000-000000000000")).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps the audit chain intact", async () => {
    expect((await verifyAuditTrail(db.prisma)).intact).toBe(true);
  });
});
