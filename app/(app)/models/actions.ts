"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { Actor } from "@/lib/authz/actor";
import { currentUser } from "@/lib/auth/current-actor";
import { formDataToObject } from "@/lib/catalog/model-input";
import { registerModel, updateModel } from "@/lib/catalog/model-service";
import { getPrisma } from "@/lib/db/server-db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { FormState } from "@/lib/server/form-state";
import { runAction } from "@/lib/server/run-action";

type ModelSave = (prisma: PrismaClient, actor: Actor | null, input: unknown) => Promise<{ id: string }>;

/** Runs the service; on success shows the model page, on an expected failure returns the form state. */
async function saveModel(form: FormData, save: ModelSave, saved: "registered" | "updated"): Promise<FormState> {
  const input = formDataToObject(form);
  let id = "";
  const state = await runAction(async () => {
    id = (await save(await getPrisma(), await currentUser(), input)).id;
    return { status: "ok" };
  }, input);
  if (state.status !== "ok") return state;
  revalidatePath("/models");
  redirect(`/models/${id}?saved=${saved}`);
}

export async function registerModelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return saveModel(form, registerModel, "registered");
}

export async function updateModelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return saveModel(form, updateModel, "updated");
}
