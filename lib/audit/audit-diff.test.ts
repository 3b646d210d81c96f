import { describe, expect, it } from "vitest";
import { auditDiff } from "./audit-diff";

describe("auditDiff", () => {
  it("lists only the fields that changed, with their old and new values", () => {
    expect(auditDiff({ status: "testing", name: "GPT-5 mini" }, { status: "approved", name: "GPT-5 mini" })).toEqual([
      { field: "status", before: "testing", after: "approved" },
    ]);
  });

  it("shows a created target's fields as new and a removed field as gone", () => {
    expect(auditDiff(null, { email: "a@x.test", roles: ["viewer", "engineer"] })).toEqual([
      { field: "email", after: "a@x.test" },
      { field: "roles", after: "viewer, engineer" },
    ]);
    expect(auditDiff({ revokedAt: null, note: "x" }, { revokedAt: "2026-12-01T00:00:00.000Z" })).toEqual([
      { field: "revokedAt", before: "—", after: "2026-12-01T00:00:00.000Z" },
      { field: "note", before: "x" },
    ]);
  });

  it("follows nested objects to dotted fields", () => {
    expect(auditDiff({ thresholds: { accuracy: 0.9, f1: 0.8 } }, { thresholds: { accuracy: 0.92, f1: 0.8 } })).toEqual([
      { field: "thresholds.accuracy", before: "0.9", after: "0.92" },
    ]);
  });

  it("shows a bare value under 'value' and nothing when neither side has data", () => {
    expect(auditDiff(3, 4)).toEqual([{ field: "value", before: "3", after: "4" }]);
    expect(auditDiff(null, null)).toEqual([]);
  });
});
