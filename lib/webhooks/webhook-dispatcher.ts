import "server-only";
// Sends due webhook deliveries: POST the JSON payload signed with the webhook's secret, a 10 s timeout;
// a 2xx answer is delivered, anything else is retried later with growing pauses and given up after the
// last one. Each delivery row records its attempts, status code, error and time, which is the delivery
// log admins see. Delivery is at least once: a receiver may see a delivery id twice after a crash.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { SIGNATURE_HEADER, signWebhookBody } from "./signature";

/** Pause before attempt n+1 after n failed attempts; after the last, the delivery is given up. */
export const RETRY_DELAYS_MS = [10_000, 60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];
const TIMEOUT_MS = 10_000;

export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface AttemptResult {
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export async function postDelivery(
  fetchImpl: Fetch,
  hook: { url: string; secret: string },
  delivery: { id: string; event: string; payload: unknown },
  now: Date,
): Promise<AttemptResult> {
  const body = JSON.stringify({ id: delivery.id, ...(delivery.payload as object) });
  const started = performance.now();
  try {
    const response = await fetchImpl(hook.url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Warden-Webhooks/1",
        "x-warden-event": delivery.event,
        "x-warden-delivery": delivery.id,
        [SIGNATURE_HEADER]: signWebhookBody(hook.secret, body, Math.floor(now.getTime() / 1000)),
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    await response.body?.cancel();
    const ok = response.status >= 200 && response.status < 300;
    return { ok, statusCode: response.status, error: ok ? null : `answered ${response.status}`, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    // fetch says only "fetch failed"; the reason (refused, unknown host, TLS) is in its cause.
    const cause = (error as { cause?: { code?: string; message?: string; errors?: { code?: string }[] } }).cause;
    const reason = cause?.code ?? cause?.errors?.find((e) => e.code)?.code ?? cause?.message;
    const message =
      (error as Error).name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : `${(error as Error).message}${reason ? ` (${reason})` : ""}`;
    return { ok: false, statusCode: null, error: message, durationMs: Math.round(performance.now() - started) };
  }
}

/** Records an attempt's outcome on its row: delivered, due again later, or given up. */
export function attemptUpdate(result: AttemptResult, attemptsBefore: number, now: Date, options: { retry?: boolean } = {}) {
  const attempt = attemptsBefore + 1;
  if (result.ok) return { attempt, statusCode: result.statusCode, error: null, durationMs: result.durationMs, deliveredAt: now, nextAttemptAt: null };
  const delay = options.retry === false ? undefined : RETRY_DELAYS_MS[attempt - 1];
  return {
    attempt,
    statusCode: result.statusCode,
    error: result.error,
    durationMs: result.durationMs,
    nextAttemptAt: delay === undefined ? null : new Date(now.getTime() + delay),
    ...(delay === undefined ? { gaveUpAt: now } : {}),
  };
}

/** How long a claimed delivery is left to its dispatcher before another may try it (a crash mid-send). */
const LEASE_MS = 60_000;

export async function deliverDueWebhooks(
  prisma: PrismaClient,
  options: { fetch?: Fetch; now?: () => Date; limit?: number } = {},
): Promise<{ delivered: number; failed: number }> {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? (() => new Date());
  const limit = options.limit ?? 50;
  let delivered = 0;
  let failed = 0;
  while (delivered + failed < limit) {
    // Claimed by pushing its due time past a lease, in one statement: no transaction stays open during
    // the HTTP call (the embedded database has one connection), and two dispatchers never take the same row.
    const at = now();
    const [claimed] = await prisma.$queryRaw<{ id: string }[]>`
      UPDATE "WebhookDelivery" SET "nextAttemptAt" = ${new Date(at.getTime() + LEASE_MS)}
      WHERE "id" = (
        SELECT "id" FROM "WebhookDelivery"
        WHERE "deliveredAt" IS NULL AND "gaveUpAt" IS NULL AND "nextAttemptAt" <= ${at}
        ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING "id"`;
    if (!claimed) break;
    const delivery = await prisma.webhookDelivery.findUniqueOrThrow({
      where: { id: claimed.id },
      include: { webhook: { select: { url: true, secret: true, disabledAt: true } } },
    });
    if (delivery.webhook.disabledAt) {
      await prisma.webhookDelivery.update({
        where: { id: delivery.id },
        data: { gaveUpAt: at, error: "webhook disabled before delivery", nextAttemptAt: null },
      });
      failed += 1;
      continue;
    }
    const result = await postDelivery(fetchImpl, delivery.webhook, delivery, at);
    await prisma.webhookDelivery.update({ where: { id: delivery.id }, data: attemptUpdate(result, delivery.attempt, now()) });
    if (result.ok) delivered += 1;
    else failed += 1;
  }
  return { delivered, failed };
}

let running: Promise<unknown> | null = null;
let again = false;

/** Runs the dispatcher now (after a change queued deliveries) unless it is running; then once more. */
export function kickWebhookDispatcher(prisma: PrismaClient): void {
  if (running) {
    again = true;
    return;
  }
  running = deliverDueWebhooks(prisma)
    .catch((error) => console.error("webhook dispatcher:", error))
    .finally(() => {
      running = null;
      if (again) {
        again = false;
        kickWebhookDispatcher(prisma);
      }
    });
}
