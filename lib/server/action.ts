import "server-only";
// The one way a browser form acts (docs/layout.md, "Forms: one action helper and one hook").
// It reads FormData the same way everywhere, runs the lib/ service with the signed-in actor, turns an
// expected failure (DomainError) into the form's message and field errors, and on success revalidates
// and redirects. Authorization, validation and the lifecycle rules stay in the service: this only
// carries the form to it and the outcome back.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-actor";
import type { Actor } from "@/lib/authz/actor";
import { getPrisma } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { assertStorableText } from "@/lib/validation/storable-text";
import { type FormInput, readForm } from "./form-input";
import type { FormState } from "./form-state";

export type { FormInput } from "./form-input";

export interface ActionContext {
  prisma: PrismaClient;
  actor: Actor | null;
}

/** A path to revalidate, or [path, "layout"] for everything under it. */
export type RevalidateTarget = string | readonly [string, "layout" | "page"];

export interface FormActionSpec<R, T> {
  /** Fields that may repeat (checkboxes, multi-selects): read as arrays even with one value. */
  lists?: readonly string[];
  /** Fields never sent back to the form on an error (passwords, secrets, files are never sent back). */
  secret?: readonly string[];
  /** Calls the lib/ service; the service checks the actor's permission and every rule. */
  run: (input: FormInput, context: ActionContext) => Promise<R>;
  revalidate?: readonly RevalidateTarget[] | ((result: R, input: FormInput) => readonly RevalidateTarget[]);
  /** Where to go after a success; without it the form gets { status: "ok" } and stays. */
  redirectTo?: (result: R, input: FormInput) => string;
  /** The success message and data shown in place (when there is no redirect). */
  ok?: (result: R, input: FormInput) => { message?: string; data?: T };
}

export async function handleForm<R, T = undefined>(form: FormData, spec: FormActionSpec<R, T>): Promise<FormState<T>> {
  const input = readForm(form, spec.lists);
  let result: R;
  try {
    // A field the database cannot store (a NUL character) is named like any other invalid field.
    assertStorableText(Object.fromEntries(Object.entries(input).filter(([, value]) => !(value instanceof File))));
    result = await spec.run(input, { prisma: await getPrisma(), actor: await currentUser() });
  } catch (error) {
    if (error instanceof DomainError) {
      return { status: "error", code: error.code, message: error.message, fieldErrors: error.fieldErrors, values: echoValues(input, spec.secret) };
    }
    throw error;
  }
  const targets = typeof spec.revalidate === "function" ? spec.revalidate(result, input) : (spec.revalidate ?? []);
  for (const target of targets) {
    if (typeof target === "string") revalidatePath(target);
    else revalidatePath(target[0], target[1]);
  }
  // redirect() throws Next's navigation signal: it must run outside the try above.
  if (spec.redirectTo) redirect(spec.redirectTo(result, input));
  const { message, data } = spec.ok?.(result, input) ?? {};
  return { status: "ok", ...(message !== undefined && { message }), ...(data !== undefined && { data }) };
}

/** What the form shows again after an error: what was typed, never files or secrets. */
function echoValues(input: FormInput, secret: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([name, value]) => !secret.includes(name) && !(value instanceof File)));
}
