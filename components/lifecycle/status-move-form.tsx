"use client";
// One direct status change (disable, retire, → fallback only, disabled → testing, …). The server checks
// the move, its preconditions, the role and the version the form was opened on.
import { changeModelStatusAction, disableModelAction, retireModelAction } from "@/app/(app)/models/status-actions";
import { FieldError, FormAlert } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

const REASON_KINDS = [
  { value: "incident", label: "Incident (reliability)" },
  { value: "security", label: "Security" },
  { value: "compliance", label: "Compliance" },
  { value: "provider_change", label: "Provider change" },
] as const;

export type MoveKind = "disable" | "retire" | "other";

const ACTIONS = { disable: disableModelAction, retire: retireModelAction, other: changeModelStatusAction };

export function StatusMoveForm({
  modelId,
  version,
  to,
  kind,
  label,
  reasonRequired,
  confirmText,
}: {
  modelId: string;
  version: number;
  to: string;
  kind: MoveKind;
  label: string;
  reasonRequired: boolean;
  confirmText?: string;
}) {
  const { state, formAction, pending, errorsOf, valueOf } = useFormAction(ACTIONS[kind]);
  const id = (name: string) => `${name}-${to}`;
  return (
    <form
      action={formAction}
      className="space-y-2"
      noValidate
      aria-label={label}
      // Remounted after a failed submit, so the fields show what was typed.
      key={state.status === "error" ? `${valueOf("reasonKind")}|${valueOf("reason")}` : "initial"}
      onSubmit={(e) => confirmText && !confirm(confirmText) && e.preventDefault()}
    >
      <input type="hidden" name="modelId" value={modelId} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="to" value={to} />
      {state.status === "error" && (
        <FormAlert>{state.code === "validation" && Object.keys(state.fieldErrors ?? {}).length ? "Some fields need attention." : state.message}</FormAlert>
      )}
      {kind === "disable" && (
        <div>
          <label htmlFor={id("reasonKind")} className="block text-sm font-medium">
            Kind of reason
          </label>
          <select
            id={id("reasonKind")}
            name="reasonKind"
            className="input mt-1"
            defaultValue={valueOf("reasonKind") ?? ""}
            aria-invalid={!!errorsOf("reasonKind")}
            aria-describedby={id("reasonKind-error")}
          >
            <option value="">Choose…</option>
            {REASON_KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </select>
          <FieldError id={id("reasonKind-error")} messages={errorsOf("reasonKind")} />
        </div>
      )}
      <div>
        <label htmlFor={id("reason")} className="block text-sm font-medium">
          Reason{reasonRequired ? "" : " (optional)"}
        </label>
        <textarea
          id={id("reason")}
          name="reason"
          rows={2}
          className="input mt-1"
          defaultValue={valueOf("reason") ?? ""}
          aria-invalid={!!errorsOf("reason")}
          aria-describedby={id("reason-error")}
        />
        <FieldError id={id("reason-error")} messages={errorsOf("reason")} />
      </div>
      <button type="submit" className={kind === "other" ? "btn-secondary" : "btn-danger"} disabled={pending}>
        {pending ? "Saving…" : label}
      </button>
    </form>
  );
}
