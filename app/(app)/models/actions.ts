"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-actor";
import { formDataToObject } from "@/lib/catalog/model-input";
import { registerModel, updateModel } from "@/lib/catalog/model-service";
import { getPrisma } from "@/lib/db/server-db";
import type { FormState } from "@/lib/server/form-state";
import { runAction } from "@/lib/server/run-action";

export async function registerModelAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = formDataToObject(form);
  let id = "";
  const state = await runAction(async () => {
    id = (await registerModel(await getPrisma(), await currentUser(), input)).id;
    return { status: "ok" };
  }, input);
  if (state.status !== "ok") return state;
  revalidatePath("/models");
  redirect(`/models/${id}?saved=registered`);
}

export async function updateModelAction(_prev: FormState, form: FormData): Promise<FormState> {
  const input = formDataToObject(form);
  let id = "";
  const state = await runAction(async () => {
    id = (await updateModel(await getPrisma(), await currentUser(), input)).id;
    return { status: "ok" };
  }, input);
  if (state.status !== "ok") return state;
  revalidatePath("/models");
  redirect(`/models/${id}?saved=updated`);
}
