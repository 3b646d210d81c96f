import { describe, expect, it } from "vitest";
import { DomainError } from "@/lib/errors";
import { assertStorableText, findUnstorableText, unstorableReason } from "./storable-text";

describe("text the database can store", () => {
  it("accepts ordinary text, emoji and every script", () => {
    for (const text of ["", "GPT-4o", "模型评审", "naïve café", "🚀 launch", "a\tb\nc"]) expect(unstorableReason(text)).toBeNull();
  });

  it("refuses NUL characters and unpaired surrogates", () => {
    expect(unstorableReason("ab\u0000c")).toMatch(/NUL/);
    expect(unstorableReason("x\uD800")).toMatch(/surrogate/);
    expect(unstorableReason("\uDC00x")).toMatch(/surrogate/);
  });

  it("names the field, however deep", () => {
    expect(findUnstorableText({ kind: "approval", evidence: ["ok", "bad\u0000"] })).toEqual({ field: "evidence.1", reason: expect.stringMatching(/NUL/) });
    expect(findUnstorableText({ metrics: { "acc\u0000": 1 } })).toEqual({ field: "metrics.acc\u0000", reason: expect.stringMatching(/its name/) });
    expect(findUnstorableText({ a: 1, b: null, c: [true, { d: "fine" }] })).toBeNull();
  });

  it("throws a validation error with the field's message", () => {
    let error: unknown;
    try {
      assertStorableText({ justification: "because\u0000" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("validation");
    expect((error as DomainError).fieldErrors).toEqual({ justification: [expect.stringMatching(/NUL/)] });
  });
});
