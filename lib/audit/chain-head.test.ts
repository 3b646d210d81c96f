import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { chainHeadDocument, parseChainHead } from "./chain-head";

describe("chain head documents", () => {
  it("round-trip: what is exported is what is read back", () => {
    const doc = chainHeadDocument({ seq: 1234n, hash: "a".repeat(64), occurredAt: new Date("2026-12-01T10:00:00Z") }, new Date("2026-12-02T00:00:00Z"));
    expect(doc).toEqual({
      format: "warden-audit-head/1",
      seq: "1234",
      hash: "a".repeat(64),
      occurredAt: "2026-12-01T10:00:00.000Z",
      exportedAt: "2026-12-02T00:00:00.000Z",
    });
    expect(parseChainHead(JSON.stringify(doc))).toEqual({ seq: 1234n, hash: "a".repeat(64) });
  });

  it("refuses text that is not a head, naming what is wrong", () => {
    expect(() => parseChainHead("{oops")).toThrow(/not JSON/);
    expect(() => parseChainHead(JSON.stringify({ format: "warden-audit-head/1", seq: "12", hash: "xyz" }))).toThrow(/hash must be 64/);
    expect(() => parseChainHead(JSON.stringify({ format: "warden-audit-head/1", seq: "-1", hash: "a".repeat(64) }))).toThrow(DomainError);
  });
});
