"use client";
// Opens a change request: an approval of the model for one workflow, or a status change (testing →
// approved or fallback only, …) for the workflows named. The server checks everything again and, once
// the request exists, its page shows the rules it breaks and who must approve it.
import Link from "next/link";
import { openChangeRequestAction } from "@/app/(app)/approvals/actions";
import { FieldError, FormAlert } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import type { ApprovalRequestProps, StatusRequestProps } from "@/lib/approvals/new-request-view";

/** Field errors keyed by their first path segment ("evidence.0" → "evidence"). */
function byField(fieldErrors: Record<string, string[]> | undefined) {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fieldErrors ?? {})) (out[key.split(".")[0]] ??= []).push(...messages);
  return out;
}

export function NewRequestForm(props: ApprovalRequestProps | StatusRequestProps) {
  const { state, formAction, pending, valueOf, valuesOf } = useFormAction(openChangeRequestAction);
  const errors = state.status === "error" ? byField(state.fieldErrors) : {};
  const listed = valuesOf;
  const value = (name: string, fallback = "") => valueOf(name) ?? fallback;
  const newestPassed = props.runs.find((r) => r.gatePassed)?.id;
  const evidenceChecked = (id: string) => listed("evidence")?.includes(id) ?? id === newestPassed;
  const described = (name: string) => ({ "aria-invalid": !!errors[name], "aria-describedby": `${name}-error` });
  const otherErrors = Object.entries(errors).filter(
    ([key]) =>
      !["workflow", "role", "maxCostPerTaskUsd", "languages", "fallbackModelId", "validUntil", "evidence", "justification", "toStatus", "workflows"].includes(
        key,
      ),
  );

  return (
    <form action={formAction} className="space-y-6" noValidate key={state.status === "error" ? JSON.stringify(state.values) : "initial"}>
      <input type="hidden" name="kind" value={props.kind} />
      <input type="hidden" name="modelId" value={props.model.id} />
      {state.status === "error" && (
        <FormAlert>
          {state.code === "validation" ? "Some fields need attention." : state.message}
          {otherErrors.map(([key, messages]) => (
            <span key={key} className="block">
              {messages.join(" ")}
            </span>
          ))}
        </FormAlert>
      )}

      {props.kind === "approval" ? (
        <fieldset className="card grid gap-4 md:grid-cols-2">
          <legend className="px-1 text-sm font-semibold">
            Approval of {props.model.name} for {props.workflow.name}
          </legend>
          <input type="hidden" name="workflow" value={props.workflow.slug} />
          <fieldset aria-describedby="role-error">
            <legend className="block text-sm font-medium">Approve as</legend>
            {(["primary", "fallback"] as const).map((role) => (
              <label key={role} className="mt-1 flex items-center gap-2 text-sm">
                <input type="radio" name="role" value={role} defaultChecked={value("role", props.defaultRole) === role} />{" "}
                {role === "primary" ? "Primary" : "Fallback"}
              </label>
            ))}
            <FieldError id="role-error" messages={errors.role} />
          </fieldset>
          <div>
            <label htmlFor="maxCostPerTaskUsd" className="block text-sm font-medium">
              Max cost per task (USD)
            </label>
            <input
              id="maxCostPerTaskUsd"
              name="maxCostPerTaskUsd"
              type="number"
              min={0}
              step="any"
              className="input mt-1"
              defaultValue={value("maxCostPerTaskUsd")}
              {...described("maxCostPerTaskUsd")}
            />
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              {props.workflow.maxCostPerTaskUsd !== null
                ? `${props.workflow.name} allows at most $${props.workflow.maxCostPerTaskUsd} per task.`
                : "The workflow sets no maximum."}
            </p>
            <FieldError id="maxCostPerTaskUsd-error" messages={errors.maxCostPerTaskUsd} />
          </div>
          <div>
            <label htmlFor="languages" className="block text-sm font-medium">
              Languages
            </label>
            <input
              id="languages"
              name="languages"
              className="input mt-1"
              defaultValue={value("languages", props.defaultLanguages)}
              placeholder="en, de"
              {...described("languages")}
            />
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              ISO 639-1 codes, comma-separated. The workflow serves {props.workflow.languages.join(", ") || "any language"}.
            </p>
            <FieldError id="languages-error" messages={errors.languages} />
          </div>
          <div>
            <label htmlFor="fallbackModelId" className="block text-sm font-medium">
              Fallback model
            </label>
            <select
              id="fallbackModelId"
              name="fallbackModelId"
              className="input mt-1"
              defaultValue={value("fallbackModelId")}
              {...described("fallbackModelId")}
            >
              <option value="">None</option>
              {props.fallbacks.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.label}
                </option>
              ))}
            </select>
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">It must itself be approved (or fallback only) for this workflow.</p>
            <FieldError id="fallbackModelId-error" messages={errors.fallbackModelId} />
          </div>
          <div>
            <label htmlFor="validUntil" className="block text-sm font-medium">
              Valid until
            </label>
            <input id="validUntil" name="validUntil" type="date" className="input mt-1" defaultValue={value("validUntil")} {...described("validUntil")} />
            <FieldError id="validUntil-error" messages={errors.validUntil} />
          </div>
        </fieldset>
      ) : (
        <fieldset className="card grid gap-4 md:grid-cols-2">
          <legend className="px-1 text-sm font-semibold">Status change of {props.model.name}</legend>
          <fieldset aria-describedby="toStatus-error">
            <legend className="block text-sm font-medium">Move it to</legend>
            {props.targets.map((t) => (
              <label key={t.status} className="mt-1 flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="toStatus"
                  value={t.status}
                  defaultChecked={value("toStatus", props.defaultTo ?? props.targets[0]?.status) === t.status}
                />{" "}
                {t.label}
              </label>
            ))}
            <FieldError id="toStatus-error" messages={errors.toStatus} />
          </fieldset>
          <fieldset aria-describedby="workflows-error">
            <legend className="block text-sm font-medium">For workflows</legend>
            <p className="text-xs text-slate-500 dark:text-slate-400">The workflows the promotion is for; each needs a passed evaluation gate.</p>
            {props.workflows.map((w) => (
              <label key={w.slug} className="mt-1 flex items-center gap-2 text-sm">
                <input type="checkbox" name="workflows" value={w.slug} defaultChecked={listed("workflows")?.includes(w.slug) ?? false} /> {w.name}
                {w.approved && <span className="text-xs text-slate-500 dark:text-slate-400">(approved already)</span>}
              </label>
            ))}
            <FieldError id="workflows-error" messages={errors.workflows} />
          </fieldset>
        </fieldset>
      )}

      <fieldset className="card" aria-describedby="evidence-error">
        <legend className="px-1 text-sm font-semibold">Evidence</legend>
        {props.runs.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            No evaluation run of this model{props.kind === "approval" ? " on this workflow" : ""} yet.{" "}
            <Link className="link" href="/evaluations/new">
              Upload one
            </Link>{" "}
            first; a request without evidence breaks the evidence rule.
          </p>
        ) : (
          <div className="space-y-1">
            {props.runs.map((run) => (
              <label key={run.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="evidence" value={run.id} defaultChecked={evidenceChecked(run.id)} />
                <span>{run.label}</span>
                {run.gatePassed ? (
                  <span className="text-xs font-medium text-emerald-700 dark:text-emerald-300">gate passed</span>
                ) : (
                  <span className="text-xs font-medium text-red-700 dark:text-red-400">gate failed</span>
                )}
              </label>
            ))}
          </div>
        )}
        <FieldError id="evidence-error" messages={errors.evidence} />
      </fieldset>

      <div className="card">
        <label htmlFor="justification" className="block text-sm font-medium">
          Justification
        </label>
        <textarea
          id="justification"
          name="justification"
          rows={4}
          className="input mt-1"
          defaultValue={value("justification")}
          placeholder="Why this model, for this workflow, now."
          {...described("justification")}
        />
        <FieldError id="justification-error" messages={errors.justification} />
      </div>

      <div className="flex justify-end">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Opening…" : "Open change request"}
        </button>
      </div>
    </form>
  );
}
