"use client";
// Forms of the people page: create a person (a generated password is shown once), edit one person's
// roles, disable or enable them. The server decides; errors come back per field or as a message.
import { createUserAction, setUserDisabledAction, setUserRolesAction } from "@/app/(app)/admin/users/actions";
import { FieldError, FormAlert } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/authz/permissions";

export function CreateUserForm() {
  const { state, formAction, pending, errorsOf, valueOf, valuesOf } = useFormAction(createUserAction);
  // A role outside the list is reported per entry ("roles.0"); they all belong under the checkboxes.
  const roleErrors =
    state.status === "error"
      ? Object.entries(state.fieldErrors ?? {})
          .filter(([k]) => k.startsWith("roles"))
          .flatMap(([, v]) => v)
      : [];
  return (
    <div className="space-y-3">
      {state.status === "ok" && state.data && (
        <FormAlert tone="success">
          <p>
            Account <strong>{state.data.email}</strong> created.
            {state.data.password ? " Give them this password over a safe channel; it is shown only once:" : ""}
          </p>
          {state.data.password && (
            <code className="mt-2 block break-all rounded bg-white/60 p-2 font-mono text-sm dark:bg-black/30" data-testid="new-user-password">
              {state.data.password}
            </code>
          )}
        </FormAlert>
      )}
      {state.status === "error" && <FormAlert>{state.code === "validation" ? "Some fields need attention." : state.message}</FormAlert>}
      <form action={formAction} className="card grid gap-4 md:grid-cols-4" noValidate aria-label="Create a person">
        <div>
          <label htmlFor="user-email" className="block text-sm font-medium">
            Email
          </label>
          <input id="user-email" name="email" type="email" className="input mt-1" defaultValue={valueOf("email") ?? ""} aria-invalid={!!errorsOf("email")} />
          <FieldError messages={errorsOf("email")} />
        </div>
        <div>
          <label htmlFor="user-name" className="block text-sm font-medium">
            Name
          </label>
          <input id="user-name" name="name" className="input mt-1" defaultValue={valueOf("name") ?? ""} aria-invalid={!!errorsOf("name")} />
          <FieldError messages={errorsOf("name")} />
        </div>
        <div>
          <label htmlFor="user-password" className="block text-sm font-medium">
            Password (blank: generate one)
          </label>
          <input id="user-password" name="password" type="password" autoComplete="new-password" className="input mt-1" aria-invalid={!!errorsOf("password")} />
          <FieldError messages={errorsOf("password")} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Roles</legend>
          {ROLES.map((role) => (
            <label key={role} className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" name="roles" value={role} defaultChecked={valuesOf("roles")?.includes(role) ?? false} /> {ROLE_LABELS[role]}
            </label>
          ))}
          <FieldError messages={roleErrors} />
        </fieldset>
        <div className="flex justify-end md:col-span-4">
          <button className="btn-primary" type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create account"}
          </button>
        </div>
      </form>
    </div>
  );
}

export function UserRolesForm({ id, email, roles }: { id: string; email: string; roles: Role[] }) {
  const { state, formAction, pending } = useFormAction(setUserRolesAction);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-x-3 gap-y-1" aria-label={`Roles of ${email}`}>
      <input type="hidden" name="id" value={id} />
      {ROLES.map((role) => (
        <label key={role} className="flex items-center gap-1 text-xs">
          <input type="checkbox" name="roles" value={role} defaultChecked={roles.includes(role)} /> {ROLE_LABELS[role]}
        </label>
      ))}
      <button type="submit" className="btn-secondary" disabled={pending} aria-label={`Save roles of ${email}`}>
        Save roles
      </button>
      {state.status === "error" && (
        <span role="alert" className="basis-full text-xs text-red-700 dark:text-red-400">
          {state.message}
        </span>
      )}
      {state.status === "ok" && (
        <span role="status" className="basis-full text-xs text-emerald-700 dark:text-emerald-400">
          {state.message}
        </span>
      )}
    </form>
  );
}

export function UserDisableButton({ id, email, disabled }: { id: string; email: string; disabled: boolean }) {
  const { state, formAction, pending } = useFormAction(setUserDisabledAction);
  return (
    <form action={formAction} onSubmit={(e) => !disabled && !confirm(`Disable ${email}? They are signed out from their next request.`) && e.preventDefault()}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <button type="submit" className={disabled ? "btn-secondary" : "btn-danger"} disabled={pending} aria-label={`${disabled ? "Enable" : "Disable"} ${email}`}>
        {disabled ? "Enable" : "Disable"}
      </button>
      {state.status === "error" && (
        <span role="alert" className="ml-2 text-xs text-red-700 dark:text-red-400">
          {state.message}
        </span>
      )}
    </form>
  );
}
