import "server-only";
// Runs a server action's body and turns expected failures (DomainError) into form state. Anything else,
// including Next's redirect signal, is rethrown.
import { DomainError } from "@/lib/errors";
import type { FormState } from "./form-state";

export async function runAction<T>(body: () => Promise<FormState<T>>, values?: Record<string, unknown>): Promise<FormState<T>> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof DomainError) {
      return { status: "error", code: error.code, message: error.message, fieldErrors: error.fieldErrors, values };
    }
    throw error;
  }
}
