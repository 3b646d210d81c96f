import { describe, expect, it } from "vitest";
import { type ChainedAuditRecord, GENESIS_HASH, chain, verifyAgainstHead, verifyChain } from "./chain";

function buildChain(n: number): ChainedAuditRecord[] {
  const events: ChainedAuditRecord[] = [];
  for (let i = 0; i < n; i++) {
    events.push(
      chain(events[i - 1] ?? null, {
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        actorId: "u1",
        actorLabel: "engineer@warden.test",
        action: "model.update",
        targetType: "model",
        targetId: `m${i % 3}`,
        before: { contextWindow: 1000 + i },
        after: { contextWindow: 2000 + i, nested: { b: 1, a: [1, 2] } },
        reason: null,
      }),
    );
  }
  return events;
}

describe("audit hash chain", () => {
  it("starts from the genesis hash and links every event to the one before", () => {
    const events = buildChain(5);
    expect(events[0].seq).toBe(1n);
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    expect(events[3].prevHash).toBe(events[2].hash);
    expect(verifyChain(events)).toEqual({ intact: true, events: 5, head: { seq: 5n, hash: events[4].hash } });
  });

  it("verifies after JSONB reorders object keys", () => {
    const events = buildChain(2);
    const reordered = { ...events[1], after: { nested: { a: [1, 2], b: 1 }, contextWindow: 2001 } };
    expect(verifyChain([events[0], reordered]).intact).toBe(true);
  });

  it("reports an edited event as the first broken link", () => {
    const events = buildChain(10);
    events[6] = { ...events[6], after: { contextWindow: 999_999 } };
    const verdict = verifyChain(events);
    expect(verdict).toMatchObject({ intact: false, intactUpTo: 6n, firstBroken: { seq: 7n, problem: "hash_mismatch" } });
  });

  it("reports a deleted event as a gap at the event after it", () => {
    const events = buildChain(10);
    events.splice(4, 1);
    expect(verifyChain(events)).toMatchObject({ intact: false, intactUpTo: 4n, firstBroken: { seq: 6n, problem: "sequence_gap" } });
  });

  it("reports reordered events", () => {
    const events = buildChain(10);
    [events[2], events[3]] = [events[3], events[2]];
    expect(verifyChain(events)).toMatchObject({ intact: false, intactUpTo: 2n, firstBroken: { seq: 4n } });
  });

  it("reports a forged event inserted with a rewritten sequence", () => {
    const events = buildChain(6);
    // A forger re-numbers the tail to make room; the forged event cannot know a valid previous hash
    // without recomputing every later hash, which then no longer match the exported head.
    const forged = { ...events[3], seq: 4n, action: "model.approve", hash: events[3].hash };
    const tampered = [...events.slice(0, 3), forged, ...events.slice(3).map((e) => ({ ...e, seq: e.seq + 1n }))];
    expect(verifyChain(tampered)).toMatchObject({ intact: false, intactUpTo: 3n, firstBroken: { seq: 4n, problem: "hash_mismatch" } });
  });

  it("detects a re-hashed forgery and a truncated tail against an exported head", () => {
    const events = buildChain(8);
    const head = { seq: 8n, hash: events[7].hash };
    const truncated = verifyAgainstHead(verifyChain(events.slice(0, 6)), head);
    expect(truncated).toMatchObject({ intact: false, intactUpTo: 6n, firstBroken: { seq: 7n, problem: "sequence_gap" } });

    // Rewriting event 5 and re-hashing everything after it gives a self-consistent chain whose head
    // differs from the one kept outside the database.
    const rewritten = events.slice(0, 4);
    for (let i = 4; i < 8; i++) rewritten.push(chain(rewritten[i - 1], { ...events[i], reason: i === 4 ? "forged" : null }));
    const verdict = verifyAgainstHead(verifyChain(rewritten), head);
    expect(verdict).toMatchObject({ intact: false, firstBroken: { seq: 8n, problem: "hash_mismatch" } });
  });
});
