"use server";
import { revalidatePath } from "next/cache";
import { currentUser } from "@/lib/auth/current-actor";
import { createUser, setUserDisabled, setUserRoles } from "@/lib/auth/user-service";
import { getPrisma } from "@/lib/db/server-db";
import type { FormState } from "@/lib/server/form-state";
import { runAction } from "@/lib/server/run-action";

export async function createUserAction(_prev: FormState<{ email: string; password?: string }>, form: FormData): Promise<FormState<{ email: string; password?: string }>> {
  const input = { email: form.get("email"), name: form.get("name"), roles: form.getAll("roles"), password: form.get("password") || undefined };
  return runAction(async () => {
    const created = await createUser(await getPrisma(), await currentUser(), input);
    revalidatePath("/admin/users");
    return { status: "ok", data: { email: created.email, password: created.generatedPassword } };
  }, { email: input.email, name: input.name, roles: input.roles });
}

export async function setUserRolesAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async () => {
    await setUserRoles(await getPrisma(), await currentUser(), { id: form.get("id"), roles: form.getAll("roles") });
    revalidatePath("/admin/users");
    return { status: "ok", message: "Roles saved; they apply from the person's next request." };
  });
}

export async function setUserDisabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async () => {
    const { disabled } = await setUserDisabled(await getPrisma(), await currentUser(), { id: form.get("id"), disabled: form.get("disabled"), reason: form.get("reason") || undefined });
    revalidatePath("/admin/users");
    return { status: "ok", message: disabled ? "Disabled: signed out from their next request." : "Enabled." };
  });
}
