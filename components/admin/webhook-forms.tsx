"use client";
// The webhooks page's forms: create (the signing secret is shown once), send a test delivery, disable.
import { useActionState } from "react";
import { createWebhookAction, disableWebhookAction, sendTestDeliveryAction } from "@/app/(app)/admin/webhooks/actions";
import { FieldError, FormAlert } from "@/components/ui/form";
import { type FormState, IDLE } from "@/lib/server/form-state";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "@/lib/webhooks/webhook-events";

export function CreateWebhookForm() {
  const [state, action, pending] = useActionState(createWebhookAction, IDLE as FormState<{ url: string; secret: string }>);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const eventErrors = Object.entries(errors).filter(([k]) => k.startsWith("events")).flatMap(([, v]) => v);
  return (
    <div className="space-y-3">
      {state.status === "ok" && state.data && (
        <FormAlert tone="success">
          <p>
            Webhook for <strong>{state.data.url}</strong> created. Its signing secret is shown only once; store it with the receiver:
          </p>
          <code className="mt-2 block break-all rounded bg-white/60 p-2 font-mono text-sm dark:bg-black/30" data-testid="new-webhook-secret">
            {state.data.secret}
          </code>
        </FormAlert>
      )}
      {state.status === "error" && <FormAlert>{state.code === "validation" ? "Some fields need attention." : state.message}</FormAlert>}
      <form action={action} className="card grid gap-4 md:grid-cols-3" noValidate aria-label="Create a webhook">
        <div className="md:col-span-2">
          <label htmlFor="webhook-url" className="block text-sm font-medium">
            Payload URL
          </label>
          <input id="webhook-url" name="url" type="url" className="input mt-1" placeholder="https://hooks.example.com/warden" defaultValue={String(values.url ?? "")} aria-invalid={!!errors.url} />
          <FieldError messages={errors.url} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Events</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={event} defaultChecked={Array.isArray(values.events) && values.events.includes(event)} />
              <span>
                <span className="font-mono text-xs">{event}</span> <span className="text-xs text-slate-500 dark:text-slate-400">{WEBHOOK_EVENT_LABELS[event]}</span>
              </span>
            </label>
          ))}
          <FieldError messages={eventErrors} />
        </fieldset>
        <div className="flex justify-end md:col-span-3">
          <button className="btn-primary" type="submit" disabled={pending}>
            {pending ? "Creating…" : "Create webhook"}
          </button>
        </div>
      </form>
    </div>
  );
}

export function WebhookActions({ id, url, disabled }: { id: string; url: string; disabled: boolean }) {
  const [test, testAction, testing] = useActionState(sendTestDeliveryAction, IDLE);
  const [off, offAction, disabling] = useActionState(disableWebhookAction, IDLE);
  if (disabled) return null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <form action={testAction}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="btn-secondary" disabled={testing} aria-label={`Send a test delivery to ${url}`}>
          {testing ? "Sending…" : "Send test delivery"}
        </button>
      </form>
      <form action={offAction} onSubmit={(e) => !confirm(`Disable the webhook for ${url}? Nothing more is delivered to it.`) && e.preventDefault()}>
        <input type="hidden" name="id" value={id} />
        <button type="submit" className="btn-danger" disabled={disabling} aria-label={`Disable the webhook for ${url}`}>
          Disable
        </button>
      </form>
      <div aria-live="polite" className="basis-full text-xs">
        {test.status === "ok" && <span className="text-emerald-700 dark:text-emerald-400" data-testid="test-delivery-result">{test.message}</span>}
        {test.status === "error" && <span className="text-red-700 dark:text-red-400" data-testid="test-delivery-result">{test.message}</span>}
        {off.status === "error" && <span className="text-red-700 dark:text-red-400">{off.message}</span>}
      </div>
    </div>
  );
}
