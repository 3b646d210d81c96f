import { describe, it, expect } from "vitest";
import { MODELS_DEV_FILE, parsedShippedCatalog, rawKeyCount } from "./catalog-test-files";
import { parseModelsDev } from "./parse-models-dev";

const entryFor = (key: string) => parsedShippedCatalog(MODELS_DEV_FILE).entries.find((entry) => entry.sourceKey === key);
const skipFor = (key: string) => parsedShippedCatalog(MODELS_DEV_FILE).skipped.find((skip) => skip.key === key);

describe("parseModelsDev on the real file", () => {
  it("carries prices per 1M tokens unchanged", () => {
    expect(entryFor("openai/gpt-4o")).toMatchObject({
      providerSlug: "openai",
      providerName: "OpenAI",
      snapshotId: "gpt-4o",
      name: "GPT-4o",
      family: "gpt",
      inputPricePerMTok: 2.5,
      outputPricePerMTok: 10,
      contextWindow: 128000,
      maxOutputTokens: 16384,
      openWeights: false,
      source: "models.dev",
    });
    expect(entryFor("openai/gpt-4o")?.releaseDate?.toISOString()).toBe("2024-05-13T00:00:00.000Z");
    expect(entryFor("anthropic/claude-sonnet-4-5-20250929")).toMatchObject({ inputPricePerMTok: 3, outputPricePerMTok: 15 });
  });

  it("resolves base models (the listing's own fields win)", () => {
    // aihubmix is a gateway, so use a direct provider whose listing names a base model
    const withBase = parsedShippedCatalog(MODELS_DEV_FILE).entries.find((entry) => entry.sourceKey === "azure/cohere-command-r-08-2024");
    expect(withBase).toMatchObject({ inputPricePerMTok: 0.15, outputPricePerMTok: 0.6 });
    expect(withBase?.name).toBeTruthy();
    expect(withBase?.contextWindow).toBeGreaterThan(0);
  });

  it("skips broken symlinks, non-language models and gateway re-listings with a reason", () => {
    const parsed = parsedShippedCatalog(MODELS_DEV_FILE);
    const symlinks = parsed.skipped.filter((skip) => skip.reason.startsWith("broken symlink to "));
    expect(symlinks).toHaveLength(31);
    expect(skipFor("openrouter/openai/gpt-4o")?.reason).toBe("re-listing of openai/gpt-4o through gateway openrouter");
    expect(skipFor("openai/gpt-image-1")?.reason).toBe("non-language model: outputs image");
    expect(skipFor("groq/whisper-large-v3")?.reason).toBe("non-language model: reads audio only");
  });

  it("folds a second endpoint of a provider into its slug", () => {
    expect(entryFor("google-vertex-anthropic/claude-sonnet-4-5@20250929")).toMatchObject({ providerSlug: "google-vertex", providerName: "Google Vertex AI" });
  });

  it("accounts for every model of the file as an entry or a skip", () => {
    const parsed = parsedShippedCatalog(MODELS_DEV_FILE);
    expect(parsed.entries.length + parsed.skipped.length).toBe(rawKeyCount(MODELS_DEV_FILE));
    expect(parsed.skipped.every((skip) => skip.reason.length > 0)).toBe(true);
  });

  it("warns about, and leaves empty, a release date that is no calendar date", () => {
    expect(entryFor("scaleway/qwen3-embedding-8b")?.releaseDate).toBeNull();
    expect(parsedShippedCatalog(MODELS_DEV_FILE).warnings).toContainEqual({
      key: "scaleway/qwen3-embedding-8b",
      path: "providers.scaleway.models.qwen3-embedding-8b.release_date",
      message: '"2025-25-11" is not a calendar date; left empty',
    });
  });
});

describe("parseModelsDev on small inputs", () => {
  const file = (models: Record<string, unknown>, baseModels: Record<string, unknown> = {}) => ({
    providers: { acme: { name: "Acme", models } },
    base_models: baseModels,
  });

  it("deep-merges the base model and removes base_model_omit paths", () => {
    const parsed = parseModelsDev(
      file(
        { "m-1": { base_model: "acme/m", base_model_omit: ["limit.output"], cost: { input: 1 } } },
        { "acme/m": { name: "M", family: "m", cost: { input: 9, output: 4 }, limit: { context: 1000, output: 100 } } },
      ),
      "t.json",
    );
    expect(parsed.entries[0]).toMatchObject({
      name: "M",
      family: "m",
      inputPricePerMTok: 1,
      outputPricePerMTok: 4,
      contextWindow: 1000,
      maxOutputTokens: null,
    });
  });

  it("marks status=deprecated as an announcement without a date", () => {
    const parsed = parseModelsDev(file({ old: { name: "Old", status: "deprecated" } }), "t.json");
    expect(parsed.entries[0]).toMatchObject({
      providerDeprecationDate: null,
      providerDeprecationMeaning: "announcement",
      providerDeprecationSource: "models.dev:status=deprecated",
    });
  });

  it("derives embedding and rerank modes from the id or family", () => {
    const parsed = parseModelsDev(file({ "text-embedding-x": {}, "bge-reranker": {}, chatty: {} }), "t.json");
    expect(parsed.entries.map((entry) => [entry.snapshotId, entry.mode, entry.kind])).toEqual([
      ["text-embedding-x", "embedding", "embedding"],
      ["bge-reranker", "rerank", "hosted"],
      ["chatty", "chat", "hosted"],
    ]);
  });
});
