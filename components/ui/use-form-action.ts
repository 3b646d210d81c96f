"use client";
// The one client hook for forms backed by a server action (lib/server/action.ts): the pending flag,
// the outcome, and per field its errors and the value to show again after a failed submit.
import { useActionState } from "react";
import type { FormState } from "@/lib/server/form-state";

export function useFormAction<T = undefined>(action: (state: FormState<T>, form: FormData) => Promise<FormState<T>>) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as FormState<T>);
  const failed = state.status === "error" ? state : undefined;
  return {
    state,
    formAction,
    pending,
    /** The messages for one field after a failed submit. */
    errorsOf: (name: string): string[] | undefined => failed?.fieldErrors?.[name],
    /** What was typed in a field before a failed submit, to show it again. */
    valueOf: (name: string): string | undefined => {
      const value = failed?.values?.[name];
      return typeof value === "string" ? value : undefined;
    },
    /** What was chosen in a list field before a failed submit. */
    valuesOf: (name: string): string[] | undefined => {
      const value = failed?.values?.[name];
      return Array.isArray(value) ? value.map(String) : undefined;
    },
  };
}
