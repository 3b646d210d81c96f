"use server";
import { revalidatePath } from "next/cache";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-key-service";
import { currentUser } from "@/lib/auth/current-actor";
import { getPrisma } from "@/lib/db/server-db";
import type { FormState } from "@/lib/server/form-state";
import { runAction } from "@/lib/server/run-action";

export async function createApiKeyAction(_prev: FormState<{ key: string; name: string }>, form: FormData): Promise<FormState<{ key: string; name: string }>> {
  const input = { name: form.get("name"), scopes: form.getAll("scopes"), expiresAt: form.get("expiresAt") || undefined };
  return runAction(async () => {
    const created = await createApiKey(await getPrisma(), await currentUser(), input);
    revalidatePath("/admin/api-keys");
    return { status: "ok", data: { key: created.key, name: created.name } };
  }, { name: input.name });
}

export async function revokeApiKeyAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async () => {
    await revokeApiKey(await getPrisma(), await currentUser(), { id: form.get("id") });
    revalidatePath("/admin/api-keys");
    return { status: "ok", message: "Key revoked." };
  });
}
