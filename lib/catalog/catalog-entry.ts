// The one shape both public catalogs (LiteLLM, models.dev) are normalised into before the import writes them.
export type CatalogSource = "litellm" | "models.dev";

export type CatalogMode = "chat" | "completion" | "embedding" | "responses" | "rerank";
export type CatalogKind = "hosted" | "embedding" | "self_hosted";
export type CatalogPinning = "strict" | "family" | "tier";
export type CatalogDeprecationMeaning = "announcement" | "new_access_block" | "shutdown";

export interface CatalogEntry {
  /** Normalised provider id shared by both catalogs, e.g. "openai", "amazon-bedrock", "google-vertex". */
  providerSlug: string;
  providerName: string;
  /** The provider's model id without routing prefix, e.g. "gpt-4o", "claude-sonnet-4-5-20250929". */
  snapshotId: string;
  /** Human name: models.dev's name, else derived from the snapshot id. */
  name: string;
  family: string | null;
  mode: CatalogMode | null;
  kind: CatalogKind;
  /** See pinning.ts for the rule. */
  pinning: CatalogPinning;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  /** USD per 1M tokens. */
  inputPricePerMTok: number | null;
  outputPricePerMTok: number | null;
  releaseDate: Date | null;
  providerDeprecationDate: Date | null;
  providerDeprecationMeaning: CatalogDeprecationMeaning | null;
  /** e.g. "litellm:deprecation_date" or "models.dev:status=deprecated". */
  providerDeprecationSource: string | null;
  openWeights: boolean | null;
  source: CatalogSource;
  /**
   * The raw key in the source file: LiteLLM's top-level key ("bedrock/us-east-1/anthropic.claude-v2:1"), or
   * "<provider id>/<model id>" for models.dev ("openai/gpt-4o"; provider ids never contain a slash).
   */
  sourceKey: string;
}

export interface SkippedEntry {
  key: string;
  reason: string;
}

/** A fact left empty on an entry that was still imported (e.g. a release date "2025-25-11"). */
export interface CatalogWarning {
  key: string;
  path: string;
  message: string;
}

export interface ParsedCatalog {
  source: CatalogSource;
  entries: CatalogEntry[];
  skipped: SkippedEntry[];
  warnings: CatalogWarning[];
}
