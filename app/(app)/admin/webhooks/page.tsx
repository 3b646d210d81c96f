import { CreateWebhookForm, WebhookActions } from "@/components/admin/webhook-forms";
import { formatDate, formatDateTime } from "@/lib/catalog/format";
import { requirePage } from "@/lib/server/page";
import type { DeliveryOutcomeKind } from "@/lib/webhooks/webhook-rules";
import { webhooksView } from "@/lib/webhooks/webhooks-view";

export const metadata = { title: "Webhooks" };

const OUTCOME_TONE: Record<DeliveryOutcomeKind, string> = {
  delivered: "text-emerald-700 dark:text-emerald-400",
  failed: "text-red-700 dark:text-red-400",
  queued: "text-slate-600 dark:text-slate-400",
  retrying: "text-amber-700 dark:text-amber-400",
};

export default async function WebhooksPage() {
  const viewer = await requirePage("webhook:manage");
  const { hooks } = await webhooksView(viewer);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Warden posts events as JSON, signed in the <code>X-Warden-Signature</code> header (HMAC-SHA256 of <code>timestamp.body</code> with the webhook&apos;s
          secret). Failed deliveries are retried for about 2.5 hours.
        </p>
      </div>
      <CreateWebhookForm />
      {hooks.length === 0 ? (
        <p className="card text-sm text-slate-600 dark:text-slate-400">No webhooks yet.</p>
      ) : (
        hooks.map((hook) => (
          <section key={hook.id} className="card space-y-3" aria-label={`Webhook ${hook.url}`} data-testid="webhook">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div>
                <p className="break-all font-mono text-sm">{hook.url}</p>
                <p className="text-xs text-slate-500 dark:text-slate-400">
                  {hook.events.join(", ")} · created {formatDate(hook.createdAt)} by {hook.createdBy?.email ?? "cli"}
                  {hook.disabledAt ? ` · disabled ${formatDate(hook.disabledAt)}` : ""}
                </p>
              </div>
              <WebhookActions id={hook.id} url={hook.url} whyNotTest={hook.whyNotTest} whyNotDisable={hook.whyNotDisable} />
            </div>
            {hook.deliveries.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">No deliveries yet.</p>
            ) : (
              <table className="min-w-full text-sm">
                <caption className="sr-only">Latest deliveries to {hook.url}</caption>
                <thead className="text-left text-xs uppercase text-slate-600 dark:text-slate-300">
                  <tr>
                    <th scope="col" className="py-1 pr-3">
                      When
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Event
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Attempts
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Outcome
                    </th>
                    <th scope="col" className="py-1 pr-3">
                      Time
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {hook.deliveries.map((d) => (
                    <tr key={d.id} className="border-t border-slate-100 dark:border-slate-800" data-testid="delivery-row">
                      <td className="py-1 pr-3">{formatDateTime(d.createdAt)}</td>
                      <td className="py-1 pr-3 font-mono text-xs">{d.event}</td>
                      <td className="py-1 pr-3">{d.attempt}</td>
                      <td className={`py-1 pr-3 ${OUTCOME_TONE[d.outcome.kind]}`}>{d.outcome.text}</td>
                      <td className="py-1 pr-3">{d.durationMs === null ? "—" : `${d.durationMs} ms`}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        ))
      )}
    </div>
  );
}
