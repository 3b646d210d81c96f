"use client";
import { useActionState } from "react";
import { signInWithPassword } from "@/app/sign-in/actions";
import { IDLE } from "@/lib/server/form-state";
import { FieldError, FormAlert } from "@/components/ui/form";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, action, pending] = useActionState(signInWithPassword, IDLE);
  const fieldErrors = state.status === "error" ? state.fieldErrors : undefined;
  const email = state.status === "error" ? String(state.values?.email ?? "") : "";
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.status === "error" && <FormAlert>{state.message}</FormAlert>}
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input id="email" name="email" type="email" autoComplete="username" required defaultValue={email} key={email} className="input mt-1" aria-invalid={!!fieldErrors?.email} aria-describedby="email-error" />
        <FieldError id="email-error" messages={fieldErrors?.email} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input id="password" name="password" type="password" autoComplete="current-password" required className="input mt-1" aria-invalid={!!fieldErrors?.password} aria-describedby="password-error" />
        <FieldError id="password-error" messages={fieldErrors?.password} />
      </div>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
