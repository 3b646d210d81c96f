import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { AuditHistory } from "@/components/audit/audit-history";
import { StatusBadge } from "@/components/catalog/status-badge";
import { FormAlert } from "@/components/ui/form";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { formatDate, formatPrice, formatTokens } from "@/lib/catalog/format";
import { getModelDetail } from "@/lib/catalog/model-detail";
import { DEPRECATION_MEANING_LABELS } from "@/lib/catalog/model-vocabulary";
import { getPrisma } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";

export default async function ModelPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
  const user = await currentUser();
  const { model: m, approvals, history } = await getModelDetail(await getPrisma(), user, id).catch((error) => {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  });
  const canEdit = user && rolesCan(user.roles, "model:edit") && m.status === "testing";
  const fact = (label: string, value: ReactNode) => (
    <div>
      <dt className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 text-sm">{value ?? "—"}</dd>
    </div>
  );
  return (
    <article className="space-y-6">
      {saved && <FormAlert tone="success">Model {saved}. The change is in its history below.</FormAlert>}
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
          {canEdit && (
            <Link href={`/models/${m.id}/edit`} className="btn-secondary">
              Edit
            </Link>
          )}
        </div>
      </header>
      {m.statusReason && <FormAlert tone="info">Status reason: {m.statusReason}</FormAlert>}

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
        <h2 id="approvals" className="mb-3 font-semibold">
          Where it is approved
        </h2>
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
                  <th className="py-1 pr-4">State</th>
                </tr>
              </thead>
              <tbody>
                {approvals.map((a) => (
                  <tr key={a.id} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="py-1 pr-4">
                      {a.workflow.name}
                      {a.workflow.riskClass === "high" && <span className="ml-1 text-xs text-amber-700 dark:text-amber-300">(high risk)</span>}
                    </td>
                    <td className="py-1 pr-4">{a.role}</td>
                    <td className="py-1 pr-4">{a.maxCostPerTaskUsd !== null ? `$${a.maxCostPerTaskUsd}` : "—"}</td>
                    <td className="py-1 pr-4">{a.languages.join(", ") || "—"}</td>
                    <td className="py-1 pr-4">{a.fallbackModel?.name ?? "—"}</td>
                    <td className="py-1 pr-4">{formatDate(a.validUntil)}</td>
                    <td className="py-1 pr-4">{a.state}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
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
