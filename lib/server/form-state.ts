// The result a server action hands back to its form: nothing yet, a success, or an error with the
// message to show and the fields it concerns.
import type { ErrorCode } from "@/lib/errors";

export type FormState<T = undefined> =
  | { status: "idle" }
  | { status: "ok"; message?: string; data?: T }
  | { status: "error"; code: ErrorCode | "internal"; message: string; fieldErrors?: Record<string, string[]>; values?: Record<string, unknown> };

export const IDLE: FormState = { status: "idle" };
