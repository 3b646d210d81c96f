// Figure 5: the audit page at a million events. The database holds the demo's governance data and N
// synthetic, correctly chained audit events (people and machines acting on models, approvals, change
// requests and workflows over a year). Each page the audit page asks for is timed many times: the newest
// page, a page deep in the trail (keyset: before = an early event), and filtered pages (an actor, an
// action family, a model with its related targets, one day). The baseline is the same deep page read
// by OFFSET, as a trail paged without keys would be.
import { insertChainedEvents } from "@/lib/audit/audit-bulk-insert";
import { type ChainedAuditRecord, chain } from "@/lib/audit/chain";
import type { BenchDatabase } from "@/lib/bench/bench-database";
import { summarise } from "@/lib/bench/stats";
import { type Figure, fmtInt, fmtMs, log } from "./figures";

const ACTIONS = [
  "model.update",
  "model.status_change",
  "approval.grant",
  "approval.revoke",
  "change_request.open",
  "change_request.decide",
  "evaluation.upload",
  "usage.import",
  "api_key.create",
  "workflow.update",
];
const YEAR_MS = 365 * 86_400_000;

export interface AuditBenchOptions {
  events: number;
  runs: number;
  targetP95Ms: number;
  now: Date;
}

async function insertChain(bench: BenchDatabase, events: number, now: Date): Promise<{ models: string[]; users: string[] }> {
  const sql = bench.db.sql;
  // Ordered by the column, not by the text it is cast to (which would put event 999 after 1000).
  const [head] = await sql.query<{ seq: string; hash: string }>(`SELECT a."seq"::text AS seq, a."hash" FROM "AuditEvent" a ORDER BY a."seq" DESC LIMIT 1`);
  const models = (await sql.query<{ id: string }>(`SELECT "id" FROM "Model" WHERE "status" <> 'testing' OR 'manual' = ANY("sources") ORDER BY "name"`)).map(
    (r) => r.id,
  );
  const users = await sql.query<{ id: string; email: string }>(`SELECT "id", "email" FROM "User" ORDER BY "email"`);
  const workflows = (await sql.query<{ id: string }>(`SELECT "id" FROM "Workflow"`)).map((r) => r.id);
  const approvals = (await sql.query<{ id: string }>(`SELECT "id" FROM "Approval"`)).map((r) => r.id);
  let prev: { seq: bigint; hash: string } | null = head ? { seq: BigInt(head.seq), hash: head.hash } : null;
  const start = now.getTime() - YEAR_MS;
  const BATCH = 10_000;
  for (let done = 0; done < events; done += BATCH) {
    const batch: ChainedAuditRecord[] = [];
    for (let i = done; i < Math.min(events, done + BATCH); i++) {
      const action = ACTIONS[i % ACTIONS.length];
      const family = action.split(".")[0];
      const targetType =
        family === "approval"
          ? "approval"
          : family === "workflow"
            ? "workflow"
            : family === "change_request"
              ? "change_request"
              : family === "api_key"
                ? "api_key"
                : "model";
      const targetId =
        targetType === "approval"
          ? approvals[i % approvals.length]
          : targetType === "workflow"
            ? workflows[i % workflows.length]
            : targetType === "model"
              ? models[(i * 7) % models.length]
              : `bench-${i % 5000}`;
      const person = i % 4 !== 0;
      const user = users[(i * 13) % users.length];
      const event = chain(prev, {
        occurredAt: new Date(start + Math.floor((i / events) * YEAR_MS)),
        actorId: person ? user.id : null,
        actorLabel: person ? user.email : i % 8 === 0 ? "cli:ops" : "api-key:ci-pipeline",
        action,
        targetType,
        targetId,
        before: { version: i, notes: `before ${i}` },
        after: { version: i + 1, notes: `after ${i}` },
        reason: i % 5 === 0 ? `reason ${i}` : null,
      });
      batch.push(event);
      prev = event;
    }
    await insertChainedEvents(sql, batch);
    if ((done + BATCH) % 200_000 === 0) log(`  ${fmtInt(done + BATCH)} audit events written`);
  }
  await sql.exec(`ANALYZE "AuditEvent"`);
  return { models, users: users.map((u) => u.id) };
}

async function time(fn: () => Promise<unknown>, runs: number): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms;
}

export async function auditBench(bench: BenchDatabase, options: AuditBenchOptions): Promise<Figure[]> {
  const { parseAuditFilters } = await import("@/lib/audit/audit-filters");
  const { listAuditEvents } = await import("@/lib/audit/audit-query");
  const { verifyAuditTrail } = await import("@/lib/audit/verify");
  const started = performance.now();
  const { models, users } = await insertChain(bench, options.events, options.now);
  const loadMs = performance.now() - started;
  const prisma = bench.db.prisma;
  const compliance = { kind: "cli" as const, label: "bench" };
  const [{ total }] = await bench.db.sql.query<{ total: string }>(`SELECT count(*)::text AS total FROM "AuditEvent"`);
  const day = new Date(options.now.getTime() - YEAR_MS / 2).toISOString().slice(0, 10);
  const pages: { name: string; params: Record<string, string> }[] = [
    { name: "newest page", params: {} },
    { name: "a page deep in the trail (before event 1,000)", params: { before: "1000" } },
    { name: "one person's events", params: { actor: users[3] } },
    { name: "an action family (approval.)", params: { action: "approval." } },
    { name: "one model with its approvals, requests, bundles, plans, reviews and runs", params: { model: models[5] } },
    { name: `one day (${day})`, params: { from: day, to: day } },
  ];
  const figures: Figure[] = [];
  // The baseline: the deep page by OFFSET (rows skipped, then 50 read), as a trail paged without keys is.
  const deepOffset = Number(total) - 1000;
  const offsetMs = await time(
    () => prisma.$queryRawUnsafe(`SELECT * FROM "AuditEvent" ORDER BY "seq" DESC OFFSET ${deepOffset} LIMIT 50`),
    Math.min(options.runs, 10),
  );
  const offset = summarise(offsetMs);
  for (const page of pages) {
    const filters = parseAuditFilters({ ...page.params, limit: "50" });
    let rows = 0;
    const ms = await time(async () => {
      rows = (await listAuditEvents(prisma, compliance, filters)).events.length;
    }, options.runs);
    const s = summarise(ms);
    const deep = page.params.before !== undefined;
    log(`  ${page.name}: p50 ${fmtMs(s.p50Ms)}, p95 ${fmtMs(s.p95Ms)} (${rows} rows)`);
    figures.push({
      section: "audit",
      backend: bench.backend,
      what: `Audit page at ${fmtInt(Number(total))} events: ${page.name}`,
      measured: `p50 ${fmtMs(s.p50Ms)}, p95 ${fmtMs(s.p95Ms)} over ${s.runs} runs (${rows} rows of 50 asked)`,
      baseline: deep ? `the same page by OFFSET ${fmtInt(deepOffset)}: p50 ${fmtMs(offset.p50Ms)}` : null,
      ratio: deep ? offset.p50Ms / s.p50Ms : null,
      target: `p95 ≤ ${options.targetP95Ms} ms`,
      pass: rows > 0 && s.p95Ms <= options.targetP95Ms,
      notes: [`${fmtInt(options.events)} synthetic chained events written in ${(loadMs / 1000).toFixed(0)} s`],
      data: { ...s, rows, params: page.params, offset: deep ? offset : undefined },
    });
  }
  const verifyStarted = performance.now();
  const verdict = await verifyAuditTrail(prisma);
  const verifyMs = performance.now() - verifyStarted;
  log(`  chain verification: ${verdict.intact ? "intact" : "BROKEN"}, ${fmtInt(verdict.events)} events in ${fmtMs(verifyMs)}`);
  for (const f of figures)
    f.notes.push(
      `the whole chain verifies (${verdict.intact ? "intact" : "BROKEN"}, ${fmtInt(verdict.events)} events) in ${fmtMs(verifyMs)}: \`npm run audit:verify\``,
    );
  return figures;
}
