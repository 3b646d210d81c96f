import { describe, it, expect } from "vitest";
import { closedModelVendor, relistingReason } from "./relisting";

describe("relistingReason", () => {
  it("names the underlying model of a gateway listing", () => {
    expect(relistingReason({ providerSlug: "openrouter", modelId: "openai/gpt-4o" })).toBe("re-listing of openai/gpt-4o through gateway openrouter");
    expect(relistingReason({ providerSlug: "llmgateway", modelId: "claude-3-7-sonnet", baseModel: "anthropic/claude-3-7-sonnet-20250219" })).toBe(
      "re-listing of anthropic/claude-3-7-sonnet-20250219 through gateway llmgateway",
    );
    expect(relistingReason({ providerSlug: "helicone", modelId: "claude-3-haiku-20240307" })).toBe(
      "re-listing of anthropic/claude-3-haiku-20240307 through gateway helicone",
    );
  });

  it("treats a closed-weight model served by a non-vendor, non-cloud provider as a re-listing", () => {
    expect(relistingReason({ providerSlug: "replicate", modelId: "anthropic/claude-3.5-sonnet" })).toMatch(
      /^re-listing of anthropic\/claude-3.5-sonnet through replicate: a closed-weight anthropic model/,
    );
    expect(relistingReason({ providerSlug: "nearai", modelId: "google/gemini-2.5-pro" })).toMatch(/^re-listing of google\/gemini-2.5-pro through nearai/);
  });

  it("keeps vendors, clouds and hosts of open weights", () => {
    expect(relistingReason({ providerSlug: "anthropic", modelId: "claude-sonnet-4-5-20250929" })).toBeNull();
    expect(relistingReason({ providerSlug: "amazon-bedrock", modelId: "anthropic.claude-sonnet-4-5-20250929-v1:0" })).toBeNull();
    expect(relistingReason({ providerSlug: "azure", modelId: "gpt-4o" })).toBeNull();
    expect(relistingReason({ providerSlug: "togetherai", modelId: "openai/gpt-oss-120b" })).toBeNull();
    expect(relistingReason({ providerSlug: "groq", modelId: "meta-llama/llama-4-scout-17b-16e-instruct" })).toBeNull();
  });
});

describe("closedModelVendor", () => {
  it.each([
    ["claude-opus-4-6", "anthropic"],
    ["gemini-2.5-flash", "google"],
    ["gpt-4o", "openai"],
    ["openai-gpt-5", "openai"],
    ["chatgpt-4o-latest", "openai"],
    ["o3-mini", "openai"],
    ["grok-4", "xai"],
    ["gpt-oss-120b", null],
    ["gemma-3-27b-it", null],
    ["llama-3.3-70b", null],
  ])("%s → %s", (id, vendor) => {
    expect(closedModelVendor(id)).toBe(vendor);
  });
});
