import { describe, it, expect } from "vitest";
import { LITELLM_FILE, MODELS_DEV_FILE, parsedShippedCatalog, rawKeyCount } from "./catalog-test-files";
import { mergeCatalogs } from "./merge";
import type { CatalogEntry, ParsedCatalog } from "./catalog-entry";

function entry(overrides: Partial<CatalogEntry>): CatalogEntry {
  return {
    providerSlug: "openai",
    providerName: "openai",
    snapshotId: "gpt-4o",
    name: "gpt-4o",
    family: null,
    mode: "chat",
    kind: "hosted",
    pinning: "family",
    contextWindow: null,
    maxOutputTokens: null,
    inputPricePerMTok: null,
    outputPricePerMTok: null,
    releaseDate: null,
    providerDeprecationDate: null,
    providerDeprecationMeaning: null,
    providerDeprecationSource: null,
    openWeights: null,
    source: "litellm",
    sourceKey: "gpt-4o",
    ...overrides,
  };
}
const catalog = (source: ParsedCatalog["source"], entries: CatalogEntry[]): ParsedCatalog => ({ source, entries, skipped: [], warnings: [] });

describe("mergeCatalogs", () => {
  it("takes prices and limits from LiteLLM, names and dates from models.dev, and keeps both keys", () => {
    const fromLiteLLM = entry({ inputPricePerMTok: 2.5, outputPricePerMTok: 10, contextWindow: 128000 });
    const fromModelsDev = entry({
      source: "models.dev",
      sourceKey: "openai/gpt-4o",
      providerName: "OpenAI",
      name: "GPT-4o",
      family: "gpt",
      inputPricePerMTok: 5,
      outputPricePerMTok: 15,
      maxOutputTokens: 16384,
      releaseDate: new Date("2024-05-13T00:00:00Z"),
      openWeights: false,
    });
    const { entries, skipped } = mergeCatalogs([catalog("litellm", [fromLiteLLM]), catalog("models.dev", [fromModelsDev])]);
    expect(skipped).toEqual([]);
    expect(entries).toEqual([
      {
        ...fromLiteLLM,
        providerName: "OpenAI",
        name: "GPT-4o",
        family: "gpt",
        maxOutputTokens: 16384, // LiteLLM had none
        releaseDate: new Date("2024-05-13T00:00:00Z"),
        openWeights: false,
        sources: ["litellm", "models.dev"],
        sourceKeys: { litellm: "gpt-4o", "models.dev": "openai/gpt-4o" },
      },
    ]);
  });

  it("keeps LiteLLM's dated deprecation over models.dev's undated one, and uses models.dev's when alone", () => {
    const dated = {
      providerDeprecationDate: new Date("2025-06-06T00:00:00Z"),
      providerDeprecationMeaning: "shutdown" as const,
      providerDeprecationSource: "litellm:deprecation_date",
    };
    const flagged = { providerDeprecationMeaning: "announcement" as const, providerDeprecationSource: "models.dev:status=deprecated" };
    const both = mergeCatalogs([
      catalog("litellm", [entry(dated)]),
      catalog("models.dev", [entry({ ...flagged, source: "models.dev", sourceKey: "openai/gpt-4o" })]),
    ]);
    expect(both.entries[0]).toMatchObject(dated);
    const alone = mergeCatalogs([
      catalog("litellm", [entry({})]),
      catalog("models.dev", [entry({ ...flagged, source: "models.dev", sourceKey: "openai/gpt-4o" })]),
    ]);
    expect(alone.entries[0]).toMatchObject({ ...flagged, providerDeprecationDate: null });
  });

  it("merges duplicates inside one file into the shortest key and reports the others", () => {
    const bare = entry({ providerSlug: "amazon-bedrock", snapshotId: "anthropic.claude-v2:1", sourceKey: "anthropic.claude-v2:1", inputPricePerMTok: 8 });
    const regional = entry({
      providerSlug: "amazon-bedrock",
      snapshotId: "anthropic.claude-v2:1",
      sourceKey: "bedrock/us-east-1/anthropic.claude-v2:1",
      inputPricePerMTok: 9,
      contextWindow: 100000,
    });
    const { entries, skipped } = mergeCatalogs([catalog("litellm", [regional, bare])]);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ sourceKey: "anthropic.claude-v2:1", inputPricePerMTok: 8, contextWindow: 100000, sources: ["litellm"] });
    expect(skipped).toEqual([
      {
        key: "bedrock/us-east-1/anthropic.claude-v2:1",
        reason: 'duplicate of litellm "anthropic.claude-v2:1" (same provider and snapshot amazon-bedrock/anthropic.claude-v2:1); merged into it',
      },
    ]);
  });

  it("matches snapshot ids case-insensitively, never across providers", () => {
    const { entries } = mergeCatalogs([
      catalog("litellm", [entry({ providerSlug: "togetherai", snapshotId: "BAAI/bge-base-en-v1.5", sourceKey: "a" })]),
      catalog("models.dev", [
        entry({ providerSlug: "togetherai", snapshotId: "baai/bge-base-en-v1.5", source: "models.dev", sourceKey: "b" }),
        entry({ providerSlug: "deepinfra", snapshotId: "BAAI/bge-base-en-v1.5", source: "models.dev", sourceKey: "c" }),
      ]),
    ]);
    expect(entries.map((merged) => [merged.providerSlug, merged.sources.length])).toEqual([
      ["deepinfra", 1],
      ["togetherai", 2],
    ]);
  });
});

describe("mergeCatalogs on the two real files", () => {
  const merged = mergeCatalogs([parsedShippedCatalog(LITELLM_FILE), parsedShippedCatalog(MODELS_DEV_FILE)]);

  it("yields about three thousand models (documented range 2,800 to 3,100)", () => {
    expect(merged.entries.length).toBeGreaterThanOrEqual(2800);
    expect(merged.entries.length).toBeLessThanOrEqual(3100);
  });

  it("lists gpt-4o once for openai, from both sources, with LiteLLM's price", () => {
    const gpt4o = merged.entries.filter((merged) => merged.providerSlug === "openai" && merged.snapshotId.toLowerCase() === "gpt-4o");
    expect(gpt4o).toHaveLength(1);
    expect(gpt4o[0]).toMatchObject({
      name: "GPT-4o",
      inputPricePerMTok: 2.5,
      outputPricePerMTok: 10,
      contextWindow: 128000,
      sources: ["litellm", "models.dev"],
      sourceKeys: { litellm: "gpt-4o", "models.dev": "openai/gpt-4o" },
    });
  });

  it("matches hundreds of models in both catalogs across providers", () => {
    const inBoth = merged.entries.filter((merged) => merged.sources.length === 2);
    expect(inBoth.length).toBeGreaterThan(400);
    const slugs = new Set(inBoth.map((merged) => merged.providerSlug));
    for (const slug of ["openai", "anthropic", "google", "google-vertex", "azure", "amazon-bedrock", "mistral", "togetherai"]) expect(slugs).toContain(slug);
  });

  it("accounts for every key of both files as a merged source or a skip with a reason", () => {
    const used = merged.entries.reduce((n, merged) => n + merged.sources.length, 0);
    expect(used + merged.skipped.length).toBe(rawKeyCount(LITELLM_FILE) + rawKeyCount(MODELS_DEV_FILE));
    expect(merged.skipped.every((skip) => skip.reason.trim().length > 0)).toBe(true);
  });

  it("has one entry per provider and snapshot", () => {
    const keys = merged.entries.map((merged) => `${merged.providerSlug}/${merged.snapshotId.toLowerCase()}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
