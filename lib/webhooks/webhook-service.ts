import "server-only";
// Administering webhooks (admins): create one (its secret is shown once), disable it, list them with
// their delivery log, and send a signed test delivery at once. Each change is an audit event; secrets
// never leave this module except at creation.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { type Actor, actorUserId, assertCan } from "@/lib/authz/actor";
import { DomainError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseInput } from "@/lib/validation";
import { generateWebhookSecret } from "./signature";
import { type Fetch, attemptUpdate, postDelivery } from "./webhook-dispatcher";
import { TEST_EVENT, WEBHOOK_EVENTS } from "./webhook-events";
import { ALREADY_DISABLED, disableRefusal, testDeliveryRefusal } from "./webhook-rules";

export const createWebhookInput = z.object({
  url: z
    .string()
    .trim()
    .min(1, "Enter the URL deliveries are posted to")
    .max(2000)
    .refine((v) => URL.canParse(v) && ["http:", "https:"].includes(new URL(v).protocol), "Enter an http:// or https:// URL")
    .refine((v) => !URL.canParse(v) || (!new URL(v).username && !new URL(v).password), "Put no credentials in the URL: deliveries are signed instead"),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: `Events must be among ${WEBHOOK_EVENTS.join(", ")}` }))
    .min(1, "Choose at least one event")
    .transform((e) => [...new Set(e)]),
});

const webhookRef = z.object({ id: z.string().uuid("Unknown webhook") });

export async function createWebhook(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  assertCan(actor, "webhook:manage");
  const data = parseInput(createWebhookInput, input);
  const secret = generateWebhookSecret();
  const hook = await prisma.$transaction(async (tx) => {
    const created = await tx.webhook.create({ data: { url: data.url, events: data.events, secret, createdById: actorUserId(actor) } });
    await recordAudit(tx, actor, { action: "webhook.create", targetType: "webhook", targetId: created.id, after: { url: data.url, events: data.events } });
    return created;
  });
  return { id: hook.id, url: hook.url, events: data.events, secret };
}

export async function disableWebhook(prisma: PrismaClient, actor: Actor | null, input: unknown) {
  assertCan(actor, "webhook:manage");
  const { id } = parseInput(webhookRef, input);
  return prisma.$transaction(async (tx) => {
    const hook = await tx.webhook.findUnique({ where: { id } });
    if (!hook) throw new DomainError("not_found", "No such webhook.");
    const refusal = disableRefusal(hook);
    if (refusal) throw new DomainError("conflict", refusal);
    // The conditional update is the guard against a disabling that committed since the read above.
    const { count } = await tx.webhook.updateMany({ where: { id, disabledAt: null }, data: { disabledAt: new Date() } });
    if (count === 0) throw new DomainError("conflict", ALREADY_DISABLED);
    await recordAudit(tx, actor, {
      action: "webhook.disable",
      targetType: "webhook",
      targetId: id,
      before: { disabled: false },
      after: { url: hook.url, disabled: true },
    });
    return { id };
  });
}

export async function listWebhooks(prisma: PrismaClient, actor: Actor | null, deliveriesPerHook = 20) {
  assertCan(actor, "webhook:manage");
  const hooks = await prisma.webhook.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      url: true,
      events: true,
      createdAt: true,
      disabledAt: true,
      createdBy: { select: { email: true } },
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: deliveriesPerHook,
        select: {
          id: true,
          event: true,
          attempt: true,
          statusCode: true,
          error: true,
          createdAt: true,
          deliveredAt: true,
          nextAttemptAt: true,
          gaveUpAt: true,
          durationMs: true,
        },
      },
    },
  });
  return hooks;
}

/** Posts a signed "webhook.test" delivery now and records it in the log; answers how it went. */
export async function sendTestDelivery(prisma: PrismaClient, actor: Actor | null, input: unknown, fetchImpl: Fetch = fetch) {
  assertCan(actor, "webhook:manage");
  const { id } = parseInput(webhookRef, input);
  const hook = await prisma.webhook.findUnique({ where: { id } });
  if (!hook) throw new DomainError("not_found", "No such webhook.");
  const refusal = testDeliveryRefusal(hook);
  if (refusal) throw new DomainError("conflict", refusal);
  const now = new Date();
  const delivery = await prisma.$transaction(async (tx) => {
    const created = await tx.webhookDelivery.create({
      data: {
        webhookId: id,
        event: TEST_EVENT,
        payload: { event: TEST_EVENT, occurredAt: now.toISOString(), data: { message: "A test delivery from Warden." } },
        attempt: 0,
      },
    });
    await recordAudit(tx, actor, { action: "webhook.test", targetType: "webhook", targetId: id, after: { delivery: created.id, url: hook.url } });
    return created;
  });
  const result = await postDelivery(fetchImpl, hook, delivery, now);
  // A test is tried once: a failure is shown to the admin, not retried.
  await prisma.webhookDelivery.update({ where: { id: delivery.id }, data: attemptUpdate(result, 0, new Date(), { retry: false }) });
  return { deliveryId: delivery.id, ...result };
}
