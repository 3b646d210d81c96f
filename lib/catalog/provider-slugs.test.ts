import { describe, it, expect } from "vitest";
import { canonicalSnapshotId, litellmProviderSlug, modelsDevProviderSlug, providerRole, stripLiteLLMRoutingPrefix } from "./provider-slugs";

describe("provider slugs", () => {
  it("maps LiteLLM providers onto models.dev provider ids", () => {
    expect(litellmProviderSlug("openai")).toBe("openai");
    expect(litellmProviderSlug("text-completion-openai")).toBe("openai");
    expect(litellmProviderSlug("vertex_ai-language-models")).toBe("google-vertex");
    expect(litellmProviderSlug("vertex_ai-anthropic_models")).toBe("google-vertex");
    expect(litellmProviderSlug("bedrock")).toBe("amazon-bedrock");
    expect(litellmProviderSlug("bedrock_converse")).toBe("amazon-bedrock");
    expect(litellmProviderSlug("azure_ai")).toBe("azure");
    expect(litellmProviderSlug("gemini")).toBe("google");
    expect(litellmProviderSlug("together_ai")).toBe("togetherai");
    expect(litellmProviderSlug("fireworks_ai")).toBe("fireworks-ai");
    expect(litellmProviderSlug("github_copilot")).toBe("github-copilot");
    expect(litellmProviderSlug("some_new_provider")).toBe("some-new-provider");
  });

  it("folds a provider's second endpoint or subscription plan into it", () => {
    expect(modelsDevProviderSlug("google-vertex-anthropic")).toBe("google-vertex");
    expect(modelsDevProviderSlug("azure-cognitive-services")).toBe("azure");
    expect(modelsDevProviderSlug("alibaba-coding-plan-cn")).toBe("alibaba-cn");
    expect(modelsDevProviderSlug("openai")).toBe("openai");
  });

  it("knows gateways, clouds and self-hosted runtimes; everyone else serves directly", () => {
    expect(providerRole("openrouter")).toBe("gateway");
    expect(providerRole("amazon-bedrock")).toBe("cloud");
    expect(providerRole("ollama")).toBe("self_hosted");
    expect(providerRole("togetherai")).toBe("direct");
  });
});

describe("stripLiteLLMRoutingPrefix", () => {
  it.each([
    ["azure/gpt-4o", "azure", "gpt-4o"],
    ["azure/eu/gpt-4o-2024-08-06", "azure", "gpt-4o-2024-08-06"],
    ["azure/gpt-35-turbo-instruct", "azure_text", "gpt-35-turbo-instruct"],
    ["bedrock/us-east-1/anthropic.claude-v2:1", "bedrock", "anthropic.claude-v2:1"],
    ["bedrock/us-gov-west-1/amazon.nova-pro-v1:0", "bedrock", "amazon.nova-pro-v1:0"],
    ["bedrock/invoke/anthropic.claude-3-5-sonnet-20240620-v1:0", "bedrock", "anthropic.claude-3-5-sonnet-20240620-v1:0"],
    ["vertex_ai/claude-3-5-haiku@20241022", "vertex_ai-anthropic_models", "claude-3-5-haiku@20241022"],
    ["vertex_ai/meta/llama-3.1-405b-instruct-maas", "vertex_ai-llama_models", "meta/llama-3.1-405b-instruct-maas"],
    ["together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo", "together_ai", "meta-llama/Llama-3.3-70B-Instruct-Turbo"],
    ["fireworks_ai/accounts/fireworks/models/deepseek-r1", "fireworks_ai", "accounts/fireworks/models/deepseek-r1"],
    ["fireworks_ai/nomic-ai/nomic-embed-text-v1.5", "fireworks_ai-embedding-models", "nomic-ai/nomic-embed-text-v1.5"],
    ["amazon-nova/nova-pro-v1", "amazon_nova", "nova-pro-v1"],
    ["gemini/gemini-2.5-flash", "gemini", "gemini-2.5-flash"],
    ["gpt-4o", "openai", "gpt-4o"],
  ])("%s (%s) → %s", (key, provider, id) => {
    expect(stripLiteLLMRoutingPrefix(key, provider)).toBe(id);
  });

  it("maps Bedrock geo inference profiles onto the model they route to", () => {
    expect(canonicalSnapshotId("amazon-bedrock", "us.anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe("anthropic.claude-sonnet-4-5-20250929-v1:0");
    expect(canonicalSnapshotId("amazon-bedrock", "global.amazon.nova-2-lite-v1:0")).toBe("amazon.nova-2-lite-v1:0");
    expect(canonicalSnapshotId("amazon-bedrock", "amazon.nova-2-lite-v1:0")).toBe("amazon.nova-2-lite-v1:0");
    expect(canonicalSnapshotId("openai", "us.gpt")).toBe("us.gpt");
  });
});
