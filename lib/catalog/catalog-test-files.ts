// The real catalogs shipped in data/ (lib/public-data.ts), parsed once per test file (1.5 and 3.3 MB).
import { PUBLIC_DATA_FILES, type PublicDataFile, readPublicData } from "@/lib/public-data";
import { parseCatalogFile } from "./parse-catalog-file";
import type { ParsedCatalog } from "./catalog-entry";

export const LITELLM_FILE = PUBLIC_DATA_FILES.litellmCatalog;
export const MODELS_DEV_FILE = PUBLIC_DATA_FILES.modelsDevCatalog;

const cache = new Map<string, ParsedCatalog>();
export function parsedShippedCatalog(file: PublicDataFile): ParsedCatalog {
  let parsed = cache.get(file);
  if (!parsed) cache.set(file, (parsed = parseCatalogFile(readPublicData(file), file)));
  return parsed;
}

/** Number of model keys in the raw file (LiteLLM top-level keys; models.dev provider × model). */
export function rawKeyCount(file: PublicDataFile): number {
  const json = JSON.parse(readPublicData(file)) as Record<string, unknown>;
  if (!("providers" in json)) return Object.keys(json).length;
  const providers = json.providers as Record<string, { models: Record<string, unknown> }>;
  return Object.values(providers).reduce((n, provider) => n + Object.keys(provider.models).length, 0);
}
