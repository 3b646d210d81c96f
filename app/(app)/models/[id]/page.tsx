import Link from "next/link";
import { RequestTable } from "@/components/approvals/request-table";
import { AuditHistory } from "@/components/audit/audit-history";
import { StatusBadge } from "@/components/catalog/status-badge";
import { DependencyFlags } from "@/components/lifecycle/dependency-flags";
import { DisableSummary, OutOfService } from "@/components/lifecycle/out-of-service";
import { StatusPanel } from "@/components/lifecycle/status-panel";
import { fact } from "@/components/ui/fact";
import { FormAlert } from "@/components/ui/form";
import { formatDate, formatPrice, formatTokens } from "@/lib/catalog/format";
import { modelView } from "@/lib/catalog/model-view";
import { DEPRECATION_MEANING_LABELS, type ModelStatus, STATUS_LABELS } from "@/lib/catalog/model-vocabulary";
import { orNotFound, requirePage } from "@/lib/server/page";

const SAVED: Record<string, string> = {
  registered: "Model registered. The change is in its history below.",
  updated: "Model updated. The change is in its history below.",
};

export default async function ModelPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
  const viewer = await requirePage("catalog:read");
  const view = await orNotFound(modelView(viewer, id));
  const { model: m, approvals, history, moves, flags, requests, disabled, outOfService, hrefs } = view;
  const modelHref = (name: string) => hrefs.models[name] ?? null;
  const workflowHref = (name: string) => hrefs.workflows[name] ?? null;
  const savedText = saved ? (SAVED[saved] ?? `Status changed to ${STATUS_LABELS[saved as ModelStatus] ?? saved}. The change is in its history below.`) : null;

  return (
    <article className="space-y-6">
      {savedText && (
        <FormAlert tone="success">
          {savedText}
          {saved === "disabled" && disabled && (
            <div className="mt-1" data-testid="disable-result">
              <DisableSummary record={disabled} modelHref={modelHref} workflowHref={workflowHref} />
            </div>
          )}
        </FormAlert>
      )}
      <DependencyFlags flags={flags} />
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            <Link href="/models" className="link">
              Catalog
            </Link>{" "}
            / {m.provider.name}
          </p>
          <h1 className="text-2xl font-semibold">{m.name}</h1>
          <p className="font-mono text-sm">{m.snapshotId}</p>
        </div>
        <div className="flex items-center gap-3">
          <StatusBadge status={m.status} />
          {view.edit.allowed && (
            <Link href={`/models/${m.id}/edit`} className="btn-secondary">
              Edit
            </Link>
          )}
          {view.auditPack.allowed && (
            <a href={`/api/v1/models/${m.id}/audit-pack`} className="btn-secondary" download>
              Audit pack (PDF)
            </a>
          )}
          {view.auditTrail.allowed && (
            <>
              <Link href={`/audit?model=${m.id}`} className="btn-secondary">
                Audit trail
              </Link>
              <Link href={`/compliance/models/${m.id}`} className="btn-secondary">
                Compliance
              </Link>
            </>
          )}
        </div>
      </header>
      {outOfService && (
        <OutOfService
          status={m.status}
          statusReason={m.statusReason}
          departures={outOfService.departures}
          disabled={disabled}
          usedIn={approvals}
          migrationTarget={outOfService.migrationTarget}
          replacements={outOfService.replacements}
          namingItAsFallback={m.fallbackFor}
          approvalsNamingIt={outOfService.approvalsNamingIt}
          modelHref={modelHref}
          workflowHref={workflowHref}
        />
      )}

      <StatusPanel model={m} moves={moves} />

      <section className="card" aria-labelledby="facts">
        <h2 id="facts" className="mb-3 font-semibold">
          Facts
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {fact("Provider", `${m.provider.name} (${m.provider.slug})`)}
          {fact("Family", m.family)}
          {fact("Kind", m.kind.replace("_", " "))}
          {fact("Pinning", m.pinning)}
          {fact("Mode", m.mode)}
          {fact("Owner", m.owner)}
          {fact("Context window", formatTokens(m.contextWindow))}
          {fact("Max output tokens", formatTokens(m.maxOutputTokens))}
          {fact("Input price per 1M tokens", formatPrice(m.inputPricePerMTok))}
          {fact("Output price per 1M tokens", formatPrice(m.outputPricePerMTok))}
          {fact("Cost level", m.costLevel)}
          {fact("Latency level", m.latencyLevel)}
          {fact("Languages", m.languages.join(", ") || null)}
          {fact("Best for", m.bestFor.join(", ") || null)}
          {fact("Release date", formatDate(m.releaseDate))}
          {fact("Last reviewed", formatDate(m.lastReviewedAt))}
          {fact("Next review due", formatDate(m.nextReviewDue))}
          {fact(
            "Provider deprecation",
            m.providerDeprecationDate ? (
              <span data-testid="provider-deprecation">
                {formatDate(m.providerDeprecationDate)}
                {m.providerDeprecationMeaning && ` (${DEPRECATION_MEANING_LABELS[m.providerDeprecationMeaning]})`}
                <span className="block text-xs text-slate-500 dark:text-slate-400">Source: {m.providerDeprecationSource ?? "unknown"}</span>
              </span>
            ) : null,
          )}
          {fact(
            "Fallback",
            m.fallbackModel ? (
              <Link className="link" href={`/models/${m.fallbackModel.id}`}>
                {m.fallbackModel.name}
              </Link>
            ) : null,
          )}
          {fact(
            "Fallback for",
            m.fallbackFor.length
              ? m.fallbackFor.map((f, i) => (
                  <span key={f.id}>
                    {i > 0 && ", "}
                    <Link className="link" href={`/models/${f.id}`}>
                      {f.name}
                    </Link>
                  </span>
                ))
              : null,
          )}
          {m.baseModel &&
            fact(
              "Fine-tuned from",
              <Link className="link" href={`/models/${m.baseModel.id}`}>
                {m.baseModel.name}
              </Link>,
            )}
          {m.fineTuneId && fact("Fine-tune id", m.fineTuneId)}
          {m.trainingData && fact("Training data", m.trainingData)}
          {m.trainingDate && fact("Training date", formatDate(m.trainingDate))}
          {fact("Sources", m.sources.join(", ") || null)}
        </dl>
        {(m.purpose || m.intendedUse || m.limitations || m.notes) && (
          <dl className="mt-4 grid gap-4 md:grid-cols-2">
            {m.purpose && fact("Purpose", m.purpose)}
            {m.intendedUse && fact("Intended use", m.intendedUse)}
            {m.limitations && fact("Limitations", m.limitations)}
            {m.notes && fact("Notes", m.notes)}
          </dl>
        )}
      </section>

      <section className="card" aria-labelledby="approvals">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="approvals" className="font-semibold">
            Where it is approved
          </h2>
          {view.requestApproval.allowed && (
            <Link href={`/approvals/new?model=${m.id}`} className="btn-secondary">
              Request approval for a workflow
            </Link>
          )}
        </div>
        {approvals.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Not approved for any workflow.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
                <tr>
                  <th className="py-1 pr-4">Workflow</th>
                  <th className="py-1 pr-4">As</th>
                  <th className="py-1 pr-4">Max cost per task</th>
                  <th className="py-1 pr-4">Languages</th>
                  <th className="py-1 pr-4">Fallback</th>
                  <th className="py-1 pr-4">Valid until</th>
                  <th className="py-1 pr-4">Evidence</th>
                  <th className="py-1 pr-4">State</th>
                </tr>
              </thead>
              <tbody>
                {approvals.map((a) => (
                  <tr key={a.id} className="border-t border-slate-100 dark:border-slate-800" data-testid="approval-row">
                    <td className="py-1 pr-4">
                      <Link href={`/workflows/${a.workflow.slug}`} className="link">
                        {a.workflow.name}
                      </Link>
                      {a.workflow.riskClass === "high" && <span className="ml-1 text-xs text-amber-700 dark:text-amber-300">(high risk)</span>}
                    </td>
                    <td className="py-1 pr-4">{a.role}</td>
                    <td className="py-1 pr-4">{a.maxCostPerTaskUsd !== null ? `$${a.maxCostPerTaskUsd}` : "—"}</td>
                    <td className="py-1 pr-4">{a.languages.join(", ") || "—"}</td>
                    <td className="py-1 pr-4">{a.fallbackModel?.name ?? "—"}</td>
                    <td className="py-1 pr-4">{formatDate(a.validUntil)}</td>
                    <td className="py-1 pr-4">
                      {a.evidenceRunIds.length
                        ? a.evidenceRunIds.map((runId, i) => (
                            <span key={runId}>
                              {i > 0 && ", "}
                              <Link href={`/evaluations/${runId}`} className="link">
                                run {i + 1}
                              </Link>
                            </span>
                          ))
                        : "—"}
                    </td>
                    <td
                      className={`py-1 pr-4 font-medium ${a.state === "active" ? "text-emerald-700 dark:text-emerald-300" : a.state === "revoked" ? "text-red-700 dark:text-red-400" : "text-amber-700 dark:text-amber-300"}`}
                    >
                      {a.state}
                      {a.revokedReason && <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{a.revokedReason}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="change-requests">
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <h2 id="change-requests" className="font-semibold">
            Change requests
          </h2>
          {requests.total > requests.items.length && (
            <span className="text-xs text-slate-500 dark:text-slate-400">
              The {requests.items.length} most recent of {requests.total}
            </span>
          )}
        </div>
        {requests.items.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No change request names this model.</p>
        ) : (
          <RequestTable items={requests.items} caption="Change requests for this model" showModel={false} />
        )}
      </section>

      {m.deprecationPlans.length > 0 && (
        <section className="card" aria-labelledby="deprecation">
          <h2 id="deprecation" className="mb-3 font-semibold">
            Deprecation plan
          </h2>
          {m.deprecationPlans.map((plan) => (
            <dl key={plan.id} className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
              {fact("Reason", plan.reason)}
              {fact("Soft deadline", formatDate(plan.softDeadline))}
              {fact("Hard deadline", formatDate(plan.hardDeadline))}
              {fact(
                "Migration target",
                plan.migrationTarget ? (
                  <Link className="link" href={`/models/${plan.migrationTarget.id}`}>
                    {plan.migrationTarget.name}
                  </Link>
                ) : null,
              )}
            </dl>
          ))}
        </section>
      )}

      <section className="card" aria-labelledby="history">
        <h2 id="history" className="mb-3 font-semibold">
          History
        </h2>
        <AuditHistory events={history} />
      </section>
    </article>
  );
}
