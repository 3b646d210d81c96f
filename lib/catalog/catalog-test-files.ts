// The real catalog copies in ../shared/data, read once per test file (they are 1.5 and 3.3 MB).
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ParsedCatalog } from "./catalog-entry";
import { parseCatalogFile } from "./parse-catalog-file";

const SHARED_DATA = path.resolve(import.meta.dirname, "../../../shared/data");

export const LITELLM_FILE = "litellm/model_prices_and_context_window.json";
export const MODELS_DEV_FILE = "models_dev/models_dev_merged.json";

export function readSharedData(file: string): string {
  return readFileSync(path.join(SHARED_DATA, file), "utf8");
}

const cache = new Map<string, ParsedCatalog>();
export function parsedSharedCatalog(file: string): ParsedCatalog {
  let parsed = cache.get(file);
  if (!parsed) cache.set(file, (parsed = parseCatalogFile(readSharedData(file), file)));
  return parsed;
}

/** Number of model keys in the raw file (LiteLLM top-level keys; models.dev provider × model). */
export function rawKeyCount(file: string): number {
  const json = JSON.parse(readSharedData(file)) as Record<string, unknown>;
  if (!("providers" in json)) return Object.keys(json).length;
  const providers = json.providers as Record<string, { models: Record<string, unknown> }>;
  return Object.values(providers).reduce((n, provider) => n + Object.keys(provider.models).length, 0);
}
