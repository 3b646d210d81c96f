"use server";
// Direct status changes from the model page, one action per permission so each is declared once in
// lib/authz/operations.ts: disable (ML lead or compliance), retire (compliance or admin), and the ML
// lead's other moves (→ fallback only, → deprecated, disabled → testing). lib/lifecycle/status-service
// checks the transition, its preconditions, the role and the version; these only carry the form.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-actor";
import { getPrisma } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import { changeModelStatus } from "@/lib/lifecycle/status-service";
import type { FormState } from "@/lib/server/form-state";
import { runAction } from "@/lib/server/run-action";

type Target = "disabled" | "retired" | "other";

function fields(form: FormData) {
  const get = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : undefined;
  };
  return { modelId: get("modelId"), version: get("version"), to: get("to"), reason: get("reason"), reasonKind: get("reasonKind") };
}

async function changeStatus(form: FormData, target: Target): Promise<FormState> {
  const input = fields(form);
  const state = await runAction(async () => {
    // Each action makes only its own kind of move; the service checks the rest.
    if (target !== "other" && input.to !== target) throw new DomainError("validation", `This form only moves a model to ${target}.`);
    if (target === "other" && (input.to === "disabled" || input.to === "retired")) throw new DomainError("validation", `Use the ${input.to === "disabled" ? "disable" : "retire"} form for this move.`);
    await changeModelStatus(await getPrisma(), await currentUser(), input);
    return { status: "ok" };
  }, { reason: input.reason, reasonKind: input.reasonKind });
  if (state.status !== "ok") return state;
  revalidatePath("/models", "layout");
  revalidatePath("/workflows", "layout");
  revalidatePath("/approvals", "layout");
  redirect(`/models/${input.modelId}?saved=${input.to}`);
}

export async function disableModelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return changeStatus(form, "disabled");
}

export async function retireModelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return changeStatus(form, "retired");
}

export async function changeModelStatusAction(_prev: FormState, form: FormData): Promise<FormState> {
  return changeStatus(form, "other");
}
