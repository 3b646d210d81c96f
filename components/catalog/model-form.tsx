"use client";
// Register or edit a model. Field errors come back from the server action, which validates everything
// again; the browser's own checks are only a convenience.
import { FieldError, FormAlert } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import { DEPRECATION_MEANINGS, LEVELS, MODEL_KINDS, PINNING_LEVELS } from "@/lib/catalog/model-vocabulary";
import type { FormState } from "@/lib/server/form-state";

export interface ModelFormValues {
  id?: string;
  version?: number;
  providerSlug?: string;
  snapshotId?: string;
  name?: string;
  family?: string | null;
  kind?: string;
  pinning?: string;
  baseModelId?: string | null;
  fineTuneId?: string | null;
  trainingData?: string | null;
  trainingDate?: string | null;
  owner?: string | null;
  purpose?: string | null;
  intendedUse?: string | null;
  limitations?: string | null;
  bestFor?: string;
  languages?: string;
  contextWindow?: number | string | null;
  maxOutputTokens?: number | string | null;
  inputPricePerMTok?: number | string | null;
  outputPricePerMTok?: number | string | null;
  latencyLevel?: string | null;
  fallbackModelId?: string | null;
  releaseDate?: string | null;
  providerDeprecationDate?: string | null;
  providerDeprecationMeaning?: string | null;
  providerDeprecationSource?: string | null;
  nextReviewDue?: string | null;
  notes?: string | null;
}

interface Options {
  providers: { slug: string; name: string }[];
  candidates: { id: string; name: string; snapshotId: string; status: string }[];
}

type Action = (state: FormState, form: FormData) => Promise<FormState>;

export function ModelForm({ action, initial, options, submitLabel }: { action: Action; initial: ModelFormValues; options: Options; submitLabel: string }) {
  const { state, formAction, pending, valueOf } = useFormAction(action);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  // After a failed submit, show what the person typed rather than the original values.
  const v = (key: keyof ModelFormValues) => (valueOf(key) ?? initial[key] ?? "") as string | number;

  const field = (name: keyof ModelFormValues, label: string, input: React.ReactNode, hint?: string) => (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <div className="mt-1">{input}</div>
      {hint && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
      <FieldError id={`${name}-error`} messages={errors[name]} />
    </div>
  );
  const text = (name: keyof ModelFormValues, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input id={name} name={name} defaultValue={v(name)} className="input" aria-invalid={!!errors[name]} aria-describedby={`${name}-error`} {...extra} />
  );
  const area = (name: keyof ModelFormValues) => (
    <textarea id={name} name={name} defaultValue={v(name)} rows={3} className="input" aria-invalid={!!errors[name]} aria-describedby={`${name}-error`} />
  );
  const select = (name: keyof ModelFormValues, choices: readonly { value: string; label: string }[], blank?: string) => (
    <select id={name} name={name} defaultValue={v(name)} className="input" aria-invalid={!!errors[name]} aria-describedby={`${name}-error`}>
      {blank !== undefined && <option value="">{blank}</option>}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
  const plain = (values: readonly string[]) => values.map((value) => ({ value, label: value.replace(/_/g, " ") }));
  const models = options.candidates.filter((c) => c.id !== initial.id).map((c) => ({ value: c.id, label: `${c.name} (${c.snapshotId}, ${c.status})` }));

  // The key remounts the inputs when the server sends back new values, so defaultValue applies again.
  return (
    <form action={formAction} className="space-y-6" noValidate key={state.status === "error" ? JSON.stringify(state.values) : "initial"}>
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      {initial.version !== undefined && <input type="hidden" name="version" value={initial.version} />}
      {state.status === "error" && <FormAlert>{state.code === "validation" ? "Some fields need attention." : state.message}</FormAlert>}

      <fieldset className="card grid gap-4 md:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">Identity</legend>
        {field(
          "providerSlug",
          "Provider",
          select(
            "providerSlug",
            options.providers.map((p) => ({ value: p.slug, label: `${p.name} (${p.slug})` })),
            "Choose a provider",
          ),
        )}
        {field(
          "snapshotId",
          "Snapshot id",
          text("snapshotId", { placeholder: "claude-sonnet-4-5-20250929", className: "input font-mono" }),
          "The exact, pinned id the provider's API takes.",
        )}
        {field("name", "Name", text("name"))}
        {field("family", "Family", text("family", { placeholder: "claude-sonnet" }))}
        {field("kind", "Kind", select("kind", plain(MODEL_KINDS)))}
        {field("pinning", "Pinning", select("pinning", plain(PINNING_LEVELS)), "Strict: a dated snapshot. Family or tier: an alias that may move.")}
        {field("baseModelId", "Base model (fine-tuned only)", select("baseModelId", models, "None"))}
        {field("fineTuneId", "Fine-tune id", text("fineTuneId"))}
        {field("trainingData", "Training data", text("trainingData"))}
        {field("trainingDate", "Training date", text("trainingDate", { type: "date" }))}
      </fieldset>

      <fieldset className="card grid gap-4 md:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">Purpose and model card</legend>
        {field("owner", "Owner", text("owner", { placeholder: "team-ai-platform" }))}
        {field("purpose", "Purpose", text("purpose"))}
        {field("intendedUse", "Intended use", area("intendedUse"))}
        {field("limitations", "Limitations", area("limitations"))}
        {field("bestFor", "Best for", text("bestFor", { placeholder: "coding, tool use" }), "Comma-separated.")}
        {field("languages", "Languages", text("languages", { placeholder: "en, zh, de" }), "ISO 639-1 codes, comma-separated.")}
      </fieldset>

      <fieldset className="card grid gap-4 md:grid-cols-3">
        <legend className="px-1 text-sm font-semibold">Limits and prices</legend>
        {field("contextWindow", "Context window (tokens)", text("contextWindow", { type: "number", min: 1 }))}
        {field("maxOutputTokens", "Max output tokens", text("maxOutputTokens", { type: "number", min: 1 }))}
        {field("latencyLevel", "Latency level", select("latencyLevel", plain(LEVELS), "Unknown"))}
        {field("inputPricePerMTok", "Input price (USD per 1M tokens)", text("inputPricePerMTok", { type: "number", min: 0, step: "any" }))}
        {field("outputPricePerMTok", "Output price (USD per 1M tokens)", text("outputPricePerMTok", { type: "number", min: 0, step: "any" }))}
        {field("fallbackModelId", "Fallback model", select("fallbackModelId", models, "None"))}
      </fieldset>

      <fieldset className="card grid gap-4 md:grid-cols-3">
        <legend className="px-1 text-sm font-semibold">Dates</legend>
        {field("releaseDate", "Release date", text("releaseDate", { type: "date" }))}
        {field("nextReviewDue", "Next review due", text("nextReviewDue", { type: "date" }))}
        <div />
        {field("providerDeprecationDate", "Provider deprecation date", text("providerDeprecationDate", { type: "date" }))}
        {field("providerDeprecationMeaning", "Which means", select("providerDeprecationMeaning", plain(DEPRECATION_MEANINGS), "—"))}
        {field("providerDeprecationSource", "Source of the date", text("providerDeprecationSource", { placeholder: "URL of the provider's notice" }))}
      </fieldset>

      <fieldset className="card">
        <legend className="px-1 text-sm font-semibold">Notes</legend>
        {field("notes", "Notes", area("notes"))}
      </fieldset>

      <div className="flex justify-end gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
      </div>
    </form>
  );
}
