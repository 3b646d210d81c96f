"use client";
// The webhooks page's forms: create (the signing secret is shown once), send a test delivery, disable.
import { createWebhookAction, disableWebhookAction, sendTestDeliveryAction } from "@/app/(app)/admin/webhooks/actions";
import { FieldError, FormAlert } from "@/components/ui/form";
import { useFormAction } from "@/components/ui/use-form-action";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "@/lib/webhooks/webhook-events";

export function CreateWebhookForm() {
  const { state, formAction, pending, errorsOf, valueOf, valuesOf } = useFormAction(createWebhookAction);
  // An event outside the list is reported per entry ("events.0"); they all belong under the checkboxes.
  const eventErrors =
    state.status === "error"
      ? Object.entries(state.fieldErrors ?? {})
          .filter(([k]) => k.startsWith("events"))
          .flatMap(([, v]) => v)
      : [];
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
      <form action={formAction} className="card grid gap-4 md:grid-cols-3" noValidate aria-label="Create a webhook">
        <div className="md:col-span-2">
          <label htmlFor="webhook-url" className="block text-sm font-medium">
            Payload URL
          </label>
          <input
            id="webhook-url"
            name="url"
            type="url"
            className="input mt-1"
            placeholder="https://hooks.example.com/warden"
            defaultValue={valueOf("url") ?? ""}
            aria-invalid={!!errorsOf("url")}
          />
          <FieldError messages={errorsOf("url")} />
        </div>
        <fieldset>
          <legend className="text-sm font-medium">Events</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="mt-1 flex items-center gap-2 text-sm">
              <input type="checkbox" name="events" value={event} defaultChecked={valuesOf("events")?.includes(event) ?? false} />
              <span>
                <span className="font-mono text-xs">{event}</span>{" "}
                <span className="text-xs text-slate-500 dark:text-slate-400">{WEBHOOK_EVENT_LABELS[event]}</span>
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

/** Test and disable, each offered only while the webhook allows it (the view says why not). */
export function WebhookActions({ id, url, whyNotTest, whyNotDisable }: { id: string; url: string; whyNotTest: string | null; whyNotDisable: string | null }) {
  const test = useFormAction(sendTestDeliveryAction);
  const off = useFormAction(disableWebhookAction);
  if (whyNotTest && whyNotDisable) return null;
  const delivered = test.state.status === "ok" && test.state.data?.delivered;
  return (
    <div className="flex flex-wrap items-center gap-2">
      {!whyNotTest && (
        <form action={test.formAction}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" className="btn-secondary" disabled={test.pending} aria-label={`Send a test delivery to ${url}`}>
            {test.pending ? "Sending…" : "Send test delivery"}
          </button>
        </form>
      )}
      {!whyNotDisable && (
        <form action={off.formAction} onSubmit={(e) => !confirm(`Disable the webhook for ${url}? Nothing more is delivered to it.`) && e.preventDefault()}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" className="btn-danger" disabled={off.pending} aria-label={`Disable the webhook for ${url}`}>
            Disable
          </button>
        </form>
      )}
      <div aria-live="polite" className="basis-full text-xs">
        {test.state.status !== "idle" && (
          <span className={delivered ? "text-emerald-700 dark:text-emerald-400" : "text-red-700 dark:text-red-400"} data-testid="test-delivery-result">
            {test.state.message}
          </span>
        )}
        {off.state.status === "error" && <span className="text-red-700 dark:text-red-400">{off.state.message}</span>}
      </div>
    </div>
  );
}
