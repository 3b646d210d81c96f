"use server";
// Browser forms of the catalog service: register and edit a model. lib/catalog/model-service checks the
// permission, every field and the edit rules; these carry the form and show the model page after.
import { registerModel, updateModel } from "@/lib/catalog/model-service";
import { handleForm } from "@/lib/server/action";
import type { FormState } from "@/lib/server/form-state";

export async function registerModelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return handleForm(form, {
    run: (input, { prisma, actor }) => registerModel(prisma, actor, input),
    revalidate: ["/models"],
    redirectTo: (model) => `/models/${model.id}?saved=registered`,
  });
}

export async function updateModelAction(_prev: FormState, form: FormData): Promise<FormState> {
  return handleForm(form, {
    run: (input, { prisma, actor }) => updateModel(prisma, actor, input),
    revalidate: ["/models"],
    redirectTo: (model) => `/models/${model.id}?saved=updated`,
  });
}
