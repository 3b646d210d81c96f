// The PDF audit pack of a model, generated from a real (in-memory PGlite) database and read back with
// pdf.js: the text a compliance officer would check is there, and the pack is an audit event.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { type GovernanceWorld, governanceWorld } from "@/lib/testing/governance-fixtures";
import { pdfPlainText } from "@/lib/testing/pdf-text";
import { openTestDatabase } from "@/lib/testing/test-database";
import { getAuditPack } from "./audit-pack";
import { pdfText, renderAuditPackPdf } from "./audit-pack-pdf";
import { recordAudit } from "./record";

let db: Database;
let world: GovernanceWorld;

beforeAll(async () => {
  db = await openTestDatabase();
  world = await governanceWorld(db.prisma);
  const m = world.incumbent;
  await db.prisma.$transaction((tx) =>
    recordAudit(tx, world.actors.ml_lead, {
      action: "model.status_change",
      targetType: "model",
      targetId: m.id,
      before: { status: "testing" },
      after: { status: "approved" },
      reason: "Passed the support suite",
    }),
  );
  await db.prisma.deprecationPlan.create({
    data: {
      modelId: m.id,
      reason: "Provider retires the snapshot",
      announcedAt: new Date("2026-11-01"),
      softDeadline: new Date("2027-01-15"),
      hardDeadline: new Date("2027-03-01"),
      migrationTargetId: world.candidate.id,
    },
  });
  await db.prisma.bundle.create({
    data: {
      workflowId: world.chat.id,
      modelId: m.id,
      major: 3,
      minor: 2,
      patch: 1,
      promptHash: "a".repeat(64),
      configHash: "b".repeat(64),
      config: {},
      stage: "canary",
      trafficPercent: 10,
    },
  });
});
afterAll(() => db.close());

describe("the PDF audit pack", () => {
  it("holds the card, approvals with evidence, status history, bundles, deprecation plan, events and the chain verdict", async () => {
    const before = await db.prisma.auditEvent.count();
    const pack = await getAuditPack(db.prisma, world.actors.compliance, world.incumbent.id);
    expect(await db.prisma.auditEvent.count()).toBe(before + 1);
    const text = await pdfPlainText(await renderAuditPackPdf(pack));
    expect(text).toContain(`Audit pack: ${world.incumbent.name}`);
    expect(text).toContain(world.incumbent.snapshotId);
    expect(text).toContain("Intended use");
    expect(text).toContain("Customer support answers.");
    expect(text).toContain(`${world.chat.name} (limited)`);
    expect(text).toContain("support-v3 2026-10");
    expect(text).toContain("gate passed");
    expect(text).toContain("Passed the support suite");
    expect(text).toContain("Bundle 3.2.1");
    expect(text).toContain("canary at 10 % of traffic");
    expect(text).toContain("Provider retires the snapshot");
    expect(text).toContain(`${world.candidate.name} (${world.candidate.snapshotId})`);
    expect(text).toContain(`Audit trail intact up to event ${pack.exportEvent}`);
    expect(text).toContain(`this export is audit event #${pack.exportEvent}`);
    expect(text).toContain("audit.export_pack");
  });

  it("says so when the chain is broken", async () => {
    await db.sql.exec(
      `SET session_replication_role = replica; UPDATE "AuditEvent" SET "reason" = 'rewritten' WHERE "seq" = 1; SET session_replication_role = origin;`,
    );
    const pack = await getAuditPack(db.prisma, world.actors.admin, world.incumbent.id);
    const text = await pdfPlainText(await renderAuditPackPdf(pack));
    expect(text).toContain("Audit trail BROKEN at event 1 (hash_mismatch)");
  });

  it("is refused to roles without audit:export, and for an unknown model", async () => {
    await expect(getAuditPack(db.prisma, world.actors.viewer, world.incumbent.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getAuditPack(db.prisma, world.actors.ml_lead, world.incumbent.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(getAuditPack(db.prisma, world.actors.compliance, "00000000-0000-0000-0000-000000000000")).rejects.toMatchObject({ code: "not_found" });
  });

  it("prints text outside Helvetica's character set readably", () => {
    expect(pdfText("testing → approved, ≥ 0.9 ✓")).toBe("testing -> approved, >= 0.9 yes");
    expect(pdfText("通义千问 — Qwen")).toBe("???? — Qwen");
    expect(pdfText(null)).toBe("—");
  });
});
