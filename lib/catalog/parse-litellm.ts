// LiteLLM's price catalog (model_prices_and_context_window.json: key → USD-per-token facts) to catalog entries.
import { z } from "zod";
import { CatalogFormatError } from "./catalog-format-error";
import { catalogKind, derivedName, isLanguageMode, positiveOrNull } from "./entry-facts";
import { isPlainObject } from "./json-text";
import { pinningLevel } from "./pinning";
import { canonicalSnapshotId, litellmProviderSlug, providerDisplayName, stripLiteLLMRoutingPrefix } from "./provider-slugs";
import { relistingReason } from "./relisting";
import { checkShape, dateOrWarn, dateText, price, tokenCount } from "./schema-check";
import type { CatalogEntry, CatalogWarning, ParsedCatalog, SkippedEntry } from "./catalog-entry";

/** The fields the import reads; the rest of an entry passes unchecked. */
export const litellmEntrySchema = z.looseObject({
  litellm_provider: z.string({ error: "expected a string" }).min(1, "must not be empty").nullish(),
  mode: z.string({ error: "expected a string" }).nullish(),
  input_cost_per_token: price,
  output_cost_per_token: price,
  max_input_tokens: tokenCount,
  max_output_tokens: tokenCount,
  max_tokens: tokenCount,
  deprecation_date: dateText("YYYY-MM-DD", /^\d{4}-\d{2}-\d{2}$/),
});

// Price rules that are not models: "together-ai-4.1b-8b", "fireworks-ai-up-to-4b", "…-embedding-150m-to-350m".
const SIZE_BUCKET = /^[^/]*-(?:\d+(?:\.\d+)?[mb]-(?:to-)?\d+(?:\.\d+)?[mb]|(?:up-to|above)-\d+(?:\.\d+)?[mb])$/i;
const COMMITMENT = /(?:^|\/)(\d+-month-commitment)\//;

/** USD per token → USD per 1M tokens, rounded to 6 decimals so 2.5e-6 gives 2.5, not 2.4999999999999996. */
export function perTokenToPerMTok(perToken: number | null | undefined): number | null {
  return typeof perToken === "number" ? Math.round(perToken * 1e12) / 1e6 : null;
}

export function parseLiteLLM(json: unknown, fileName: string): ParsedCatalog {
  if (!isPlainObject(json)) throw new CatalogFormatError("expected an object of model entries", "(top level)", fileName);
  const entries: CatalogEntry[] = [];
  const skipped: SkippedEntry[] = [];
  const warnings: CatalogWarning[] = [];
  const skip = (key: string, reason: string) => skipped.push({ key, reason });

  for (const [key, value] of Object.entries(json)) {
    if (key === "sample_spec") {
      skip(key, "documentation entry, not a model");
      continue;
    }
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      skip(key, "file metadata, not a model entry"); // e.g. "last_updated"
      continue;
    }
    if (!isPlainObject(value)) throw new CatalogFormatError("expected a model entry (an object)", key, fileName);
    const raw = checkShape(litellmEntrySchema, value, [key], fileName);

    const provider = raw.litellm_provider;
    if (!provider) {
      skip(key, Array.isArray(value.rules) ? "routing rules, not a model" : "no litellm_provider: not a model entry");
      continue;
    }
    if (!raw.mode) {
      skip(key, "no mode: a price rule, not a model");
      continue;
    }
    if (!isLanguageMode(raw.mode)) {
      skip(key, `non-language mode "${raw.mode}"`);
      continue;
    }
    if (key.startsWith("ft:")) {
      skip(key, "fine-tune price template (prices models fine-tuned from the base), not a catalog model");
      continue;
    }
    if (SIZE_BUCKET.test(key)) {
      skip(key, "price rule for a model-size bucket, not a model");
      continue;
    }
    const commitment = COMMITMENT.exec(key);
    if (commitment) {
      skip(key, `provisioned-throughput price (${commitment[1]}), not an on-demand model`);
      continue;
    }

    const providerSlug = litellmProviderSlug(provider);
    const snapshotId = canonicalSnapshotId(providerSlug, stripLiteLLMRoutingPrefix(key, provider));
    const relisting = relistingReason({ providerSlug, modelId: snapshotId });
    if (relisting) {
      skip(key, relisting);
      continue;
    }

    const deprecation = dateOrWarn(raw.deprecation_date, key, [key, "deprecation_date"], warnings);
    entries.push({
      providerSlug,
      providerName: providerDisplayName(providerSlug) ?? providerSlug,
      snapshotId,
      name: derivedName(snapshotId),
      family: null,
      mode: raw.mode,
      kind: catalogKind(raw.mode, providerSlug),
      pinning: pinningLevel(snapshotId),
      contextWindow: positiveOrNull(raw.max_input_tokens),
      maxOutputTokens: positiveOrNull(raw.max_output_tokens),
      inputPricePerMTok: perTokenToPerMTok(raw.input_cost_per_token),
      outputPricePerMTok: perTokenToPerMTok(raw.output_cost_per_token),
      releaseDate: null,
      // LiteLLM's deprecation_date is the provider's retirement date (e.g. gpt-4-0613 → 2025-06-06).
      providerDeprecationDate: deprecation,
      providerDeprecationMeaning: deprecation ? "shutdown" : null,
      providerDeprecationSource: deprecation ? "litellm:deprecation_date" : null,
      openWeights: null,
      source: "litellm",
      sourceKey: key,
    });
  }
  return { source: "litellm", entries, skipped, warnings };
}
