// The public data Warden ships its demo with lives beside the repository (../shared/data); an
// operator can point elsewhere with WARDEN_SHARED_DATA.
import path from "node:path";

export const SHARED_DATA_DIR = process.env.WARDEN_SHARED_DATA ?? path.resolve(import.meta.dirname, "../../../shared/data");

export const PUBLIC_CATALOG_FILES = [
  path.join(SHARED_DATA_DIR, "litellm/model_prices_and_context_window.json"),
  path.join(SHARED_DATA_DIR, "models_dev/models_dev_merged.json"),
];
