"use server";
import { createUser, setUserDisabled, setUserRoles } from "@/lib/auth/user-service";
import { handleForm } from "@/lib/server/action";
import type { FormState } from "@/lib/server/form-state";

export async function createUserAction(
  _prev: FormState<{ email: string; password?: string }>,
  form: FormData,
): Promise<FormState<{ email: string; password?: string }>> {
  return handleForm(form, {
    lists: ["roles"],
    secret: ["password"],
    run: (input, { prisma, actor }) => createUser(prisma, actor, input),
    revalidate: ["/admin/users"],
    ok: (created) => ({ data: { email: created.email, password: created.generatedPassword } }),
  });
}

export async function setUserRolesAction(_prev: FormState, form: FormData): Promise<FormState> {
  return handleForm(form, {
    lists: ["roles"],
    run: (input, { prisma, actor }) => setUserRoles(prisma, actor, input),
    revalidate: ["/admin/users"],
    ok: () => ({ message: "Roles saved; they apply from the person's next request." }),
  });
}

export async function setUserDisabledAction(_prev: FormState, form: FormData): Promise<FormState> {
  return handleForm(form, {
    run: (input, { prisma, actor }) => setUserDisabled(prisma, actor, input),
    revalidate: ["/admin/users"],
    ok: ({ disabled }) => ({ message: disabled ? "Disabled: signed out from their next request." : "Enabled." }),
  });
}
