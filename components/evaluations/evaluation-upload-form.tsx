"use client";
// Upload an evaluation run: typed into the form, or as a JSON file. Both go to the same server action,
// which validates everything again; the browser's checks (file size) are only a convenience.
import { useState } from "react";
import { FieldError, FormAlert } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import { thresholdLines } from "@/lib/evaluations/format";
import type { MetricThreshold } from "@/lib/evaluations/gate";
import type { FormState } from "@/lib/server/form-state";

type Action = (state: FormState, form: FormData) => Promise<FormState>;

export interface EvaluationFormOptionsProps {
  models: { id: string; label: string }[];
  workflows: { id: string; slug: string; name: string; thresholds: Record<string, MetricThreshold> }[];
  baselines: { id: string; workflow: string; label: string }[];
}

export interface EvaluationFormValues {
  modelId?: string;
  model?: string;
  workflow?: string;
  suite?: string;
  datasetVersion?: string;
  baselineRunId?: string;
  metrics?: string;
  thresholds?: string;
}

const MAX_FILE_BYTES = 1024 * 1024;

export function EvaluationUploadForms({ action, options, initial }: { action: Action; options: EvaluationFormOptionsProps; initial: EvaluationFormValues }) {
  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="lg:col-span-2">
        <EvaluationFieldsForm action={action} options={options} initial={initial} />
      </div>
      <div>
        <EvaluationFileForm action={action} />
      </div>
    </div>
  );
}

function EvaluationFieldsForm({ action, options, initial }: { action: Action; options: EvaluationFormOptionsProps; initial: EvaluationFormValues }) {
  const { state, formAction, pending, errorsOf, valueOf } = useFormAction(action);
  // After a failed submit, what was typed; before, what the link preselected.
  const value = (name: keyof EvaluationFormValues) => valueOf(name) ?? initial[name];
  const [workflow, setWorkflow] = useState(value("workflow") ?? "");
  const selected = options.workflows.find((w) => w.slug === workflow);
  const baselines = options.baselines.filter((b) => b.workflow === workflow);
  const formErrors = errorsOf("_form") ?? [];

  const field = (name: keyof EvaluationFormValues, label: string, input: React.ReactNode, hint?: React.ReactNode) => (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <div className="mt-1">{input}</div>
      {hint && <div className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</div>}
      <FieldError id={`${name}-error`} messages={errorsOf(name)} />
    </div>
  );
  const aria = (name: keyof EvaluationFormValues) => ({ "aria-invalid": !!errorsOf(name), "aria-describedby": `${name}-error` });

  return (
    <form
      action={formAction}
      className="space-y-6"
      noValidate
      key={state.status === "error" ? JSON.stringify(state.values) : "initial"}
      aria-label="Enter an evaluation run"
    >
      <input type="hidden" name="mode" value="fields" />
      {state.status === "error" && (
        <FormAlert>
          {state.code === "validation" ? "Some fields need attention." : state.message}
          {formErrors.length > 0 && <span className="block">{formErrors.join(" ")}</span>}
        </FormAlert>
      )}

      <fieldset className="card grid gap-4 md:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">What was evaluated</legend>
        {field(
          "modelId",
          "Model",
          <select
            id="modelId"
            name="modelId"
            defaultValue={value("modelId") ?? ""}
            className="input"
            aria-invalid={!!(errorsOf("modelId") || errorsOf("model"))}
            aria-describedby="modelId-error model-error"
          >
            <option value="">Choose from the team&apos;s models…</option>
            {options.models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.label}
              </option>
            ))}
          </select>,
          "Models in testing, approved or fallback only.",
        )}
        {field(
          "model",
          "…or another catalog model",
          <input
            id="model"
            name="model"
            defaultValue={value("model") ?? ""}
            placeholder="anthropic/claude-sonnet-4-5-20250929"
            className="input font-mono"
            {...aria("model")}
          />,
          "provider/snapshot id, exactly as in the catalog.",
        )}
        {field(
          "workflow",
          "Workflow",
          <select id="workflow" name="workflow" value={workflow} onChange={(e) => setWorkflow(e.target.value)} className="input" {...aria("workflow")}>
            <option value="">Choose a workflow</option>
            {options.workflows.map((w) => (
              <option key={w.slug} value={w.slug}>
                {w.name}
              </option>
            ))}
          </select>,
        )}
        {field(
          "baselineRunId",
          "Baseline run (optional)",
          <select
            id="baselineRunId"
            name="baselineRunId"
            defaultValue={value("baselineRunId") ?? ""}
            className="input"
            {...aria("baselineRunId")}
            disabled={!workflow}
          >
            <option value="">{workflow ? (baselines.length ? "No baseline" : "No earlier runs on this workflow") : "Choose the workflow first"}</option>
            {baselines.map((b) => (
              <option key={b.id} value={b.id}>
                {b.label}
              </option>
            ))}
          </select>,
          "Regression thresholds are checked against this run's scores.",
        )}
        {field(
          "suite",
          "Suite",
          <input id="suite" name="suite" defaultValue={value("suite") ?? ""} placeholder="support-chat-suite" className="input" {...aria("suite")} />,
        )}
        {field(
          "datasetVersion",
          "Dataset version",
          <input
            id="datasetVersion"
            name="datasetVersion"
            defaultValue={value("datasetVersion") ?? ""}
            placeholder="2026.01"
            className="input font-mono"
            {...aria("datasetVersion")}
          />,
        )}
      </fieldset>

      <fieldset className="card grid gap-4 md:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">Scores and thresholds</legend>
        {field(
          "metrics",
          "Metrics",
          <textarea
            id="metrics"
            name="metrics"
            rows={8}
            defaultValue={value("metrics") ?? ""}
            placeholder={"answer_accuracy = 0.91\ntoxicity = 0.002\np95_latency_ms = 5200"}
            className="input font-mono"
            {...aria("metrics")}
          />,
          "One per line: name = value. Metrics without a threshold are kept as raw scores.",
        )}
        {field(
          "thresholds",
          "Thresholds (optional)",
          <textarea
            id="thresholds"
            name="thresholds"
            rows={8}
            defaultValue={value("thresholds") ?? ""}
            placeholder={"answer_accuracy = min 0.85, maxRegression 0.02\np95_latency_ms = max 8000"}
            className="input font-mono"
            {...aria("thresholds")}
          />,
          <>
            <p>Replaces the workflow&apos;s threshold for the metrics named here; the others keep the workflow&apos;s bar.</p>
            {selected && (
              <div data-testid="workflow-bar">
                <p className="mt-1 font-medium">{selected.name}&apos;s bar:</p>
                {Object.keys(selected.thresholds).length ? (
                  <pre className="whitespace-pre-wrap font-mono">{thresholdLines(selected.thresholds)}</pre>
                ) : (
                  <p>none yet: give thresholds here.</p>
                )}
              </div>
            )}
          </>,
        )}
      </fieldset>

      <div className="flex justify-end">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Uploading…" : "Upload evaluation"}
        </button>
      </div>
    </form>
  );
}

function EvaluationFileForm({ action }: { action: Action }) {
  const { state, formAction, pending, errorsOf } = useFormAction(action);
  const [tooBig, setTooBig] = useState<string | null>(null);
  const messages = tooBig ? [tooBig] : state.status === "error" ? (errorsOf("file") ?? [state.message]) : undefined;
  return (
    <form action={formAction} className="card space-y-3" aria-label="Upload a JSON file">
      <h2 className="font-semibold">Or upload a JSON file</h2>
      <input type="hidden" name="mode" value="file" />
      <p className="text-sm text-slate-600 dark:text-slate-400">The same run as one JSON object, as a CI pipeline writes it (at most 1 MB):</p>
      <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">{`{
  "model": "anthropic/claude-sonnet-4-5-20250929",
  "workflow": "support-chat",
  "suite": "support-chat-suite",
  "datasetVersion": "2026.01",
  "baselineRunId": "…optional run id…",
  "metrics": { "answer_accuracy": 0.91 },
  "thresholds": {
    "answer_accuracy": { "min": 0.85, "maxRegression": 0.02 }
  }
}`}</pre>
      <div>
        <label htmlFor="file" className="block text-sm font-medium">
          Evaluation file
        </label>
        <input
          id="file"
          name="file"
          type="file"
          accept=".json,application/json"
          className="mt-1 block w-full text-sm"
          aria-invalid={!!messages}
          aria-describedby="file-error"
          onChange={(e) => {
            const file = e.target.files?.[0];
            setTooBig(
              file && file.size > MAX_FILE_BYTES ? `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; evaluation files are limited to 1 MB` : null,
            );
          }}
        />
        {messages && (
          <ul id="file-error" role="alert" className="mt-1 list-disc space-y-0.5 pl-4 text-sm text-red-700 dark:text-red-400">
            {messages.map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="flex justify-end">
        <button type="submit" className="btn-primary" disabled={pending || !!tooBig}>
          {pending ? "Uploading…" : "Upload file"}
        </button>
      </div>
    </form>
  );
}
