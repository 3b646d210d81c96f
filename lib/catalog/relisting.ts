// Which listings are re-listings rather than catalog entries. The catalog records a model where it is served,
// not everywhere it is resold, so that one model is one entry (and the public catalogs land near 3,000):
//   1. every listing of a gateway (a provider that forwards requests to other providers' APIs) is a re-listing;
//   2. a closed-weight model of Anthropic, Google, OpenAI or xAI listed by anyone but its vendor or a licensed
//      cloud is a re-listing too: nobody else holds the weights, so that provider is forwarding as well.
import { providerRole } from "./provider-slugs";

const CLOSED_MODEL_VENDORS: ReadonlyArray<readonly [RegExp, string]> = [
  [/claude/i, "anthropic"],
  [/gemini/i, "google"],
  [/(?:^|[-_.])(?:chat)?gpt-(?!oss)|^o[134](?:-|$)/i, "openai"], // gpt-oss is open-weight
  [/grok/i, "xai"],
];

/** The vendor of a closed-weight frontier model named by this id, or null. */
export function closedModelVendor(modelId: string): string | null {
  const name = modelId.split("/").pop() ?? modelId;
  for (const [pattern, vendor] of CLOSED_MODEL_VENDORS) if (pattern.test(name)) return vendor;
  return null;
}

export interface Listing {
  providerSlug: string;
  /** The provider's model id, e.g. "openai/gpt-4o" on a gateway. */
  modelId: string;
  /** models.dev's base_model ("anthropic/claude-opus-4-6"), when the listing names one. */
  baseModel?: string | null;
}

/** Why this listing is a re-listing of another provider's model, or null when it is a catalog entry. */
export function relistingReason({ providerSlug, modelId, baseModel }: Listing): string | null {
  const role = providerRole(providerSlug);
  if (role === "gateway") return `re-listing of ${underlyingModel(modelId, baseModel)} through gateway ${providerSlug}`;
  if (role === "cloud") return null;
  const vendor = closedModelVendor(modelId);
  if (vendor && vendor !== providerSlug) {
    return `re-listing of ${underlyingModel(modelId, baseModel)} through ${providerSlug}: a closed-weight ${vendor} model is served only by ${vendor} and licensed clouds`;
  }
  return null;
}

function underlyingModel(modelId: string, baseModel?: string | null): string {
  if (modelId.includes("/")) return modelId;
  if (baseModel) return baseModel;
  const vendor = closedModelVendor(modelId);
  return vendor ? `${vendor}/${modelId}` : modelId;
}
