// The audit page's reads and the exports against a real (in-memory PGlite) database: filters, keyset
// pages, the exports' content and their own audit event, and the stand-alone verifier on an export.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { type GovernanceWorld, governanceWorld } from "@/lib/testing/governance-fixtures";
import { openTestDatabase } from "@/lib/testing/test-database";
import { exportAuditTrail } from "./audit-export";
import { parseAuditFilters } from "./audit-filters";
import { auditFacets, listAuditEvents } from "./audit-query";
import { describeTargets, targetKey } from "./audit-targets";
import { recordAudit } from "./record";

let db: Database;
let world: GovernanceWorld;
let approvalId: string;
const ROOT = path.resolve(import.meta.dirname, "../..");

beforeAll(async () => {
  db = await openTestDatabase();
  world = await governanceWorld(db.prisma);
  approvalId = (await db.prisma.approval.findFirstOrThrow({ where: { modelId: world.incumbent.id } })).id;
  const lead = world.actors.ml_lead;
  const write = (actor: Parameters<typeof recordAudit>[1], entry: Parameters<typeof recordAudit>[2]) =>
    db.prisma.$transaction((tx) => recordAudit(tx, actor, entry));
  // 30 edits of the candidate by the engineer, then a few events on other targets.
  for (let i = 0; i < 30; i++) {
    await write(world.actors.engineer, {
      action: "model.update",
      targetType: "model",
      targetId: world.candidate.id,
      before: { notes: `v${i}` },
      after: { notes: `v${i + 1}` },
    });
  }
  await write(lead, {
    action: "approval.revoke",
    targetType: "approval",
    targetId: approvalId,
    before: { revokedAt: null },
    after: { revokedAt: "2026-12-01T00:00:00.000Z" },
    reason: "=cmd|' /C calc'!A0",
  });
  await write(lead, {
    action: "model.status_change",
    targetType: "model",
    targetId: world.incumbent.id,
    before: { status: "approved" },
    after: { status: "fallback_only" },
    reason: "cheaper option",
  });
  await write(
    { kind: "cli", label: "ops" },
    { action: "workflow.create", targetType: "workflow", targetId: world.loans.id, after: { slug: world.loans.slug } },
  );
});
afterAll(() => db.close());

const filters = (params: Record<string, string>) => parseAuditFilters(params);

describe("the audit trail page's reads", () => {
  it("pages newest first by keyset, without gaps or repeats", async () => {
    const seen: bigint[] = [];
    let before: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await listAuditEvents(db.prisma, world.actors.compliance, filters({ limit: "7", ...(before ? { before } : {}) }));
      seen.push(...result.events.map((e) => e.seq));
      if (!result.nextBefore) break;
      before = result.nextBefore.toString();
    }
    expect(seen).toHaveLength(33);
    expect(seen).toEqual([...seen].sort((a, b) => (a > b ? -1 : 1)));
    expect(new Set(seen).size).toBe(33);
  });

  it("filters by actor (person or machine label), action or action family, model, workflow and dates", async () => {
    const list = async (params: Record<string, string>) => (await listAuditEvents(db.prisma, world.actors.admin, filters({ limit: "200", ...params }))).events;
    expect(await list({ actor: world.actors.engineer.userId })).toHaveLength(30);
    expect((await list({ actor: "cli:ops" })).map((e) => e.action)).toEqual(["workflow.create"]);
    expect(await list({ action: "model.status_change" })).toHaveLength(1);
    expect(await list({ action: "model." })).toHaveLength(31);
    // A model's trail includes events on its approvals.
    expect((await list({ model: world.incumbent.id })).map((e) => e.action)).toEqual(["model.status_change", "approval.revoke"]);
    expect((await list({ workflow: world.chat.id })).map((e) => e.action)).toEqual(["approval.revoke"]);
    expect(await list({ from: "2000-01-01", to: "2000-01-02" })).toHaveLength(0);
    const today = new Date().toISOString().slice(0, 10);
    expect(await list({ from: today, to: today })).toHaveLength(33);
  });

  it("refuses filters that are not valid, naming the field", () => {
    expect(() => filters({ from: "2026-02-30" })).toThrow(/from "2026-02-30" is not a real date/);
    expect(() => filters({ from: "2026-12-02", to: "2026-12-01" })).toThrow(/from must be before to/);
    expect(() => filters({ action: "DROP TABLE" })).toThrow(/action must look like/);
    expect(() => filters({ before: "abc" })).toThrow(/before must be an event number/);
    expect(() => filters({ limit: "5000" })).toThrow(/limit is at most 200/);
  });

  it("is closed to roles without audit:read", async () => {
    for (const role of ["viewer", "engineer", "product_owner", "ml_lead"] as const) {
      await expect(listAuditEvents(db.prisma, world.actors[role], filters({}))).rejects.toMatchObject({ code: "forbidden" });
      await expect(auditFacets(db.prisma, world.actors[role])).rejects.toMatchObject({ code: "forbidden" });
    }
  });

  it("offers who acted and which actions exist as filter choices, and names each target with a link", async () => {
    const facets = await auditFacets(db.prisma, world.actors.compliance);
    expect(facets.actions).toEqual(["approval.revoke", "model.status_change", "model.update", "workflow.create"]);
    expect(facets.actors.map((a) => a.value)).toContain("cli:ops");
    const { events } = await listAuditEvents(db.prisma, world.actors.compliance, filters({ limit: "3" }));
    const targets = await describeTargets(db.prisma, events);
    expect(targets.get(targetKey("workflow", world.loans.id))).toEqual({ label: world.loans.name, href: `/workflows/${world.loans.slug}` });
    expect(targets.get(targetKey("approval", approvalId))).toEqual({
      label: `${world.incumbent.name} for ${world.chat.name}`,
      href: `/models/${world.incumbent.id}`,
    });
  });
});

describe("audit exports", () => {
  it("CSV: the filtered events, injection neutralised, the export itself recorded", async () => {
    const before = await db.prisma.auditEvent.count();
    const file = await exportAuditTrail(db.prisma, world.actors.compliance, filters({ action: "approval." }), "csv");
    const rows = parse(await new Response(file.body).text(), { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: "approval.revoke", reason: "'=cmd|' /C calc'!A0", actor_label: world.actors.ml_lead.email });
    expect(await db.prisma.auditEvent.count()).toBe(before + 1);
    const own = await db.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(own).toMatchObject({ action: "audit.export", actorId: world.actors.compliance.userId, after: { format: "csv", filters: "action=approval." } });
    expect(file.upTo).toBe(own.seq);
  });

  it("NDJSON of the whole trail verifies with the stand-alone verifier, and fails it once altered", async () => {
    const file = await exportAuditTrail(db.prisma, world.actors.admin, filters({}), "ndjson");
    const text = await new Response(file.body).text();
    const lines = text.trim().split("\n");
    // Everything up to and including the export's own event.
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ seq: file.upTo.toString(), action: "audit.export" });
    expect(lines).toHaveLength(Number(file.upTo));
    const dir = mkdtempSync(path.join(tmpdir(), "warden-audit-"));
    const good = path.join(dir, "good.ndjson");
    writeFileSync(good, text);
    const verify = (file: string, ...flags: string[]) =>
      execFileSync(process.execPath, [path.join(ROOT, "scripts/verify-audit-export.mjs"), file, ...flags], { encoding: "utf8", stdio: "pipe" });
    expect(verify(good)).toContain(`${lines.length} events verified, up to event ${file.upTo}`);
    const altered = path.join(dir, "altered.ndjson");
    writeFileSync(altered, text.replace('"after":{"status":"fallback_only"}', '"after":{"status":"approved"}'));
    expect(() => verify(altered)).toThrow(/content does not match its hash/);
    const dropped = path.join(dir, "dropped.ndjson");
    writeFileSync(dropped, lines.filter((_, i) => i !== 3).join("\n"));
    // A filtered export has gaps by design; --full says this one is the whole chain, so a gap is a deletion.
    expect(verify(dropped)).toContain(`${lines.length - 1} events verified`);
    expect(() => verify(dropped, "--full")).toThrow(/event 5: expected event 4/);
    expect(verify(good, "--full")).toContain(`${lines.length} events verified`);
  });

  it("refuses a role without audit:export before writing anything", async () => {
    const before = await db.prisma.auditEvent.count();
    await expect(exportAuditTrail(db.prisma, world.actors.viewer, filters({}), "csv")).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.prisma.auditEvent.count()).toBe(before);
  });
});
