// The tamper suite on a real PostgreSQL holding a 100,000-event chain: the database refuses UPDATE,
// DELETE and TRUNCATE; a superuser who switches the triggers off (session_replication_role = replica)
// can edit, delete, reorder, insert, truncate or replay, and the verifier names the first broken event
// each time (with the head saved outside the database where only the head can tell).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/lib/db/connection";
import { openPostgresTestDatabase } from "@/lib/testing/test-database";
import { insertChainedEvents } from "./audit-bulk-insert";
import { type ChainedAuditRecord, chain, hashRecord, verifyAgainstHead } from "./chain";
import { verifyAuditTrail } from "./verify";

const EVENTS = 100_000;
let db: Database;
let savedHead: { seq: bigint; hash: string };

function event(prev: ChainedAuditRecord | null, i: number): ChainedAuditRecord {
  return chain(prev, {
    occurredAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    actorId: null,
    actorLabel: i % 2 ? "cli:ops" : "ml-lead@warden.test",
    action: i % 5 ? "model.update" : "model.status_change",
    targetType: "model",
    targetId: `model-${i % 97}`,
    before: { notes: `v${i}` },
    after: { notes: `v${i + 1}`, nested: { z: i, a: [i, "x"] } },
    reason: i % 7 ? null : `reason ${i}`,
  });
}

async function insertEvents(events: ChainedAuditRecord[]) {
  for (let i = 0; i < events.length; i += 5_000) await insertChainedEvents(db.sql, events.slice(i, i + 5_000));
}

/** Runs statements as a superuser with the append-only triggers off, as an attacker with full access would. */
const bypassingTriggers = (statements: string) => db.sql.exec(`SET session_replication_role = replica; ${statements}; SET session_replication_role = origin;`);

beforeAll(async () => {
  db = await openPostgresTestDatabase();
  const events: ChainedAuditRecord[] = [];
  for (let i = 0; i < EVENTS; i++) events.push(event(events[i - 1] ?? null, i));
  await insertEvents(events);
  savedHead = { seq: events.at(-1)!.seq, hash: events.at(-1)!.hash };
  await db.sql.exec(`CREATE TABLE "AuditEventOriginal" AS SELECT * FROM "AuditEvent"`);
});
afterAll(() => db?.close());

/** Puts the original 100,000 events back after each tampering. */
async function restore() {
  await bypassingTriggers(`DELETE FROM "AuditEvent"; INSERT INTO "AuditEvent" SELECT * FROM "AuditEventOriginal"`);
}

const verify = async () => verifyAgainstHead(await verifyAuditTrail(db.prisma), savedHead);

describe(`a ${EVENTS.toLocaleString("en")}-event audit chain`, () => {
  it("verifies intact up to its last event, which is the saved head", async () => {
    expect(await verify()).toEqual({ intact: true, events: EVENTS, head: savedHead });
  });

  it("cannot be changed through the database: UPDATE, DELETE and TRUNCATE are refused", async () => {
    await expect(db.sql.exec(`UPDATE "AuditEvent" SET "reason" = 'covered up' WHERE "seq" = 500`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(db.sql.exec(`DELETE FROM "AuditEvent" WHERE "seq" = 500`)).rejects.toThrow(/append-only: DELETE refused/);
    await expect(db.sql.exec(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect((await verify()).intact).toBe(true);
  });

  it("an edited field: broken at that event", async () => {
    await bypassingTriggers(`UPDATE "AuditEvent" SET "actorLabel" = 'someone-else' WHERE "seq" = 54321`);
    expect(await verify()).toMatchObject({ intact: false, intactUpTo: 54320n, firstBroken: { seq: 54321n, problem: "hash_mismatch" } });
    await restore();
  });

  it("a deleted event: broken at the event after the gap", async () => {
    await bypassingTriggers(`DELETE FROM "AuditEvent" WHERE "seq" = 70000`);
    expect(await verify()).toMatchObject({ intact: false, intactUpTo: 69999n, firstBroken: { seq: 70001n, problem: "sequence_gap" } });
    await restore();
  });

  it("two events swapped: broken at the first of the two positions", async () => {
    await bypassingTriggers(
      `UPDATE "AuditEvent" SET "seq" = -1 WHERE "seq" = 30000; UPDATE "AuditEvent" SET "seq" = 30000 WHERE "seq" = 30001; UPDATE "AuditEvent" SET "seq" = 30001 WHERE "seq" = -1`,
    );
    expect(await verify()).toMatchObject({ intact: false, intactUpTo: 29999n, firstBroken: { seq: 30000n, problem: "previous_hash_mismatch" } });
    await restore();
  });

  it("a forged event inserted with a valid hash: broken at the genuine event after it", async () => {
    // The forger makes room at 50,000 and chains the forgery correctly onto event 49,999. The genuine
    // event moved to 50,001 still names the real event 49,999 as its predecessor, not the forgery.
    const [prev] = await db.sql.query<{ seq: string; hash: string }>(`SELECT "seq"::text, "hash" FROM "AuditEvent" WHERE "seq" = 49999`);
    const forged = chain(
      { seq: BigInt(prev.seq), hash: prev.hash },
      {
        occurredAt: new Date(Date.UTC(2026, 0, 20)),
        actorId: null,
        actorLabel: "compliance@warden.test",
        action: "model.approve",
        targetType: "model",
        targetId: "model-1",
        before: null,
        after: { status: "approved" },
        reason: "forged",
      },
    );
    expect(hashRecord(forged.prevHash, forged)).toBe(forged.hash);
    await bypassingTriggers(`UPDATE "AuditEvent" SET "seq" = -"seq" WHERE "seq" >= 50000; UPDATE "AuditEvent" SET "seq" = -"seq" + 1 WHERE "seq" < 0`);
    await insertEvents([forged]);
    expect(await verify()).toMatchObject({ intact: false, intactUpTo: 50000n, firstBroken: { seq: 50001n, problem: "previous_hash_mismatch" } });
    await restore();
  });

  it("a truncated tail: intact on its own, broken against the saved head", async () => {
    await bypassingTriggers(`DELETE FROM "AuditEvent" WHERE "seq" > 90000`);
    expect(await verifyAuditTrail(db.prisma)).toMatchObject({ intact: true, head: { seq: 90000n } });
    expect(await verify()).toMatchObject({ intact: false, intactUpTo: 90000n, firstBroken: { seq: 90001n, problem: "sequence_gap" } });
    await restore();
  });

  it("an old head replayed (the tail cut at 95,000 and a new, self-consistent tail written): broken against the saved head", async () => {
    await bypassingTriggers(`DELETE FROM "AuditEvent" WHERE "seq" > 95000`);
    const [last] = await db.sql.query<{ seq: string; hash: string }>(`SELECT "seq"::text, "hash" FROM "AuditEvent" WHERE "seq" = 95000`);
    const tail: ChainedAuditRecord[] = [];
    let prev: { seq: bigint; hash: string } = { seq: BigInt(last.seq), hash: last.hash };
    for (let i = 0; i < 5_000; i++) {
      const next = chain(prev, {
        occurredAt: new Date(Date.UTC(2026, 2, 1) + i * 1000),
        actorId: null,
        actorLabel: "cli:ops",
        action: "model.update",
        targetType: "model",
        targetId: "model-2",
        before: null,
        after: { i },
        reason: null,
      });
      tail.push(next);
      prev = next;
    }
    await insertEvents(tail);
    expect(await verifyAuditTrail(db.prisma)).toMatchObject({ intact: true, head: { seq: 100000n } });
    expect(await verify()).toMatchObject({ intact: false, intactUpTo: 99999n, firstBroken: { seq: 100000n, problem: "hash_mismatch" } });
    await restore();
    expect((await verify()).intact).toBe(true);
  });
});
