import { describe, expect, it } from "vitest";
import { activeApprovalWhere, approvalState, isApprovalActive } from "./approval-state";

const now = new Date("2026-05-01T12:00:00Z");
const before = new Date("2026-04-30T00:00:00Z");
const after = new Date("2026-06-01T00:00:00Z");

describe("approvalState", () => {
  it("is active without an end date, or before it", () => {
    expect(approvalState({ revokedAt: null, validUntil: null }, now)).toBe("active");
    expect(approvalState({ revokedAt: null, validUntil: after }, now)).toBe("active");
  });

  it("is expired from its valid-until instant on", () => {
    expect(approvalState({ revokedAt: null, validUntil: before }, now)).toBe("expired");
    expect(approvalState({ revokedAt: null, validUntil: now }, now)).toBe("expired");
  });

  it("is revoked once revoked, whatever its end date", () => {
    for (const validUntil of [null, before, after]) expect(approvalState({ revokedAt: before, validUntil }, now)).toBe("revoked");
  });

  it("agrees with the database filter on which approvals are active", () => {
    // The filter's two branches, evaluated by hand on the same rows the pure rule judges.
    const where = activeApprovalWhere(now) as { revokedAt: null; OR: [{ validUntil: null }, { validUntil: { gt: Date } }] };
    const matches = (a: { revokedAt: Date | null; validUntil: Date | null }) =>
      a.revokedAt === where.revokedAt && (a.validUntil === null || a.validUntil > where.OR[1].validUntil.gt);
    for (const revokedAt of [null, before]) {
      for (const validUntil of [null, before, now, after])
        expect(matches({ revokedAt, validUntil }), `${revokedAt} ${validUntil}`).toBe(isApprovalActive({ revokedAt, validUntil }, now));
    }
  });
});
