import Link from "next/link";
import { notFound } from "next/navigation";
import { RequestTable } from "@/components/approvals/request-table";
import { AuditHistory } from "@/components/audit/audit-history";
import { StatusBadge } from "@/components/catalog/status-badge";
import { DependencyFlags } from "@/components/lifecycle/dependency-flags";
import { type DisableRecord, DisableSummary, OutOfService } from "@/components/lifecycle/out-of-service";
import { StatusPanel } from "@/components/lifecycle/status-panel";
import { FormAlert } from "@/components/ui/form";
import { listChangeRequests } from "@/lib/approvals/change-request-service";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { formatDate, formatPrice, formatTokens } from "@/lib/catalog/format";
import { getModelDetail } from "@/lib/catalog/model-detail";
import { editRefusal } from "@/lib/catalog/model-rules";
import { DEPRECATION_MEANING_LABELS, type ModelStatus, STATUS_LABELS } from "@/lib/catalog/model-vocabulary";
import { getPrisma } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import { approvabilityViolation } from "@/lib/approvals/approval-rules";
import { activeApprovalWhere } from "@/lib/approvals/approval-state";
import { statusOptions } from "@/lib/lifecycle/status-service";
import { modelDependencyFlags } from "@/lib/workflows/workflow-query";
import { fact } from "@/components/ui/fact";

const SAVED: Record<string, string> = {
  registered: "Model registered. The change is in its history below.",
  updated: "Model updated. The change is in its history below.",
};

type StatusEventAfter = {
  status?: string;
  revokedApprovals?: number;
  workflowsAtRisk?: string[];
  modelsNamingItAsFallback?: string[];
  approvalsNamingItAsFallback?: number;
};

export default async function ModelPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> }) {
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
  const user = await currentUser();
  const prisma = await getPrisma();
  const now = new Date();
  const { model: m, approvals, history } = await getModelDetail(prisma, user, id, now).catch((error) => {
    if (error instanceof DomainError && error.code === "not_found") notFound();
    throw error;
  });
  const roles = user?.roles ?? [];
  const canEdit = editRefusal(m, rolesCan(roles, "model:edit")) === null;
  const canRequestApproval = rolesCan(roles, "change_request:open") && approvabilityViolation(m.status) === null;
  const outOfService = m.status === "disabled" || m.status === "retired";
  const servedWorkflowIds = [...new Set(approvals.map((a) => a.workflowId))];
  const [moves, flags, requests, evidence, replacements, approvalsNamingIt] = await Promise.all([
    statusOptions(prisma, user, m.id, now),
    modelDependencyFlags(prisma, m.id, now),
    listChangeRequests(prisma, user, { model: m.id, pageSize: 20 }),
    prisma.approvalEvidence.findMany({ where: { approvalId: { in: approvals.map((a) => a.id) } }, select: { approvalId: true, evaluationRunId: true } }),
    outOfService && servedWorkflowIds.length
      ? prisma.approval.findMany({
          where: { workflowId: { in: servedWorkflowIds }, role: "primary", modelId: { not: m.id }, ...activeApprovalWhere(now) },
          select: { workflowId: true, model: { select: { id: true, name: true } } },
        })
      : [],
    outOfService
      ? prisma.approval.findMany({
          where: { fallbackModelId: m.id, ...activeApprovalWhere(now) },
          select: { id: true, model: { select: { id: true, name: true } }, workflow: { select: { slug: true, name: true } } },
        })
      : [],
  ]);

  // Status changes as the audit trail recorded them; the newest disable carries what it did.
  const statusEvents = history
    .filter((e) => e.action === "model.status_change")
    .map((e) => ({ event: e, before: (e.before ?? {}) as { status?: string }, after: (e.after ?? {}) as StatusEventAfter }));
  const disableEvent = statusEvents.find((s) => s.after.status === "disabled");
  const disabled: DisableRecord | null = disableEvent
    ? {
        at: disableEvent.event.occurredAt,
        by: disableEvent.event.actorLabel,
        reason: disableEvent.event.reason,
        revokedApprovals: disableEvent.after.revokedApprovals ?? 0,
        workflowsAtRisk: disableEvent.after.workflowsAtRisk ?? [],
        modelsNamingItAsFallback: disableEvent.after.modelsNamingItAsFallback ?? [],
        approvalsNamingItAsFallback: disableEvent.after.approvalsNamingItAsFallback ?? 0,
      }
    : null;
  const modelHref = (name: string) => {
    const found = m.fallbackFor.find((f) => f.name === name);
    return found ? `/models/${found.id}` : null;
  };
  const workflowHref = (name: string) => {
    const found = approvals.find((a) => a.workflow.name === name);
    return found ? `/workflows/${found.workflow.slug}` : null;
  };
  const evidenceOf = (approvalId: string) => evidence.filter((e) => e.approvalId === approvalId).map((e) => e.evaluationRunId);
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
          {canEdit && (
            <Link href={`/models/${m.id}/edit`} className="btn-secondary">
              Edit
            </Link>
          )}
          {user && rolesCan(user.roles, "audit:export") && (
            <a href={`/api/v1/models/${m.id}/audit-pack`} className="btn-secondary" download>
              Audit pack (PDF)
            </a>
          )}
          {user && rolesCan(user.roles, "audit:read") && (
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
          departures={statusEvents
            .filter((s) => ["deprecated", "disabled", "retired"].includes(s.after.status ?? ""))
            .map((s) => ({ at: s.event.occurredAt, by: s.event.actorLabel, from: s.before.status ?? "?", to: s.after.status ?? "?", reason: s.event.reason }))}
          disabled={disabled}
          usedIn={approvals}
          migrationTarget={m.deprecationPlans.find((p) => p.migrationTarget)?.migrationTarget ?? null}
          replacements={servedWorkflowIds.map((wid) => ({
            workflow: approvals.find((a) => a.workflowId === wid)!.workflow,
            primaries: replacements.filter((r) => r.workflowId === wid).map((r) => r.model),
          }))}
          namingItAsFallback={m.fallbackFor}
          approvalsNamingIt={approvalsNamingIt}
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
          {canRequestApproval && (
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
                      {evidenceOf(a.id).length
                        ? evidenceOf(a.id).map((runId, i) => (
                            <span key={runId}>
                              {i > 0 && ", "}
                              <Link href={`/evaluations/${runId}`} className="link">
                                run {i + 1}
                              </Link>
                            </span>
                          ))
                        : "—"}
                    </td>
                    <td className={`py-1 pr-4 font-medium ${a.state === "active" ? "text-emerald-700 dark:text-emerald-300" : a.state === "revoked" ? "text-red-700 dark:text-red-400" : "text-amber-700 dark:text-amber-300"}`}>
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
          {requests.total > requests.items.length && <span className="text-xs text-slate-500 dark:text-slate-400">The {requests.items.length} most recent of {requests.total}</span>}
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
