import "server-only";
// The webhook outbox: an event is queued as one delivery row per subscribed webhook inside the
// transaction of the change it reports, so a delivery exists exactly when the change committed. The
// dispatcher (webhook-dispatcher.ts) sends them.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { WebhookEvent } from "./webhook-events";

export async function enqueueWebhookEvent(tx: Prisma.TransactionClient, event: WebhookEvent, data: Record<string, unknown>, now = new Date()): Promise<number> {
  const hooks = await tx.webhook.findMany({ where: { disabledAt: null, events: { has: event } }, select: { id: true } });
  if (hooks.length === 0) return 0;
  const payload = { event, occurredAt: now.toISOString(), data } as Prisma.InputJsonValue;
  await tx.webhookDelivery.createMany({ data: hooks.map((h) => ({ webhookId: h.id, event, payload, attempt: 0, nextAttemptAt: now })) });
  return hooks.length;
}
