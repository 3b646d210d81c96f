// Entry point of the catalog import's pure half: a file's text in, normalised entries and skips out.
// Throws CatalogFormatError for a file that is not valid JSON or not a catalog the import knows.
import { CatalogFormatError } from "./catalog-format-error";
import { isPlainObject, parseJsonText } from "./json-text";
import { parseLiteLLM } from "./parse-litellm";
import { parseModelsDev } from "./parse-models-dev";
import type { ParsedCatalog } from "./catalog-entry";

export { CatalogFormatError } from "./catalog-format-error";

export function parseCatalogFile(text: string, fileName: string): ParsedCatalog {
  const json = parseJsonText(text, fileName);
  if (!isPlainObject(json)) {
    const found = Array.isArray(json) ? "an array" : json === null ? "null" : `a ${typeof json}`;
    throw new CatalogFormatError(`expected a JSON object at the top level, found ${found}`, "(top level)", fileName);
  }
  // The format is recognised by its content, not its name: models.dev has "providers", LiteLLM keys model ids.
  if ("providers" in json) return parseModelsDev(json, fileName);
  if ("sample_spec" in json || Object.values(json).some((value) => isPlainObject(value) && "litellm_provider" in value)) {
    return parseLiteLLM(json, fileName);
  }
  throw new CatalogFormatError(
    'not a known catalog: expected a models.dev file (with "providers") or a LiteLLM price map (entries with "litellm_provider")',
    "(top level)",
    fileName,
  );
}
