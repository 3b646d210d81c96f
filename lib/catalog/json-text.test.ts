import { describe, it, expect } from "vitest";
import { findJsonSyntaxError, formatJsonPath, lineColumnAt } from "./json-text";

describe("findJsonSyntaxError", () => {
  it("accepts valid JSON of every kind", () => {
    for (const text of ['{"a":[1,-2.5e3,true,false,null,"x\\n\\u00e9"]}', " [] ", '"s"', "0", '{"a":{}}']) {
      expect(findJsonSyntaxError(text)).toBeNull();
    }
  });

  it("points at the first offending character", () => {
    expect(findJsonSyntaxError('{"a":1,,}')).toEqual({ offset: 7, reason: expect.stringContaining("property name") });
    expect(findJsonSyntaxError("[1 2]")).toEqual({ offset: 3, reason: expect.stringContaining("expected ',' or ']'") });
    expect(findJsonSyntaxError("{'a':1}")?.offset).toBe(1);
    expect(findJsonSyntaxError('{"a":01}')?.offset).toBe(6);
    expect(findJsonSyntaxError("{} x")).toEqual({ offset: 3, reason: expect.stringContaining("after the end") });
  });

  it("reports a truncated text at its end", () => {
    expect(findJsonSyntaxError('{"a": [1, 2')).toEqual({ offset: 11, reason: expect.stringContaining("end of input") });
    expect(findJsonSyntaxError('{"a": "unterminated')).toEqual({ offset: 19, reason: "unterminated string" });
    expect(findJsonSyntaxError("")?.offset).toBe(0);
  });
});

describe("lineColumnAt", () => {
  it("counts 1-based lines and columns", () => {
    const text = "ab\ncde\n";
    expect(lineColumnAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt(text, 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumnAt(text, text.length)).toEqual({ line: 3, column: 1 });
  });
});

describe("formatJsonPath", () => {
  it("writes plain keys dotted and others bracketed", () => {
    expect(formatJsonPath(["providers", "openai", "models", "gpt-4o", "cost", "input"])).toBe("providers.openai.models.gpt-4o.cost.input");
    expect(formatJsonPath(["providers", "openai", "models", "gpt-4.1", "cost"])).toBe('providers.openai.models["gpt-4.1"].cost');
    expect(formatJsonPath(["bedrock/us-east-1/x", "max_tokens"])).toBe('["bedrock/us-east-1/x"].max_tokens');
    expect(formatJsonPath(["tiers", 0])).toBe("tiers[0]");
    expect(formatJsonPath([])).toBe("(top level)");
  });
});
