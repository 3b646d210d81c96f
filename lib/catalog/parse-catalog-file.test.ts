import { describe, it, expect } from "vitest";
import { CatalogFormatError, parseCatalogFile } from "./parse-catalog-file";

function formatError(text: string): CatalogFormatError {
  try {
    parseCatalogFile(text, "catalog.json");
  } catch (error) {
    if (error instanceof CatalogFormatError) return error;
    throw error;
  }
  throw new Error("expected a CatalogFormatError");
}

const litellm = (entry: Record<string, unknown>, key = "gpt-4o") => JSON.stringify({ [key]: { litellm_provider: "openai", mode: "chat", ...entry } }, null, 2);
const modelsDev = (model: unknown, provider: Record<string, unknown> = {}) =>
  JSON.stringify({ providers: { openai: { name: "OpenAI", models: { "gpt-4o": model }, ...provider } } }, null, 2);

describe("parseCatalogFile: format detection", () => {
  it("recognises each catalog by its content", () => {
    expect(parseCatalogFile(litellm({ input_cost_per_token: 2.5e-6 }), "x.json").source).toBe("litellm");
    expect(parseCatalogFile(modelsDev({ name: "GPT-4o" }), "x.json").source).toBe("models.dev");
  });

  it("names the file in the message", () => {
    expect(formatError("[]").message).toBe("catalog.json: (top level): expected a JSON object at the top level, found an array");
  });
});

describe("parseCatalogFile: malformed files refuse the whole import", () => {
  it("truncated JSON: line and column of the end of the text", () => {
    const text = '{\n  "gpt-4o": {\n    "litellm_provider": "openai",\n    "mode": "ch';
    const error = formatError(text);
    expect(error.location).toBe("line 4, column 16");
    expect(error.message).toContain("unterminated string");
  });

  it("a stray comma: line and column of the offending character", () => {
    const text = '{\n  "gpt-4o": {\n    "litellm_provider": "openai",,\n    "mode": "chat"\n  }\n}';
    expect(formatError(text).location).toBe("line 3, column 34");
  });

  it("an empty file", () => {
    expect(formatError("").location).toBe("line 1, column 1");
  });

  it("a top-level array or scalar", () => {
    expect(formatError('[{"litellm_provider": "openai"}]').location).toBe("(top level)");
    expect(formatError("42").message).toContain("found a number");
  });

  it("an object that is neither catalog", () => {
    expect(formatError('{"models": {"a": 1}}').message).toContain("not a known catalog");
  });

  it("LiteLLM: a price given as a string", () => {
    const error = formatError(litellm({ input_cost_per_token: "0.0000025" }));
    expect(error.location).toBe("gpt-4o.input_cost_per_token");
    expect(error.message).toContain("expected a number");
  });

  it("LiteLLM: a negative context window", () => {
    const error = formatError(litellm({ max_input_tokens: -128000 }));
    expect(error.location).toBe("gpt-4o.max_input_tokens");
    expect(error.message).toContain("cannot be negative");
  });

  it("LiteLLM: a fractional token count, under a key with dots", () => {
    expect(formatError(litellm({ max_output_tokens: 1.5 }, "gpt-4.1")).location).toBe('["gpt-4.1"].max_output_tokens');
  });

  it("LiteLLM: a deprecation date that is not YYYY-MM-DD", () => {
    expect(formatError(litellm({ deprecation_date: "June 2025" })).location).toBe("gpt-4o.deprecation_date");
  });

  it("LiteLLM: a model entry that is an array", () => {
    expect(formatError('{"gpt-4o": {"litellm_provider": "openai"}, "gpt-4o-mini": [1, 2]}').location).toBe("gpt-4o-mini");
  });

  it("LiteLLM: one bad entry among good ones still refuses the file", () => {
    const text = JSON.stringify({
      "gpt-4o": { litellm_provider: "openai", mode: "chat", input_cost_per_token: 2.5e-6 },
      "gpt-4o-mini": { litellm_provider: "openai", mode: "chat", output_cost_per_token: -1 },
    });
    expect(formatError(text).location).toBe("gpt-4o-mini.output_cost_per_token");
  });

  it("models.dev: a provider without a models object", () => {
    const error = formatError(JSON.stringify({ providers: { openai: { name: "OpenAI" } } }));
    expect(error.location).toBe("providers.openai.models");
    expect(error.message).toContain("expected an object of models");
  });

  it("models.dev: providers given as an array", () => {
    expect(formatError(JSON.stringify({ providers: [] })).location).toBe("providers");
  });

  it("models.dev: a price given as a string", () => {
    expect(formatError(modelsDev({ cost: { input: "2.50", output: 10 } })).location).toBe("providers.openai.models.gpt-4o.cost.input");
  });

  it("models.dev: a negative context window", () => {
    expect(formatError(modelsDev({ limit: { context: -1, output: 100 } })).location).toBe("providers.openai.models.gpt-4o.limit.context");
  });

  it("models.dev: a model that is not an object", () => {
    expect(formatError(modelsDev("gpt-4o")).location).toBe("providers.openai.models.gpt-4o");
  });

  it("models.dev: open_weights that is not a boolean", () => {
    expect(formatError(modelsDev({ open_weights: "no" })).location).toBe("providers.openai.models.gpt-4o.open_weights");
  });

  it("models.dev: a base model that does not exist", () => {
    const error = formatError(modelsDev({ base_model: "openai/nope" }));
    expect(error.location).toBe("providers.openai.models.gpt-4o.base_model");
    expect(error.message).toContain('unknown base model "openai/nope"');
  });

  it("models.dev: a wrong-typed field in a base model", () => {
    const text = JSON.stringify({ providers: {}, base_models: { "openai/gpt-4o": { cost: { output: "ten" } } } });
    expect(formatError(text).location).toBe('base_models["openai/gpt-4o"].cost.output');
  });
});
