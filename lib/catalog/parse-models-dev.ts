// models.dev (providers → models, USD per 1M tokens, with shared base_models) to catalog entries.
import { z } from "zod";
import { CatalogFormatError } from "./catalog-format-error";
import { catalogKind, derivedName, positiveOrNull } from "./entry-facts";
import { formatJsonPath, isPlainObject } from "./json-text";
import { pinningLevel } from "./pinning";
import { canonicalSnapshotId, modelsDevProviderSlug, providerDisplayName } from "./provider-slugs";
import { relistingReason } from "./relisting";
import { checkShape, dateOrWarn, dateText, price, tokenCount } from "./schema-check";
import type { CatalogEntry, CatalogMode, CatalogWarning, ParsedCatalog, SkippedEntry } from "./catalog-entry";

const fileSchema = z.looseObject({
  providers: z.record(z.string(), z.unknown(), { error: "expected an object of providers" }),
  base_models: z.record(z.string(), z.unknown(), { error: "expected an object of base models" }).nullish(),
});

const providerSchema = z.looseObject({
  name: z.string({ error: "expected a string" }).nullish(),
  models: z.record(z.string(), z.unknown(), { error: "expected an object of models" }),
});

const modalityList = z.array(z.string({ error: "expected a string" }), { error: "expected a list of strings" }).nullish();

/** The fields the import reads; the rest of a model passes unchecked. */
export const modelsDevModelSchema = z.looseObject({
  name: z.string({ error: "expected a string" }).nullish(),
  family: z.string({ error: "expected a string" }).nullish(),
  release_date: dateText("YYYY, YYYY-MM or YYYY-MM-DD", /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/),
  status: z.string({ error: "expected a string" }).nullish(),
  open_weights: z.boolean({ error: "expected true or false" }).nullish(),
  cost: z.looseObject({ input: price, output: price }, { error: "expected an object" }).nullish(),
  limit: z.looseObject({ context: tokenCount, input: tokenCount, output: tokenCount }, { error: "expected an object" }).nullish(),
  modalities: z.looseObject({ input: modalityList, output: modalityList }, { error: "expected an object" }).nullish(),
  base_model: z.string({ error: "expected a string" }).nullish(),
  base_model_omit: z.array(z.string({ error: "expected a string" }), { error: "expected a list of strings" }).nullish(),
  _symlink_target: z.string({ error: "expected a string" }).nullish(),
});
type ModelsDevModel = z.infer<typeof modelsDevModelSchema>;

export function parseModelsDev(json: unknown, fileName: string): ParsedCatalog {
  if (!isPlainObject(json)) throw new CatalogFormatError("expected an object with providers", "(top level)", fileName);
  const file = checkShape(fileSchema, json, [], fileName);
  const baseModels = new Map<string, ModelsDevModel>();
  for (const [id, base] of Object.entries(file.base_models ?? {})) {
    baseModels.set(id, checkShape(modelsDevModelSchema, base, ["base_models", id], fileName));
  }

  const entries: CatalogEntry[] = [];
  const skipped: SkippedEntry[] = [];
  const warnings: CatalogWarning[] = [];
  for (const [providerId, providerValue] of Object.entries(file.providers)) {
    const provider = checkShape(providerSchema, providerValue, ["providers", providerId], fileName);
    const providerSlug = modelsDevProviderSlug(providerId);
    const canonicalProvider = file.providers[providerSlug];
    const providerName =
      providerDisplayName(providerSlug) ??
      (isPlainObject(canonicalProvider) && typeof canonicalProvider.name === "string" ? canonicalProvider.name : null) ??
      provider.name ??
      providerSlug;

    for (const [modelId, modelValue] of Object.entries(provider.models)) {
      const path = ["providers", providerId, "models", modelId];
      const key = `${providerId}/${modelId}`;
      const authored = checkShape(modelsDevModelSchema, modelValue, path, fileName);
      if (authored._symlink_target && Object.keys(authored).length === 1) {
        skipped.push({ key, reason: `broken symlink to ${authored._symlink_target}` });
        continue;
      }
      const model = resolveBaseModel(authored, baseModels, path, fileName);

      const nonLanguage = nonLanguageReason(model);
      if (nonLanguage) {
        skipped.push({ key, reason: nonLanguage });
        continue;
      }
      const snapshotId = canonicalSnapshotId(providerSlug, modelId);
      const relisting = relistingReason({ providerSlug, modelId: snapshotId, baseModel: authored.base_model });
      if (relisting) {
        skipped.push({ key, reason: relisting });
        continue;
      }

      const mode = modeOf(modelId, model);
      const deprecated = model.status === "deprecated";
      entries.push({
        providerSlug,
        providerName,
        snapshotId,
        name: model.name ?? derivedName(snapshotId),
        family: model.family ?? null,
        mode,
        kind: catalogKind(mode, providerSlug),
        pinning: pinningLevel(snapshotId),
        contextWindow: positiveOrNull(model.limit?.context),
        maxOutputTokens: positiveOrNull(model.limit?.output),
        inputPricePerMTok: model.cost?.input ?? null, // already USD per 1M tokens
        outputPricePerMTok: model.cost?.output ?? null,
        releaseDate: dateOrWarn(model.release_date, key, [...path, "release_date"], warnings),
        // models.dev marks deprecation without a date: the provider has announced it.
        providerDeprecationDate: null,
        providerDeprecationMeaning: deprecated ? "announcement" : null,
        providerDeprecationSource: deprecated ? "models.dev:status=deprecated" : null,
        openWeights: model.open_weights ?? null,
        source: "models.dev",
        sourceKey: key,
      });
    }
  }
  return { source: "models.dev", entries, skipped, warnings };
}

/** A model that neither reads nor writes text (image, video, speech generation; transcription) is skipped. */
function nonLanguageReason(model: ModelsDevModel): string | null {
  const output = model.modalities?.output;
  if (output && output.length > 0 && !output.includes("text")) return `non-language model: outputs ${output.join(", ")}`;
  const input = model.modalities?.input;
  if (input && input.length > 0 && !input.includes("text")) return `non-language model: reads ${input.join(", ")} only`;
  return null;
}

/** models.dev has no mode field: embedding and rerank models say so in their id or family. */
function modeOf(modelId: string, model: ModelsDevModel): CatalogMode {
  const text = `${modelId} ${model.family ?? ""}`;
  if (/embed/i.test(text)) return "embedding";
  if (/rerank/i.test(text)) return "rerank";
  return "chat";
}

/**
 * models.dev's own rule: the listing is deep-merged over its base model (the listing wins), then the dotted
 * paths in base_model_omit are removed.
 */
function resolveBaseModel(
  authored: ModelsDevModel,
  baseModels: ReadonlyMap<string, ModelsDevModel>,
  path: ReadonlyArray<string>,
  fileName: string,
): ModelsDevModel {
  if (!authored.base_model) return authored;
  const base = baseModels.get(authored.base_model);
  if (!base) {
    throw new CatalogFormatError(`unknown base model "${authored.base_model}"`, formatJsonPath([...path, "base_model"]), fileName);
  }
  const merged = deepMerge(base, authored);
  for (const omitted of authored.base_model_omit ?? []) removePath(merged, omitted.split("."));
  return merged as ModelsDevModel;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}

function removePath(target: Record<string, unknown>, parts: string[]): void {
  const [head, ...rest] = parts;
  if (head === undefined || !(head in target)) return;
  if (rest.length === 0) {
    delete target[head];
    return;
  }
  const child = target[head];
  if (!isPlainObject(child)) return;
  const copy = { ...child }; // never mutate the shared base model
  removePath(copy, rest);
  if (Object.keys(copy).length === 0) delete target[head];
  else target[head] = copy;
}
