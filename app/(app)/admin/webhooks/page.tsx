import { CreateWebhookForm, WebhookActions } from "@/components/admin/webhook-forms";
import { Forbidden } from "@/components/ui/forbidden";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { formatDate, formatDateTime } from "@/lib/catalog/format";
import { getPrisma } from "@/lib/db/server-db";
import { listWebhooks } from "@/lib/webhooks/webhook-service";

export const metadata = { title: "Webhooks" };

type Delivery = Awaited<ReturnType<typeof listWebhooks>>[number]["deliveries"][number];

function deliveryState(d: Delivery): { text: string; tone: string } {
  if (d.deliveredAt) return { text: `delivered (${d.statusCode})`, tone: "text-emerald-700 dark:text-emerald-400" };
  if (d.gaveUpAt) return { text: `failed: ${d.error ?? "no answer"}`, tone: "text-red-700 dark:text-red-400" };
  if (d.attempt === 0) return { text: "queued", tone: "text-slate-600 dark:text-slate-400" };
  return { text: `retrying: ${d.error ?? ""}${d.nextAttemptAt ? `, next ${formatDateTime(d.nextAttemptAt)}` : ""}`, tone: "text-amber-700 dark:text-amber-400" };
}

export default async function WebhooksPage() {
  const user = await currentUser();
  if (!user || !rolesCan(user.roles, "webhook:manage")) return <Forbidden what="Webhooks are managed by admins." />;
  const hooks = await listWebhooks(await getPrisma(), user);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Warden posts events as JSON, signed in the <code>X-Warden-Signature</code> header (HMAC-SHA256 of <code>timestamp.body</code> with the webhook&apos;s secret). Failed
          deliveries are retried for about 2.5 hours.
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
              <WebhookActions id={hook.id} url={hook.url} disabled={hook.disabledAt !== null} />
            </div>
            {hook.deliveries.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">No deliveries yet.</p>
            ) : (
              <table className="min-w-full text-sm">
                <caption className="sr-only">Latest deliveries to {hook.url}</caption>
                <thead className="text-left text-xs uppercase text-slate-600 dark:text-slate-300">
                  <tr>
                    <th scope="col" className="py-1 pr-3">When</th>
                    <th scope="col" className="py-1 pr-3">Event</th>
                    <th scope="col" className="py-1 pr-3">Attempts</th>
                    <th scope="col" className="py-1 pr-3">Outcome</th>
                    <th scope="col" className="py-1 pr-3">Time</th>
                  </tr>
                </thead>
                <tbody>
                  {hook.deliveries.map((d) => {
                    const state = deliveryState(d);
                    return (
                      <tr key={d.id} className="border-t border-slate-100 dark:border-slate-800" data-testid="delivery-row">
                        <td className="py-1 pr-3">{formatDateTime(d.createdAt)}</td>
                        <td className="py-1 pr-3 font-mono text-xs">{d.event}</td>
                        <td className="py-1 pr-3">{d.attempt}</td>
                        <td className={`py-1 pr-3 ${state.tone}`}>{state.text}</td>
                        <td className="py-1 pr-3">{d.durationMs === null ? "—" : `${d.durationMs} ms`}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
          </section>
        ))
      )}
    </div>
  );
}
