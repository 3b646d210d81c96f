import { describe, it, expect } from "vitest";
import { LITELLM_FILE, parsedShippedCatalog, rawKeyCount } from "./catalog-test-files";
import { parseLiteLLM, perTokenToPerMTok } from "./parse-litellm";

const entryFor = (key: string) => parsedShippedCatalog(LITELLM_FILE).entries.find((entry) => entry.sourceKey === key);
const skipFor = (key: string) => parsedShippedCatalog(LITELLM_FILE).skipped.find((skip) => skip.key === key);

describe("perTokenToPerMTok", () => {
  it("converts USD per token to USD per 1M tokens without float noise", () => {
    expect(perTokenToPerMTok(2.5e-6)).toBe(2.5);
    expect(perTokenToPerMTok(1e-5)).toBe(10);
    expect(perTokenToPerMTok(8e-9)).toBe(0.008);
    expect(perTokenToPerMTok(0)).toBe(0);
    expect(perTokenToPerMTok(undefined)).toBeNull();
  });
});

describe("parseLiteLLM on the real file", () => {
  it("reads gpt-4o: $2.50 in, $10.00 out per 1M tokens, 128,000 context", () => {
    expect(entryFor("gpt-4o")).toMatchObject({
      providerSlug: "openai",
      snapshotId: "gpt-4o",
      mode: "chat",
      kind: "hosted",
      pinning: "family",
      inputPricePerMTok: 2.5,
      outputPricePerMTok: 10,
      contextWindow: 128000,
      maxOutputTokens: 16384,
      source: "litellm",
    });
  });

  it("reads claude-sonnet-4-5-20250929 at $3 / $15 and pins it strictly", () => {
    expect(entryFor("claude-sonnet-4-5-20250929")).toMatchObject({
      providerSlug: "anthropic",
      inputPricePerMTok: 3,
      outputPricePerMTok: 15,
      pinning: "strict",
    });
  });

  it("carries a deprecation date with its source and meaning", () => {
    const entry = entryFor("gpt-4-0613");
    expect(entry?.providerDeprecationDate?.toISOString()).toBe("2025-06-06T00:00:00.000Z");
    expect(entry?.providerDeprecationMeaning).toBe("shutdown");
    expect(entry?.providerDeprecationSource).toBe("litellm:deprecation_date");
  });

  it("strips routing prefixes into the provider's own id", () => {
    expect(entryFor("azure/gpt-4o")).toMatchObject({ providerSlug: "azure", snapshotId: "gpt-4o" });
    expect(entryFor("bedrock/us-east-1/anthropic.claude-v2:1")).toMatchObject({ providerSlug: "amazon-bedrock", snapshotId: "anthropic.claude-v2:1" });
    expect(entryFor("vertex_ai/claude-sonnet-4-5@20250929")).toMatchObject({ providerSlug: "google-vertex", snapshotId: "claude-sonnet-4-5@20250929" });
    expect(entryFor("text-embedding-3-large")).toMatchObject({ mode: "embedding", kind: "embedding" });
    expect(entryFor("ollama/codellama")).toMatchObject({ kind: "self_hosted" });
  });

  it("skips non-models and non-language modes with a reason", () => {
    expect(skipFor("sample_spec")?.reason).toBe("documentation entry, not a model");
    expect(skipFor("last_updated")?.reason).toBe("file metadata, not a model entry");
    expect(skipFor("dall-e-3")?.reason).toBe('non-language mode "image_generation"');
    expect(skipFor("whisper-1")?.reason).toBe('non-language mode "audio_transcription"');
    expect(skipFor("fireworks-ai-up-to-4b")?.reason).toBe("no mode: a price rule, not a model");
    expect(skipFor("together-ai-4.1b-8b")?.reason).toBe("price rule for a model-size bucket, not a model");
    expect(skipFor("ft:gpt-4o-2024-08-06")?.reason).toMatch(/^fine-tune price template/);
    expect(skipFor("openrouter/openai/gpt-4o")?.reason).toBe("re-listing of openai/gpt-4o through gateway openrouter");
  });

  it("accounts for every key of the file as an entry or a skip", () => {
    const parsed = parsedShippedCatalog(LITELLM_FILE);
    expect(parsed.entries.length + parsed.skipped.length).toBe(rawKeyCount(LITELLM_FILE));
    expect(parsed.skipped.every((skip) => skip.reason.length > 0)).toBe(true);
    expect(parsed.entries.length).toBeGreaterThan(2000);
  });
});

describe("parseLiteLLM on small inputs", () => {
  it("treats missing optional fields as unknown", () => {
    const parsed = parseLiteLLM({ "my-model": { litellm_provider: "openai", mode: "chat" } }, "t.json");
    expect(parsed.entries[0]).toMatchObject({ inputPricePerMTok: null, contextWindow: null, providerDeprecationDate: null, name: "my-model" });
  });

  it("leaves an impossible deprecation date empty with a warning", () => {
    const parsed = parseLiteLLM({ m: { litellm_provider: "openai", mode: "chat", deprecation_date: "2025-02-30" } }, "t.json");
    expect(parsed.entries[0].providerDeprecationDate).toBeNull();
    expect(parsed.warnings).toEqual([{ key: "m", path: "m.deprecation_date", message: expect.stringContaining("2025-02-30") }]);
  });
});
