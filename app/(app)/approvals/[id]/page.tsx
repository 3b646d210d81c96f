import Link from "next/link";
import { ComparisonTable, RecommendationBox } from "@/components/approvals/comparison";
import { DecideForm } from "@/components/approvals/decide-form";
import { RequestStateBadge } from "@/components/approvals/request-state-badge";
import { describeKind, requestRole, roleLabel } from "@/components/approvals/request-text";
import { WithdrawForm } from "@/components/approvals/withdraw-form";
import { StatusBadge } from "@/components/catalog/status-badge";
import { fact } from "@/components/ui/fact";
import { FormAlert } from "@/components/ui/form";
import { RiskBadge } from "@/components/workflows/risk-badge";
import { describeWaitingOn } from "@/lib/approvals/decisions";
import { requestView } from "@/lib/approvals/request-view";
import { formatDate, formatDateTime } from "@/lib/catalog/format";
import { orNotFound, requirePage } from "@/lib/server/page";

export const metadata = { title: "Change request" };

const DONE: Record<string, { tone: "success" | "info"; text: string }> = {
  opened: { tone: "success", text: "Request opened. Below: the rules it breaks right now and who must approve it." },
  recorded: { tone: "success", text: "Your approval is recorded. The request still waits on the approvals listed below." },
  applied: { tone: "success", text: "Approved and applied: the change is in force and in the model's history." },
  rejected: { tone: "info", text: "Rejected. The request is closed." },
  withdrawn: { tone: "info", text: "Withdrawn. The request stays on record." },
};

export default async function ChangeRequestPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> }) {
  const [{ id }, { done }] = await Promise.all([params, searchParams]);
  const viewer = await requirePage("catalog:read");
  const view = await orNotFound(requestView(viewer, id));
  const { request: r, grant, violations, waitingOn, evidence, fallback, statusWorkflows } = view;
  const title = `${describeKind(r)}: ${r.model?.name ?? "a model"}${r.workflow ? ` for ${r.workflow.name}` : ""}`;
  const role = requestRole(r);

  return (
    <article className="space-y-6">
      {done && DONE[done] && <FormAlert tone={DONE[done].tone}>{DONE[done].text}</FormAlert>}
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <p className="text-sm text-slate-500 dark:text-slate-400">
            <Link href="/approvals" className="link">
              Approvals
            </Link>{" "}
            / <span className="font-mono">#{r.id.slice(0, 8)}</span>
          </p>
          <h1 className="text-2xl font-semibold">{title}</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Opened by {r.requester.name} ({r.requester.email}) on {formatDateTime(r.createdAt)}
            {r.decidedAt && ` · closed ${formatDateTime(r.decidedAt)}`}
            {r.appliedAt && ` · applied ${formatDateTime(r.appliedAt)}`}
          </p>
        </div>
        <div className="flex items-center gap-2">
          {r.workflow && <RiskBadge riskClass={r.workflow.riskClass} />}
          <RequestStateBadge state={r.state} />
        </div>
      </header>

      {r.state === "open" &&
        (violations.length > 0 ? (
          <section
            className="rounded-lg border-2 border-red-400 bg-red-50 p-4 text-red-900 dark:border-red-700 dark:bg-red-950 dark:text-red-100"
            aria-labelledby="violations"
            role="alert"
            data-testid="violations"
          >
            <h2 id="violations" className="font-semibold">
              Rules it breaks right now ({violations.length})
            </h2>
            <p className="mt-1 text-sm">It cannot be applied while these stand; they are checked again when the last approval comes in.</p>
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm">
              {violations.map((v) => (
                <li key={v.rule + v.message} data-rule={v.rule}>
                  {v.message}
                </li>
              ))}
            </ul>
          </section>
        ) : (
          <p
            className="rounded-md border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-200"
            data-testid="violations"
          >
            It breaks no rule right now. The rules are checked again when the last approval comes in.
          </p>
        ))}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section className="card" aria-labelledby="asks">
            <h2 id="asks" className="mb-3 font-semibold">
              What it asks
            </h2>
            <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
              {fact(
                "Model",
                r.model ? (
                  <span className="inline-flex flex-wrap items-center gap-2">
                    <Link href={`/models/${r.model.id}`} className="link">
                      {r.model.name}
                    </Link>
                    <StatusBadge status={r.model.status} />
                  </span>
                ) : null,
              )}
              {r.kind === "approval" && (
                <>
                  {fact(
                    "Workflow",
                    r.workflow ? (
                      <Link href={`/workflows/${r.workflow.slug}`} className="link">
                        {r.workflow.name}
                      </Link>
                    ) : null,
                  )}
                  {fact("As", role)}
                  {fact("Max cost per task", grant?.maxCostPerTaskUsd != null ? `$${grant.maxCostPerTaskUsd}` : null)}
                  {fact("Languages", grant?.languages.length ? grant.languages.join(", ") : null)}
                  {fact(
                    "Fallback",
                    fallback ? (
                      <Link href={`/models/${fallback.id}`} className="link">
                        {fallback.name}
                      </Link>
                    ) : null,
                  )}
                  {fact("Valid until", grant?.validUntil ? formatDate(grant.validUntil) : "no end date")}
                </>
              )}
              {r.kind === "status_change" && (
                <>
                  {fact("Status", describeKind(r).replace(/^Status /, ""))}
                  {fact(
                    "For workflows",
                    statusWorkflows.length
                      ? statusWorkflows.map((w, i) => (
                          <span key={w.id}>
                            {i > 0 && ", "}
                            <Link href={`/workflows/${w.slug}`} className="link">
                              {w.name}
                            </Link>
                          </span>
                        ))
                      : null,
                  )}
                </>
              )}
            </dl>
            <h3 className="mt-4 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Justification</h3>
            <p className="mt-0.5 whitespace-pre-line text-sm" data-testid="justification">
              {r.justification}
            </p>
          </section>

          <section className="card" aria-labelledby="evidence">
            <h2 id="evidence" className="mb-3 font-semibold">
              Evidence
            </h2>
            {evidence.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">No evaluation run was given as evidence.</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {evidence.map((run) => (
                  <li key={run.id} className="flex flex-wrap items-center gap-2">
                    <Link href={`/evaluations/${run.id}`} className="link">
                      {run.suite} · {run.datasetVersion}
                    </Link>
                    <span className="text-slate-600 dark:text-slate-400">
                      {run.model?.name ?? "bundle"} on {run.workflow.name}, {formatDate(run.createdAt)}
                    </span>
                    {run.gatePassed ? (
                      <span className="text-xs font-medium text-emerald-700 dark:text-emerald-300">✓ gate passed</span>
                    ) : (
                      <span className="text-xs font-medium text-red-700 dark:text-red-400">✗ gate failed</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>

          {view.comparisons.map(({ workflowId, workflow, comparison, recommendation }) => (
            <section key={workflowId} className="card space-y-4" aria-labelledby={`compare-${workflowId}`}>
              <h2 id={`compare-${workflowId}`} className="font-semibold">
                Compared with the current primary{view.comparesSeveral ? ` of ${workflow.name}` : ""}
              </h2>
              <ComparisonTable comparison={comparison} candidateName={r.model?.name ?? "The candidate"} workflowName={workflow.name} />
              <RecommendationBox recommendation={recommendation} />
            </section>
          ))}
        </div>

        <aside className="space-y-6">
          <section className="card" aria-labelledby="policy">
            <h2 id="policy" className="mb-2 font-semibold">
              Who must approve
            </h2>
            <p className="text-sm" data-testid="policy">
              {view.policy.text}
              {view.policy.highRisk && <span className="block text-xs text-slate-600 dark:text-slate-400">High-risk workflow: compliance co-signs.</span>}
            </p>
            {r.state === "open" && (
              <p className="mt-2 text-sm font-medium" data-testid="request-waiting-on">
                {waitingOn.length ? `Waiting on ${describeWaitingOn(waitingOn)}` : "Every needed approval is in."}
              </p>
            )}
            <h3 className="mt-4 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Decisions</h3>
            {r.decisions.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">None yet.</p>
            ) : (
              <ol className="mt-1 space-y-2" data-testid="decisions">
                {r.decisions.map((d) => (
                  <li key={d.id} className="border-l-2 border-indigo-300 pl-3 text-sm dark:border-indigo-700" data-testid="decision">
                    <span className="font-medium">{d.decider.name}</span>{" "}
                    <span className={d.decision === "approve" ? "text-emerald-700 dark:text-emerald-300" : "text-red-700 dark:text-red-400"}>
                      {d.decision === "approve" ? "approved" : "rejected"}
                    </span>{" "}
                    as {roleLabel(d.role)}
                    <span className="block text-xs text-slate-500 dark:text-slate-400">{formatDateTime(d.createdAt)}</span>
                    {d.comment && <p className="mt-0.5 whitespace-pre-line">{d.comment}</p>}
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section className="card" aria-labelledby="decide-heading">
            <h2 id="decide-heading" className="mb-2 font-semibold">
              Decide
            </h2>
            {view.decide.allowed ? (
              <DecideForm id={r.id} version={r.version} countsAs={roleLabel(view.decide.countsAs)} />
            ) : (
              <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="why-not-decide">
                {view.decide.whyNot}
              </p>
            )}
            {view.withdraw.allowed && (
              <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-800">
                <WithdrawForm id={r.id} version={r.version} />
              </div>
            )}
          </section>
        </aside>
      </div>
    </article>
  );
}
