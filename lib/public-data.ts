// The public data Warden itself needs at run time ships in the repository's data/ folder, gzipped:
// the LiteLLM price catalog and the models.dev catalog the catalog is built from, and the Azure LLM
// inference traces the demo shapes its usage from. data/SOURCES.md names each file's origin, commit and
// licence. Nothing a user runs reads anything outside the repository.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";

/** The repository's data/ folder (this file sits in lib/). */
export const DATA_DIR = path.resolve(import.meta.dirname, "../data");

/** Each shipped file by what it is, as a path under data/ without the .gz ending. */
export const PUBLIC_DATA_FILES = {
  litellmCatalog: "litellm/model_prices_and_context_window.json",
  modelsDevCatalog: "models_dev/models_dev_merged.json",
  azureCodeTrace: "azure_llm_2023/AzureLLMInferenceTrace_code.csv",
  azureConvTrace: "azure_llm_2023/AzureLLMInferenceTrace_conv.csv",
} as const;

export type PublicDataFile = (typeof PUBLIC_DATA_FILES)[keyof typeof PUBLIC_DATA_FILES];

/** The two public catalogs, in the order they are imported (LiteLLM's prices first, then models.dev). */
export const PUBLIC_CATALOG_FILES: readonly PublicDataFile[] = [PUBLIC_DATA_FILES.litellmCatalog, PUBLIC_DATA_FILES.modelsDevCatalog];

/** Where a shipped file lives: `<dir>/<file>.gz`, or `<dir>/<file>` when a folder holds it unpacked. */
export function publicDataPath(file: PublicDataFile, dir = DATA_DIR): string {
  const plain = path.join(dir, file);
  return existsSync(plain) ? plain : `${plain}.gz`;
}

/** A shipped file's text. Throws, naming the path, when the file is missing (a damaged checkout). */
export function readPublicData(file: PublicDataFile, dir = DATA_DIR): string {
  const full = publicDataPath(file, dir);
  if (!existsSync(full)) throw new Error(`Warden's public data file ${full} is missing; it ships in the repository's data/ folder (see data/SOURCES.md).`);
  return readTextFile(full);
}

/** A text file's content, gunzipped when it is gzip (by its magic bytes, not its name). */
export function readTextFile(file: string): string {
  const bytes = readFileSync(file);
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString("utf8");
}
