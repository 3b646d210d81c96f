// The events Warden delivers to webhooks. Later capabilities add theirs here; a webhook subscribes to
// a list of them.
export const WEBHOOK_EVENTS = ["change_request.opened", "change_request.decided", "model.disabled"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Sent only by the "send a test delivery" button. */
export const TEST_EVENT = "webhook.test";

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  "change_request.opened": "A change request is opened",
  "change_request.decided": "A change request is approved, rejected or applied",
  "model.disabled": "A model is disabled",
};
