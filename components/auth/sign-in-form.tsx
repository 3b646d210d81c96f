"use client";
import { signInWithPassword } from "@/app/sign-in/actions";
import { FieldError, FormAlert } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { state, formAction, pending, errorsOf, valueOf } = useFormAction(signInWithPassword);
  const email = valueOf("email") ?? "";
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {state.status === "error" && <FormAlert>{state.message}</FormAlert>}
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={email}
          key={email}
          className="input mt-1"
          aria-invalid={!!errorsOf("email")}
          aria-describedby="email-error"
        />
        <FieldError id="email-error" messages={errorsOf("email")} />
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="input mt-1"
          aria-invalid={!!errorsOf("password")}
          aria-describedby="password-error"
        />
        <FieldError id="password-error" messages={errorsOf("password")} />
      </div>
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
