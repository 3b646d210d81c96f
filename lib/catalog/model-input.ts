// What an engineer may enter when registering or editing a model, with the message each field shows.
// Accepts form strings (empty = not given) as well as JSON values from the API.
import { z } from "zod";
import { optionalField as optional } from "@/lib/validation/form-fields";
import { DEPRECATION_MEANINGS, LEVELS, MODEL_KINDS, PINNING_LEVELS } from "./model-vocabulary";

const text = (max: number, label: string) => optional(z.string().trim().max(max, `${label} is limited to ${max} characters`));
const list = (label: string) =>
  z.preprocess(
    (value) =>
      typeof value === "string"
        ? value
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : (value ?? []),
    z.array(z.string().max(60, `Each ${label} entry is limited to 60 characters`)).max(30, `At most 30 ${label} entries`),
  );
const count = (label: string) =>
  optional(
    z.coerce
      .number({ error: `${label} must be a number` })
      .int(`${label} must be a whole number`)
      .positive(`${label} must be above zero`)
      .max(100_000_000, `${label} is implausibly large`),
  );
const price = (label: string) =>
  optional(
    z.coerce
      .number({ error: `${label} must be a number` })
      .min(0, `${label} cannot be negative`)
      .max(100_000, `${label} is implausibly large (USD per 1M tokens)`),
  );
const date = (label: string) => optional(z.coerce.date({ error: `${label} must be a date (YYYY-MM-DD)` }));

// Snapshot ids are what the provider's API takes: no spaces, no URL-unsafe characters.
const SNAPSHOT_ID = /^@?[A-Za-z0-9][A-Za-z0-9._:@/+-]*$/;
const ALIAS_SUFFIX = /(-latest|:latest|-preview)$/i;

export const modelFieldsSchema = z
  .object({
    providerSlug: z
      .string({ error: "Choose a provider" })
      .trim()
      .toLowerCase()
      .min(1, "Choose a provider")
      .regex(/^[a-z0-9][a-z0-9._-]*$/, "Provider id uses lowercase letters, digits, dots, dashes"),
    snapshotId: z
      .string({ error: "Snapshot id is required" })
      .trim()
      .min(1, "Snapshot id is required")
      .max(200, "Snapshot id is limited to 200 characters")
      .regex(SNAPSHOT_ID, "Snapshot id may not contain spaces or special characters"),
    name: z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(200, "Name is limited to 200 characters"),
    family: text(100, "Family"),
    kind: z.enum(MODEL_KINDS, { error: "Choose a kind" }).default("hosted"),
    pinning: z.enum(PINNING_LEVELS, { error: "Choose a pinning level" }).default("strict"),
    baseModelId: optional(z.string().uuid("Choose the base model from the catalog")),
    fineTuneId: text(200, "Fine-tune id"),
    trainingData: text(2000, "Training data"),
    trainingDate: date("Training date"),
    owner: text(200, "Owner"),
    purpose: text(2000, "Purpose"),
    intendedUse: text(4000, "Intended use"),
    limitations: text(4000, "Limitations"),
    bestFor: list("best-for"),
    languages: list("language").transform((items) => items.map((s) => s.toLowerCase())),
    contextWindow: count("Context window"),
    maxOutputTokens: count("Max output tokens"),
    inputPricePerMTok: price("Input price"),
    outputPricePerMTok: price("Output price"),
    latencyLevel: optional(z.enum(LEVELS, { error: "Latency level is low, medium or high" })),
    fallbackModelId: optional(z.string().uuid("Choose the fallback from the catalog")),
    releaseDate: date("Release date"),
    providerDeprecationDate: date("Provider deprecation date"),
    providerDeprecationMeaning: optional(z.enum(DEPRECATION_MEANINGS, { error: "Say what the date means" })),
    providerDeprecationSource: text(500, "Deprecation source"),
    nextReviewDue: date("Next review"),
    notes: text(4000, "Notes"),
  })
  .superRefine((m, ctx) => {
    if (m.pinning === "strict" && ALIAS_SUFFIX.test(m.snapshotId)) {
      ctx.addIssue({ code: "custom", path: ["snapshotId"], message: "A moving alias cannot be strictly pinned: give the dated snapshot id" });
    }
    if (m.kind === "fine_tuned" && !m.baseModelId) {
      ctx.addIssue({ code: "custom", path: ["baseModelId"], message: "A fine-tuned model records its base model" });
    }
    if (m.kind !== "fine_tuned" && (m.fineTuneId || m.trainingData)) {
      ctx.addIssue({ code: "custom", path: ["kind"], message: "Fine-tune id and training data apply to fine-tuned models only" });
    }
    if (m.providerDeprecationDate && !m.providerDeprecationSource) {
      ctx.addIssue({ code: "custom", path: ["providerDeprecationSource"], message: "Say where the deprecation date comes from" });
    }
    if (m.providerDeprecationDate && !m.providerDeprecationMeaning) {
      ctx.addIssue({ code: "custom", path: ["providerDeprecationMeaning"], message: "Say what the date means" });
    }
    if (m.contextWindow && m.maxOutputTokens && m.maxOutputTokens > m.contextWindow) {
      ctx.addIssue({ code: "custom", path: ["maxOutputTokens"], message: "Max output tokens cannot exceed the context window" });
    }
  });

export type ModelFields = z.infer<typeof modelFieldsSchema>;

export const modelUpdateSchema = z.object({
  id: z.string({ error: "Missing model id" }).uuid("Unknown model"),
  version: z.coerce.number({ error: "Missing version" }).int().positive(),
});
