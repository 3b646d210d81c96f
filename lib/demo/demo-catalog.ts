// Facts of the demo models read from the public catalogs at seed time (LiteLLM's price file and models.dev),
// so the demo's prices, context windows and provider deprecation dates stay those of the real catalog.
// Conversions match the catalog importer: USD per token × 1e6 rounded to 6 decimals, LiteLLM's
// deprecation_date read as the provider's shutdown date.
import { DATA_DIR, PUBLIC_DATA_FILES, readPublicData } from "@/lib/public-data";

export interface CatalogRef {
  /** LiteLLM top-level key, e.g. "gpt-4.1-2025-04-14" or "dashscope/qwen3-max-2026-01-23". */
  litellm?: string;
  /** models.dev "<provider id>/<model id>", e.g. "openai/gpt-4.1". */
  modelsDev?: string;
  /** Which catalog wins where both have a fact; LiteLLM by default. */
  prefer?: "litellm" | "models.dev";
}

export interface CatalogFacts {
  mode: string | null;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  inputPricePerMTok: number | null;
  outputPricePerMTok: number | null;
  /** The price is the first band of a tiered (context-length dependent) price list. */
  tieredPrice: boolean;
  /** Which catalog the price comes from. */
  priceSource: string | null;
  releaseDate: Date | null;
  providerDeprecationDate: Date | null;
  providerDeprecationSource: string | null;
  sources: string[];
  sourceKeys: Record<string, string>;
}

type Json = Record<string, unknown>;
type SourceFacts = Omit<CatalogFacts, "sources" | "sourceKeys" | "priceSource">;

const perMTok = (perToken: unknown) => (typeof perToken === "number" ? Math.round(perToken * 1e12) / 1e6 : null);
const num = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? value : null);
const day = (value: unknown) => (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00.000Z`) : null);

function fromLiteLLM(key: string, raw: Json): SourceFacts {
  const tiers = Array.isArray(raw.tiered_pricing) ? (raw.tiered_pricing as Json[]) : [];
  const base = raw.input_cost_per_token === undefined && tiers.length > 0 ? tiers[0] : raw;
  const deprecation = day(raw.deprecation_date);
  return {
    mode: typeof raw.mode === "string" ? raw.mode : null,
    contextWindow: num(raw.max_input_tokens) ?? num(raw.max_tokens),
    maxOutputTokens: num(raw.max_output_tokens),
    inputPricePerMTok: perMTok(base.input_cost_per_token),
    outputPricePerMTok: perMTok(base.output_cost_per_token),
    tieredPrice: base !== raw,
    releaseDate: null,
    providerDeprecationDate: deprecation,
    providerDeprecationSource: deprecation ? `litellm:deprecation_date (${key})` : null,
  };
}

function fromModelsDev(raw: Json): SourceFacts {
  const cost = (raw.cost ?? {}) as Json;
  const limit = (raw.limit ?? {}) as Json;
  return {
    mode: null,
    contextWindow: num(limit.context),
    maxOutputTokens: num(limit.output),
    inputPricePerMTok: num(cost.input),
    outputPricePerMTok: num(cost.output),
    tieredPrice: Array.isArray(cost.tiers),
    releaseDate: day(raw.release_date),
    providerDeprecationDate: null,
    providerDeprecationSource: null,
  };
}

export class DemoCatalog {
  private constructor(
    private readonly litellm: Record<string, Json>,
    private readonly modelsDev: { providers: Record<string, { models?: Record<string, Json> }>; base_models: Record<string, Json> },
  ) {}

  private static cache = new Map<string, DemoCatalog>();

  /** Reads both catalog files (once per folder). */
  static load(dir = DATA_DIR): DemoCatalog {
    const cached = DemoCatalog.cache.get(dir);
    if (cached) return cached;
    const catalog = new DemoCatalog(
      JSON.parse(readPublicData(PUBLIC_DATA_FILES.litellmCatalog, dir)),
      JSON.parse(readPublicData(PUBLIC_DATA_FILES.modelsDevCatalog, dir)),
    );
    DemoCatalog.cache.set(dir, catalog);
    return catalog;
  }

  litellmEntry(key: string): Json {
    const raw = this.litellm[key];
    if (!raw || typeof raw !== "object") throw new Error(`Demo model refers to LiteLLM key "${key}", which the catalog does not have.`);
    return raw;
  }

  modelsDevEntry(ref: string): Json {
    const slash = ref.indexOf("/");
    const raw = this.modelsDev.providers[ref.slice(0, slash)]?.models?.[ref.slice(slash + 1)];
    if (!raw || typeof raw !== "object") throw new Error(`Demo model refers to models.dev "${ref}", which the catalog does not have.`);
    // An entry may inherit its facts from a shared base model and override some of them.
    const base = typeof raw.base_model === "string" ? (this.modelsDev.base_models[raw.base_model] ?? {}) : {};
    return { ...base, ...raw };
  }

  facts(ref: CatalogRef): CatalogFacts {
    const parts: { source: string; key: string; facts: SourceFacts }[] = [];
    if (ref.litellm) parts.push({ source: "litellm", key: ref.litellm, facts: fromLiteLLM(ref.litellm, this.litellmEntry(ref.litellm)) });
    if (ref.modelsDev) parts.push({ source: "models.dev", key: ref.modelsDev, facts: fromModelsDev(this.modelsDevEntry(ref.modelsDev)) });
    if (ref.prefer === "models.dev") parts.reverse();
    const pick = <K extends keyof SourceFacts>(field: K): SourceFacts[K] | null => {
      for (const part of parts) if (part.facts[field] !== null) return part.facts[field];
      return null;
    };
    const priced = parts.find((part) => part.facts.inputPricePerMTok !== null);
    return {
      mode: pick("mode") ?? "chat",
      contextWindow: pick("contextWindow"),
      maxOutputTokens: pick("maxOutputTokens"),
      inputPricePerMTok: priced?.facts.inputPricePerMTok ?? null,
      outputPricePerMTok: priced?.facts.outputPricePerMTok ?? null,
      tieredPrice: priced?.facts.tieredPrice ?? false,
      priceSource: priced?.source ?? null,
      releaseDate: pick("releaseDate"),
      providerDeprecationDate: pick("providerDeprecationDate"),
      providerDeprecationSource: pick("providerDeprecationSource"),
      sources: parts.map((part) => part.source),
      sourceKeys: Object.fromEntries(parts.map((part) => [part.source, part.key])),
    };
  }
}
