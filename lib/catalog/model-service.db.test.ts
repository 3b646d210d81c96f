// Against a real PostgreSQL with a connection pool: simultaneous edits and the audit chain under
// concurrency, which the single-connection embedded database cannot exercise.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditTrail } from "@/lib/audit/verify";
import type { Database } from "@/lib/db/connection";
import { DomainError } from "@/lib/errors";
import { type UserActor, createActor, ensureProvider } from "@/lib/testing/actors";
import { openPostgresTestDatabase } from "@/lib/testing/test-database";
import { registerModel, updateModel } from "./model-service";

let db: Database;
let engineer: UserActor;

beforeAll(async () => {
  db = await openPostgresTestDatabase(20);
  await ensureProvider(db.prisma, "openai", "OpenAI");
  engineer = await createActor(db.prisma, ["engineer"]);
});
afterAll(() => db.close());

describe("on PostgreSQL", () => {
  it("of 50 simultaneous edits made against the same version, exactly one wins, with one audit event (repeated)", async () => {
    for (let round = 0; round < 3; round++) {
      const model = await registerModel(db.prisma, engineer, { providerSlug: "openai", snapshotId: `gpt-race-${round}`, name: "Race" });
      const outcomes = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          updateModel(db.prisma, engineer, {
            id: model.id,
            version: model.version,
            providerSlug: "openai",
            snapshotId: model.snapshotId,
            name: `Writer ${i}`,
          }).then(
            () => "won",
            (error) => (error instanceof DomainError ? error.code : Promise.reject(error)),
          ),
        ),
      );
      expect(outcomes.filter((o) => o === "won")).toHaveLength(1);
      expect(outcomes.filter((o) => o === "conflict")).toHaveLength(49);
      const saved = await db.prisma.model.findUniqueOrThrow({ where: { id: model.id } });
      expect(saved.version).toBe(model.version + 1);
      expect(await db.prisma.auditEvent.count({ where: { targetId: model.id, action: "model.update" } })).toBe(1);
    }
  });

  it("keeps one unbroken audit chain when many changes commit at once", async () => {
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        registerModel(db.prisma, engineer, { providerSlug: "openai", snapshotId: `gpt-parallel-${i}`, name: `Parallel ${i}` }),
      ),
    );
    const verdict = await verifyAuditTrail(db.prisma);
    expect(verdict.intact).toBe(true);
    expect(verdict.events).toBe(await db.prisma.auditEvent.count());
  });

  it("refuses UPDATE, DELETE and TRUNCATE on the audit table", async () => {
    await expect(db.sql.exec(`UPDATE "AuditEvent" SET reason = 'edited' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.sql.exec(`DELETE FROM "AuditEvent" WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.sql.exec(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect((await verifyAuditTrail(db.prisma)).intact).toBe(true);
  });

  it("records migrations the way Prisma does", async () => {
    const rows = await db.sql.query<{ migration_name: string; checksum: string; finished_at: Date | null; applied_steps_count: number }>(
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations"`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });
});
