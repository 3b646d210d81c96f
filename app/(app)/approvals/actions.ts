"use server";
// Browser forms of the change-request service: open, decide, withdraw. Every rule (who may decide, one
// person once, the version guard) is checked by lib/approvals; these only shape the form and show the
// outcome.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { decideChangeRequest, openChangeRequest, withdrawChangeRequest } from "@/lib/approvals/change-request-service";
import { currentUser } from "@/lib/auth/current-actor";
import { getPrisma } from "@/lib/db/server-db";
import type { FormState } from "@/lib/server/form-state";
import { runAction } from "@/lib/server/run-action";

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The form's fields as the service's input: lists stay lists even with one entry. */
function requestInput(form: FormData): Record<string, unknown> {
  const kind = text(form, "kind");
  const common = { kind, modelId: text(form, "modelId"), evidence: form.getAll("evidence").map(String), justification: text(form, "justification") };
  if (kind === "status_change") return { ...common, toStatus: text(form, "toStatus"), workflows: form.getAll("workflows").map(String) };
  return {
    ...common,
    workflow: text(form, "workflow"),
    role: text(form, "role"),
    maxCostPerTaskUsd: text(form, "maxCostPerTaskUsd"),
    languages: text(form, "languages") ?? "",
    fallbackModelId: text(form, "fallbackModelId"),
    validUntil: text(form, "validUntil"),
  };
}

export async function openChangeRequestAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = requestInput(form);
  let id = "";
  const state = await runAction(async () => {
    id = (await openChangeRequest(await getPrisma(), await currentUser(), input)).request.id;
    return { status: "ok" };
  }, input);
  if (state.status !== "ok") return state;
  revalidatePath("/approvals");
  redirect(`/approvals/${id}?done=opened`);
}

export async function decideChangeRequestAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { id: text(form, "id"), decision: text(form, "decision"), comment: text(form, "comment"), version: text(form, "version") };
  let id = "";
  let newState = "";
  const state = await runAction(async () => {
    ({ id, state: newState } = await decideChangeRequest(await getPrisma(), await currentUser(), input));
    return { status: "ok" };
  }, { comment: input.comment });
  if (state.status !== "ok") return state;
  revalidatePath("/approvals");
  revalidatePath("/models", "layout");
  revalidatePath("/workflows", "layout");
  redirect(`/approvals/${id}?done=${input.decision === "reject" ? "rejected" : newState === "applied" ? "applied" : "recorded"}`);
}

export async function withdrawChangeRequestAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = { id: text(form, "id"), version: text(form, "version") };
  const state = await runAction(async () => {
    await withdrawChangeRequest(await getPrisma(), await currentUser(), input);
    return { status: "ok" };
  });
  if (state.status !== "ok") return state;
  revalidatePath("/approvals");
  redirect(`/approvals/${input.id}?done=withdrawn`);
}
