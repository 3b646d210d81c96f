// Merges parsed catalogs into one list: one entry per provider + snapshot (case-insensitive snapshot id).
//
// Inside one file, listings of the same provider + snapshot (Bedrock regions and geo profiles, Azure data zones,
// a plan or second endpoint of the same provider) collapse into the one with the shortest source key (the bare
// id), the others fill only its gaps and are reported as skipped with the key they merged into.
//
// Across files, which source wins per field:
//   LiteLLM: prices, context window, max output, mode: it is what the LiteLLM proxy bills and routes with,
//            and the fresher file. models.dev fills what LiteLLM lacks.
//   LiteLLM: the deprecation (it has the date); models.dev's undated status=deprecated fills in.
//   models.dev: name, family, release date, open weights, provider name (LiteLLM has none of them).
import { catalogKind } from "./entry-facts";
import type { CatalogEntry, CatalogSource, CatalogWarning, ParsedCatalog, SkippedEntry } from "./catalog-entry";

export interface MergedEntry extends CatalogEntry {
  sources: CatalogSource[];
  /** The source key of each catalog that lists the model (the winning one when a file lists it twice). */
  sourceKeys: Partial<Record<CatalogSource, string>>;
}

export interface MergedCatalog {
  entries: MergedEntry[];
  skipped: SkippedEntry[];
  warnings: CatalogWarning[];
}

const LITELLM_FIRST: readonly CatalogSource[] = ["litellm", "models.dev"];
const MODELS_DEV_FIRST: readonly CatalogSource[] = ["models.dev", "litellm"];

export function mergeKey(entry: Pick<CatalogEntry, "providerSlug" | "snapshotId">): string {
  return `${entry.providerSlug}\u0000${entry.snapshotId.toLowerCase()}`;
}

export function mergeCatalogs(parsed: readonly ParsedCatalog[]): MergedCatalog {
  const skipped: SkippedEntry[] = parsed.flatMap((catalog) => catalog.skipped);
  const groups = new Map<string, CatalogEntry[]>();
  for (const catalog of parsed) {
    for (const entry of catalog.entries) {
      const key = mergeKey(entry);
      const group = groups.get(key);
      if (group) group.push(entry);
      else groups.set(key, [entry]);
    }
  }

  const entries: MergedEntry[] = [];
  for (const group of groups.values()) {
    const bySource = new Map<CatalogSource, CatalogEntry>();
    for (const source of LITELLM_FIRST) {
      const listings = group.filter((entry) => entry.source === source);
      if (listings.length === 0) continue;
      const primary = listings.reduce((best, entry) => (entry.sourceKey.length < best.sourceKey.length ? entry : best));
      for (const duplicate of listings) {
        if (duplicate === primary) continue;
        skipped.push({
          key: duplicate.sourceKey,
          reason: `duplicate of ${source} "${primary.sourceKey}" (same provider and snapshot ${primary.providerSlug}/${primary.snapshotId}); merged into it`,
        });
      }
      bySource.set(
        source,
        listings.reduce((filled, entry) => (entry === primary ? filled : fillGaps(filled, entry)), primary),
      );
    }
    entries.push(combine(bySource));
  }
  entries.sort((a, b) => compare(a.providerSlug, b.providerSlug) || compare(a.snapshotId, b.snapshotId));
  return { entries, skipped, warnings: parsed.flatMap((catalog) => catalog.warnings) };
}

/** The primary listing with its null facts taken from another listing of the same model in the same file. */
function fillGaps(primary: CatalogEntry, other: CatalogEntry): CatalogEntry {
  const filled: Record<string, unknown> = { ...primary };
  for (const field of Object.keys(primary) as (keyof CatalogEntry)[]) {
    if (DEPRECATION_FIELDS.has(field)) continue;
    if (filled[field] === null && other[field] !== null) filled[field] = other[field];
  }
  // The deprecation facts travel together, so a date never pairs with another listing's meaning.
  if (primary.providerDeprecationMeaning === null) Object.assign(filled, deprecationOf(other));
  return filled as unknown as CatalogEntry;
}

const DEPRECATION_FIELDS: ReadonlySet<string> = new Set(["providerDeprecationDate", "providerDeprecationMeaning", "providerDeprecationSource"]);

function combine(bySource: Map<CatalogSource, CatalogEntry>): MergedEntry {
  const inOrder = (order: readonly CatalogSource[]) => order.flatMap((source) => bySource.get(source) ?? []);
  const litellmFirst = inOrder(LITELLM_FIRST);
  const modelsDevFirst = inOrder(MODELS_DEV_FIRST);
  const first = <K extends keyof CatalogEntry>(field: K, order: CatalogEntry[]): CatalogEntry[K] =>
    (order.find((entry) => entry[field] !== null) ?? order[0])[field];

  const primary = litellmFirst[0];
  const mode = first("mode", litellmFirst);
  const deprecated = litellmFirst.find((entry) => entry.providerDeprecationMeaning !== null);
  return {
    ...primary,
    providerName: modelsDevFirst[0].providerName,
    name: modelsDevFirst[0].name,
    family: first("family", modelsDevFirst),
    mode,
    kind: catalogKind(mode, primary.providerSlug),
    contextWindow: first("contextWindow", litellmFirst),
    maxOutputTokens: first("maxOutputTokens", litellmFirst),
    inputPricePerMTok: first("inputPricePerMTok", litellmFirst),
    outputPricePerMTok: first("outputPricePerMTok", litellmFirst),
    releaseDate: first("releaseDate", modelsDevFirst),
    ...deprecationOf(deprecated ?? primary),
    openWeights: first("openWeights", modelsDevFirst),
    sources: litellmFirst.map((entry) => entry.source),
    sourceKeys: Object.fromEntries(litellmFirst.map((entry) => [entry.source, entry.sourceKey])),
  };
}

/** Code-unit order, so the list's order does not depend on the machine's locale. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function deprecationOf(entry: CatalogEntry) {
  return {
    providerDeprecationDate: entry.providerDeprecationDate,
    providerDeprecationMeaning: entry.providerDeprecationMeaning,
    providerDeprecationSource: entry.providerDeprecationSource,
  };
}
