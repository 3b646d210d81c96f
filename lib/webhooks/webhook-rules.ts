// What may be done with a webhook and how a delivery went, pure: the webhooks page shows these and
// webhook-service.ts refuses by the same answers.
import { formatDateTime } from "@/lib/catalog/format";

interface HookState {
  disabledAt: Date | null;
}

/** Why no test delivery can be sent to the webhook, or null. */
export function testDeliveryRefusal(hook: HookState): string | null {
  return hook.disabledAt ? "This webhook is disabled; create a new one to deliver again." : null;
}

export const ALREADY_DISABLED = "This webhook is already disabled.";

/** Why the webhook cannot be disabled, or null. Disabling is final. */
export function disableRefusal(hook: HookState): string | null {
  return hook.disabledAt ? ALREADY_DISABLED : null;
}

export interface DeliveryLogEntry {
  attempt: number;
  statusCode: number | null;
  error: string | null;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
  gaveUpAt: Date | null;
}

export type DeliveryOutcomeKind = "delivered" | "failed" | "queued" | "retrying";

/** A delivery's outcome as the log shows it: delivered, given up, not yet tried, or waiting to retry. */
export function deliveryOutcome(d: DeliveryLogEntry): { kind: DeliveryOutcomeKind; text: string } {
  if (d.deliveredAt) return { kind: "delivered", text: `delivered (${d.statusCode})` };
  if (d.gaveUpAt) return { kind: "failed", text: `failed: ${d.error ?? "no answer"}` };
  if (d.attempt === 0) return { kind: "queued", text: "queued" };
  return { kind: "retrying", text: `retrying: ${d.error ?? ""}${d.nextAttemptAt ? `, next ${formatDateTime(d.nextAttemptAt)}` : ""}` };
}
