import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { openTestDatabase } from "@/lib/testing/test-database";
import { recordAudit } from "./record";
import { verifyAuditTrail } from "./verify";

const actor = { kind: "cli" as const, label: "test" };
let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
  for (let i = 0; i < 20; i++) {
    await db.prisma.$transaction((tx) =>
      recordAudit(tx, actor, {
        action: "model.update",
        targetType: "model",
        targetId: `m${i}`,
        before: { price: i, at: new Date(Date.UTC(2026, 1, 1)) },
        after: { price: i + 0.5, tags: ["a", "b"] },
      }),
    );
  }
});
afterAll(() => db.close());

describe("audit events in the database", () => {
  it("verify after the JSONB round trip", async () => {
    const verdict = await verifyAuditTrail(db.prisma);
    expect(verdict).toMatchObject({ intact: true, events: 20, head: { seq: 20n } });
  });

  it("cannot be updated, deleted or truncated", async () => {
    await expect(db.sql.exec(`UPDATE "AuditEvent" SET reason = 'x' WHERE seq = 3`)).rejects.toThrow(/append-only/);
    await expect(db.sql.exec(`DELETE FROM "AuditEvent" WHERE seq = 3`)).rejects.toThrow(/append-only/);
    await expect(db.sql.exec(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    expect(await db.prisma.auditEvent.count()).toBe(20);
  });

  it("are not written when the change's transaction rolls back", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await recordAudit(tx, actor, { action: "model.update", targetType: "model", targetId: "x" });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.prisma.auditEvent.count()).toBe(20);
  });

  it("report the first tampered event when someone bypasses the trigger", async () => {
    // A superuser can switch triggers off; the chain still gives the tampering away.
    await db.sql.exec(
      `SET session_replication_role = replica; UPDATE "AuditEvent" SET after = '{"price": 100}' WHERE seq = 12; SET session_replication_role = origin;`,
    );
    const verdict = await verifyAuditTrail(db.prisma);
    expect(verdict).toMatchObject({ intact: false, intactUpTo: 11n, firstBroken: { seq: 12n, problem: "hash_mismatch" } });
  });
});
