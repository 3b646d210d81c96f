"use client";
import { createApiKeyAction, revokeApiKeyAction } from "@/app/(app)/admin/api-keys/actions";
import { FieldError, FormAlert } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import { API_KEY_SCOPES } from "@/lib/authz/permissions";

const SCOPE_HELP: Record<(typeof API_KEY_SCOPES)[number], string> = {
  read: "read the catalog and analytics",
  "ingest:write": "send usage events",
  "catalog:write": "register models, evaluations and change requests",
};

export function CreateApiKeyForm() {
  const { state, formAction, pending, errorsOf, valueOf, valuesOf } = useFormAction(createApiKeyAction);
  return (
    <div className="space-y-3">
      {state.status === "ok" && state.data && (
        <FormAlert tone="success">
          <p>
            Key <strong>{state.data.name}</strong> created. Copy it now: it is shown only once.
          </p>
          <code className="mt-2 block break-all rounded bg-white/60 p-2 font-mono text-sm dark:bg-black/30" data-testid="new-api-key">
            {state.data.key}
          </code>
        </FormAlert>
      )}
      {state.status === "error" && <FormAlert>{state.code === "validation" ? "Some fields need attention." : state.message}</FormAlert>}
      <form action={formAction} className="card grid gap-4 md:grid-cols-3" noValidate>
        <div>
          <label htmlFor="key-name" className="block text-sm font-medium">
            Name
          </label>
          <input
            id="key-name"
            name="name"
            className="input mt-1"
            placeholder="ci-pipeline"
            defaultValue={valueOf("name") ?? ""}
            aria-invalid={!!errorsOf("name")}
          />
          <FieldError messages={errorsOf("name")} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Scopes</legend>
          {API_KEY_SCOPES.map((scope) => (
            <label key={scope} className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" name="scopes" value={scope} defaultChecked={valuesOf("scopes")?.includes(scope) ?? false} />{" "}
              <span className="font-mono">{scope}</span>
              <span className="text-xs text-slate-500 dark:text-slate-400">{SCOPE_HELP[scope]}</span>
            </label>
          ))}
          <FieldError messages={errorsOf("scopes")} />
        </fieldset>
        <div>
          <label htmlFor="key-expires" className="block text-sm font-medium">
            Expires (optional)
          </label>
          <input
            id="key-expires"
            name="expiresAt"
            type="date"
            className="input mt-1"
            defaultValue={valueOf("expiresAt") ?? ""}
            aria-invalid={!!errorsOf("expiresAt")}
          />
          <FieldError messages={errorsOf("expiresAt")} />
        </div>
        <div className="md:col-span-3 flex justify-end">
          <button className="btn-primary" type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create key"}
          </button>
        </div>
      </form>
    </div>
  );
}

export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const { state, formAction, pending } = useFormAction(revokeApiKeyAction);
  return (
    <form action={formAction} onSubmit={(e) => !confirm(`Revoke key "${name}"? Clients using it stop working at once.`) && e.preventDefault()}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" className="btn-danger" disabled={pending} aria-label={`Revoke ${name}`}>
        Revoke
      </button>
      {state.status === "error" && <span className="ml-2 text-xs text-red-700 dark:text-red-400">{state.message}</span>}
    </form>
  );
}
