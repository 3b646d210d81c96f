import Link from "next/link";
import { describeKind } from "@/components/approvals/request-text";
import { AuditHistory } from "@/components/audit/audit-history";
import { StatusBadge } from "@/components/catalog/status-badge";
import { fact } from "@/components/ui/fact";
import { ImpactList } from "@/components/workflows/impact-panel";
import { RiskBadge } from "@/components/workflows/risk-badge";
import { formatDate, formatTokens } from "@/lib/catalog/format";
import { orNotFound, requirePage } from "@/lib/server/page";
import { workflowView } from "@/lib/workflows/workflow-view";

export const metadata = { title: "Workflow" };

const APPROVAL_STATE_STYLES: Record<string, string> = {
  active: "text-emerald-700 dark:text-emerald-300",
  expired: "text-amber-700 dark:text-amber-300",
  revoked: "text-red-700 dark:text-red-400",
};

export default async function WorkflowPage({ params }: { params: Promise<{ slug: string }> }) {
  const viewer = await requirePage("catalog:read");
  const { slug } = await params;
  const {
    workflow: w,
    approvals,
    primary,
    fallbacks,
    openRequests,
    candidates,
    impacts,
    history,
    thresholds,
    workflowHrefs,
    whyNotRequest,
  } = await orNotFound(workflowView(viewer, slug));
  const workflowHref = (id: string) => workflowHrefs[id] ?? null;

  const serving = (rows: typeof primary, empty: string) =>
    rows.length ? (
      <ul className="space-y-1 text-sm">
        {rows.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-2">
            <Link href={`/models/${a.model.id}`} className="link">
              {a.model.name}
            </Link>
            <StatusBadge status={a.model.status} />
            <span className="text-xs text-slate-500 dark:text-slate-400">until {a.validUntil ? formatDate(a.validUntil) : "no end date"}</span>
          </li>
        ))}
      </ul>
    ) : (
      <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p>
    );

  return (
    <article className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            <Link href="/workflows" className="link">
              Workflows
            </Link>{" "}
            / <span className="font-mono">{w.slug}</span>
          </p>
          <h1 className="text-2xl font-semibold">{w.name}</h1>
          {w.description && <p className="max-w-3xl text-sm text-slate-600 dark:text-slate-400">{w.description}</p>}
        </div>
        <RiskBadge riskClass={w.riskClass} />
      </header>
      {primary.length === 0 && (
        <p
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
          role="alert"
          data-testid="workflow-at-risk"
        >
          At risk: no model is approved as its primary right now.
        </p>
      )}

      <section className="card" aria-labelledby="facts">
        <h2 id="facts" className="mb-3 font-semibold">
          Facts
        </h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {fact("Owner", w.owner ? `${w.owner.name} (${w.owner.email})` : null)}
          {fact("EU AI Act risk class", w.riskClass)}
          {fact("Traffic tier", w.trafficTier)}
          {fact("Languages", w.languages.join(", ") || null)}
          {fact("Minimum context window", formatTokens(w.minContextWindow))}
          {fact("Max cost per task", w.maxCostPerTaskUsd !== null ? `$${w.maxCostPerTaskUsd}` : null)}
          {fact("Monthly budget", w.monthlyBudgetUsd !== null ? `$${w.monthlyBudgetUsd.toLocaleString("en-US")}` : null)}
        </dl>
        <h3 className="mt-4 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Quality thresholds</h3>
        {thresholds.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">None set.</p>
        ) : (
          <table className="mt-1 text-sm">
            <caption className="sr-only">Quality thresholds</caption>
            <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-1 pr-4">
                  Metric
                </th>
                <th scope="col" className="py-1 pr-4">
                  Min
                </th>
                <th scope="col" className="py-1 pr-4">
                  Max
                </th>
                <th scope="col" className="py-1 pr-4">
                  Largest regression
                </th>
              </tr>
            </thead>
            <tbody>
              {thresholds.map(([metric, t]) => (
                <tr key={metric} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-1 pr-4 text-left font-mono text-xs font-normal">
                    {metric}
                  </th>
                  <td className="py-1 pr-4 tabular-nums">{t.min ?? "—"}</td>
                  <td className="py-1 pr-4 tabular-nums">{t.max ?? "—"}</td>
                  <td className="py-1 pr-4 tabular-nums">{t.maxRegression ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <div className="grid gap-6 md:grid-cols-3">
        <section className="card" aria-labelledby="primary">
          <h2 id="primary" className="mb-2 font-semibold">
            Primary
          </h2>
          {serving(primary, "None approved.")}
        </section>
        <section className="card" aria-labelledby="fallbacks">
          <h2 id="fallbacks" className="mb-2 font-semibold">
            Fallbacks
          </h2>
          {serving(fallbacks, "None approved.")}
        </section>
        <section className="card" aria-labelledby="candidates">
          <h2 id="candidates" className="mb-2 font-semibold">
            Candidates
          </h2>
          {candidates.length === 0 ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">No model in testing has been evaluated on it.</p>
          ) : (
            <ul className="space-y-1 text-sm">
              {candidates.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center gap-2">
                  <Link href={`/models/${c.id}`} className="link">
                    {c.name}
                  </Link>
                  {c.passed ? (
                    <span className="text-xs font-medium text-emerald-700 dark:text-emerald-300">gate passed</span>
                  ) : (
                    <span className="text-xs font-medium text-red-700 dark:text-red-400">gate failed</span>
                  )}
                  {!whyNotRequest && (
                    <Link href={`/approvals/new?model=${c.id}&workflow=${w.slug}`} className="link text-xs">
                      Request approval
                    </Link>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="if-disabled">
        <h2 id="if-disabled" className="mb-1 font-semibold">
          If disabled
        </h2>
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">What disabling each model serving this workflow would do, across every workflow.</p>
        {impacts.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No model serves it now.</p>
        ) : (
          <div className="grid gap-4 md:grid-cols-2">
            {impacts.map(({ model, impact }) => (
              <div key={model.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-800" data-testid="impact">
                <h3 className="mb-1 text-sm font-semibold">
                  Disabling{" "}
                  <Link href={`/models/${model.id}`} className="link">
                    {model.name}
                  </Link>
                </h3>
                <ImpactList impact={impact} workflowHref={workflowHref} />
              </div>
            ))}
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="approvals">
        <h2 id="approvals" className="mb-3 font-semibold">
          Approvals
        </h2>
        {approvals.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No model has ever been approved for it.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full text-sm">
              <caption className="sr-only">Approvals of this workflow, active, expired and revoked</caption>
              <thead className="text-left text-xs uppercase text-slate-500 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-4">
                    Model
                  </th>
                  <th scope="col" className="py-1 pr-4">
                    As
                  </th>
                  <th scope="col" className="py-1 pr-4">
                    Max cost per task
                  </th>
                  <th scope="col" className="py-1 pr-4">
                    Languages
                  </th>
                  <th scope="col" className="py-1 pr-4">
                    Fallback
                  </th>
                  <th scope="col" className="py-1 pr-4">
                    Approved
                  </th>
                  <th scope="col" className="py-1 pr-4">
                    Valid until
                  </th>
                  <th scope="col" className="py-1 pr-4">
                    State
                  </th>
                </tr>
              </thead>
              <tbody>
                {approvals.map((a) => (
                  <tr key={a.id} className="border-t border-slate-100 dark:border-slate-800" data-testid="approval-row">
                    <td className="py-1 pr-4">
                      <Link href={`/models/${a.model.id}`} className="link">
                        {a.model.name}
                      </Link>
                    </td>
                    <td className="py-1 pr-4">{a.role}</td>
                    <td className="py-1 pr-4">{a.maxCostPerTaskUsd !== null ? `$${a.maxCostPerTaskUsd}` : "—"}</td>
                    <td className="py-1 pr-4">{a.languages.join(", ") || "—"}</td>
                    <td className="py-1 pr-4">
                      {a.fallbackModel ? (
                        <Link href={`/models/${a.fallbackModel.id}`} className="link">
                          {a.fallbackModel.name}
                        </Link>
                      ) : (
                        "—"
                      )}
                    </td>
                    <td className="py-1 pr-4 whitespace-nowrap">{formatDate(a.approvedAt)}</td>
                    <td className="py-1 pr-4 whitespace-nowrap">{formatDate(a.validUntil)}</td>
                    <td className={`py-1 pr-4 font-medium ${APPROVAL_STATE_STYLES[a.state]}`} title={a.revokedReason ?? undefined}>
                      {a.state}
                      {a.state === "revoked" && a.revokedReason && (
                        <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{a.revokedReason}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="open-requests">
        <h2 id="open-requests" className="mb-3 font-semibold">
          Open requests
        </h2>
        {openRequests.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No change request waits on this workflow.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {openRequests.map((r) => (
              <li key={r.id}>
                <Link href={`/approvals/${r.id}`} className="link">
                  {describeKind(r)}: {r.model?.name ?? "a model"}
                </Link>{" "}
                <span className="text-slate-600 dark:text-slate-400">
                  by {r.requester.name}, {formatDate(r.createdAt)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="history">
        <h2 id="history" className="mb-3 font-semibold">
          History
        </h2>
        <AuditHistory events={history} />
      </section>
    </article>
  );
}
