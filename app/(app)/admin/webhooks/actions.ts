"use server";
import { revalidatePath } from "next/cache";
import { currentUser } from "@/lib/auth/current-actor";
import { getPrisma } from "@/lib/db/server-db";
import type { FormState } from "@/lib/server/form-state";
import { runAction } from "@/lib/server/run-action";
import { createWebhook, disableWebhook, sendTestDelivery } from "@/lib/webhooks/webhook-service";

export async function createWebhookAction(_prev: FormState<{ url: string; secret: string }>, form: FormData): Promise<FormState<{ url: string; secret: string }>> {
  const input = { url: form.get("url"), events: form.getAll("events") };
  return runAction(async () => {
    const created = await createWebhook(await getPrisma(), await currentUser(), input);
    revalidatePath("/admin/webhooks");
    return { status: "ok", data: { url: created.url, secret: created.secret } };
  }, input);
}

export async function disableWebhookAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async () => {
    await disableWebhook(await getPrisma(), await currentUser(), { id: form.get("id") });
    revalidatePath("/admin/webhooks");
    return { status: "ok", message: "Disabled: nothing more is delivered to it." };
  });
}

export async function sendTestDeliveryAction(_prev: FormState, form: FormData): Promise<FormState> {
  return runAction(async () => {
    const result = await sendTestDelivery(await getPrisma(), await currentUser(), { id: form.get("id") });
    revalidatePath("/admin/webhooks");
    return result.ok
      ? { status: "ok", message: `Delivered: the receiver answered ${result.statusCode} in ${result.durationMs} ms.` }
      : { status: "error", code: "bad_request", message: `Not delivered: ${result.error}.` };
  });
}
