import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-path";

describe("the path to go to after signing in", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeCallbackPath("/models?status=approved")).toBe("/models?status=approved");
    expect(safeCallbackPath("/")).toBe("/");
    expect(safeCallbackPath("/audit?model=abc#top")).toBe("/audit?model=abc#top");
  });

  it("sends anything else home: other origins, protocol-relative and backslash tricks, nothing at all", () => {
    for (const value of [
      "https://evil.example/",
      "//evil.example",
      "/\\evil.example",
      "/\\/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "models",
      "",
      undefined,
      null,
      ["/models"],
    ]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });
});
