"use server";
import { handleForm } from "@/lib/server/action";
import type { FormState } from "@/lib/server/form-state";
import { createWebhook, disableWebhook, sendTestDelivery } from "@/lib/webhooks/webhook-service";

export async function createWebhookAction(
  _prev: FormState<{ url: string; secret: string }>,
  form: FormData,
): Promise<FormState<{ url: string; secret: string }>> {
  return handleForm(form, {
    lists: ["events"],
    run: (input, { prisma, actor }) => createWebhook(prisma, actor, input),
    revalidate: ["/admin/webhooks"],
    ok: (created) => ({ data: { url: created.url, secret: created.secret } }),
  });
}

export async function disableWebhookAction(_prev: FormState, form: FormData): Promise<FormState> {
  return handleForm(form, {
    run: (input, { prisma, actor }) => disableWebhook(prisma, actor, input),
    revalidate: ["/admin/webhooks"],
    ok: () => ({ message: "Disabled: nothing more is delivered to it." }),
  });
}

/** The test is sent and logged either way; `delivered` says whether the receiver took it. */
export async function sendTestDeliveryAction(_prev: FormState<{ delivered: boolean }>, form: FormData): Promise<FormState<{ delivered: boolean }>> {
  return handleForm(form, {
    run: (input, { prisma, actor }) => sendTestDelivery(prisma, actor, input),
    revalidate: ["/admin/webhooks"],
    ok: (result) => ({
      message: result.ok ? `Delivered: the receiver answered ${result.statusCode} in ${result.durationMs} ms.` : `Not delivered: ${result.error}.`,
      data: { delivered: result.ok },
    }),
  });
}
