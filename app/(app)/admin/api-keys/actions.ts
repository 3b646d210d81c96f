"use server";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-key-service";
import { handleForm } from "@/lib/server/action";
import type { FormState } from "@/lib/server/form-state";

export async function createApiKeyAction(_prev: FormState<{ key: string; name: string }>, form: FormData): Promise<FormState<{ key: string; name: string }>> {
  return handleForm(form, {
    lists: ["scopes"],
    run: (input, { prisma, actor }) => createApiKey(prisma, actor, input),
    revalidate: ["/admin/api-keys"],
    ok: (created) => ({ data: { key: created.key, name: created.name } }),
  });
}

export async function revokeApiKeyAction(_prev: FormState, form: FormData): Promise<FormState> {
  return handleForm(form, {
    run: (input, { prisma, actor }) => revokeApiKey(prisma, actor, input),
    revalidate: ["/admin/api-keys"],
    ok: () => ({ message: "Key revoked." }),
  });
}
