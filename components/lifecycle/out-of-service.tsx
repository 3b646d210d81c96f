// A disabled or retired model stays visible with where it was used, why it left, what replaced it and
// whether anything still depends on it (docs/lifecycle.md: nothing is ever deleted).
import Link from "next/link";
import { formatDate, formatDateTime } from "@/lib/catalog/format";
import { type ModelStatus, STATUS_LABELS } from "@/lib/catalog/model-vocabulary";

interface Named {
  id: string;
  name: string;
}
interface WorkflowRef {
  slug: string;
  name: string;
}

export interface DisableRecord {
  at: Date;
  by: string;
  reason: string | null;
  revokedApprovals: number;
  workflowsAtRisk: string[];
  modelsNamingItAsFallback: string[];
  approvalsNamingItAsFallback: number;
}

export interface OutOfServiceProps {
  status: string;
  statusReason: string | null;
  departures: { at: Date; by: string; from: string; to: string; reason: string | null }[];
  disabled: DisableRecord | null;
  usedIn: { id: string; workflow: WorkflowRef; role: string; approvedAt: Date; revokedAt: Date | null; revokedReason: string | null; state: string }[];
  migrationTarget: Named | null;
  replacements: { workflow: WorkflowRef; primaries: Named[] }[];
  namingItAsFallback: (Named & { status: string })[];
  approvalsNamingIt: { id: string; model: Named; workflow: WorkflowRef }[];
  /** Name → link for the names an audit record keeps. */
  modelHref: (name: string) => string | null;
  workflowHref: (name: string) => string | null;
}

function NameList({ names, href }: { names: string[]; href: (name: string) => string | null }) {
  return (
    <>
      {names.map((name, i) => {
        const link = href(name);
        return (
          <span key={name}>
            {i > 0 && ", "}
            {link ? (
              <Link href={link} className="link">
                {name}
              </Link>
            ) : (
              name
            )}
          </span>
        );
      })}
    </>
  );
}

export function DisableSummary({
  record,
  modelHref,
  workflowHref,
}: {
  record: DisableRecord;
  modelHref: (name: string) => string | null;
  workflowHref: (name: string) => string | null;
}) {
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="disable-impact">
      <li>
        {record.revokedApprovals} approval{record.revokedApprovals === 1 ? "" : "s"} revoked
      </li>
      <li data-testid="workflows-at-risk">
        Workflows at risk (left without a primary): {record.workflowsAtRisk.length ? <NameList names={record.workflowsAtRisk} href={workflowHref} /> : "none"}
      </li>
      <li data-testid="dependants">
        Models naming it as fallback (flagged):{" "}
        {record.modelsNamingItAsFallback.length ? <NameList names={record.modelsNamingItAsFallback} href={modelHref} /> : "none"}
      </li>
      {record.approvalsNamingItAsFallback > 0 && (
        <li>
          {record.approvalsNamingItAsFallback} approval{record.approvalsNamingItAsFallback === 1 ? "" : "s"} of other models name it as fallback
        </li>
      )}
    </ul>
  );
}

export function OutOfService(p: OutOfServiceProps) {
  const label = STATUS_LABELS[p.status as ModelStatus] ?? p.status;
  return (
    <section className="card border-red-300 dark:border-red-800" aria-labelledby="out-of-service" data-testid="out-of-service">
      <h2 id="out-of-service" className="mb-3 font-semibold">
        {label}: where it was used, why it left, what replaced it
      </h2>
      <div className="grid gap-6 md:grid-cols-2">
        <div>
          <h3 className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Why it left</h3>
          {p.statusReason && <p className="mt-1 text-sm">{p.statusReason}</p>}
          {p.departures.length > 0 && (
            <ol className="mt-2 space-y-1 text-sm">
              {p.departures.map((d, i) => (
                <li key={i}>
                  {STATUS_LABELS[d.from as ModelStatus] ?? d.from} → {STATUS_LABELS[d.to as ModelStatus] ?? d.to} by {d.by}, {formatDateTime(d.at)}
                  {d.reason && <span className="block text-xs text-slate-600 dark:text-slate-400">{d.reason}</span>}
                </li>
              ))}
            </ol>
          )}
          {p.disabled && (
            <>
              <h3 className="mt-4 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">When it was disabled</h3>
              <DisableSummary record={p.disabled} modelHref={p.modelHref} workflowHref={p.workflowHref} />
            </>
          )}
        </div>
        <div>
          <h3 className="text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Where it was used</h3>
          {p.usedIn.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">It was never approved for a workflow.</p>
          ) : (
            <ul className="mt-1 space-y-1 text-sm" data-testid="used-in">
              {p.usedIn.map((a) => (
                <li key={a.id}>
                  <Link href={`/workflows/${a.workflow.slug}`} className="link">
                    {a.workflow.name}
                  </Link>{" "}
                  as {a.role}, approved {formatDate(a.approvedAt)}, <span className="font-medium">{a.state}</span>
                  {a.revokedAt && ` ${formatDate(a.revokedAt)}`}
                  {a.revokedReason && <span className="block text-xs text-slate-600 dark:text-slate-400">{a.revokedReason}</span>}
                </li>
              ))}
            </ul>
          )}
          <h3 className="mt-4 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">What replaced it</h3>
          <ul className="mt-1 space-y-1 text-sm" data-testid="replaced-by">
            {p.migrationTarget && (
              <li>
                Migration target of its deprecation plan:{" "}
                <Link href={`/models/${p.migrationTarget.id}`} className="link">
                  {p.migrationTarget.name}
                </Link>
              </li>
            )}
            {p.replacements.map((r) => (
              <li key={r.workflow.slug}>
                <Link href={`/workflows/${r.workflow.slug}`} className="link">
                  {r.workflow.name}
                </Link>
                :{" "}
                {r.primaries.length ? (
                  <>
                    now served by{" "}
                    {r.primaries.map((m, i) => (
                      <span key={m.id}>
                        {i > 0 && ", "}
                        <Link href={`/models/${m.id}`} className="link">
                          {m.name}
                        </Link>
                      </span>
                    ))}
                  </>
                ) : (
                  <span className="font-medium text-red-700 dark:text-red-400">no primary approved (at risk)</span>
                )}
              </li>
            ))}
            {!p.migrationTarget && p.replacements.length === 0 && <li className="text-slate-600 dark:text-slate-400">Nothing recorded.</li>}
          </ul>
          <h3 className="mt-4 text-xs uppercase tracking-wide text-slate-500 dark:text-slate-400">Still depending on it</h3>
          {p.namingItAsFallback.length === 0 && p.approvalsNamingIt.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Nothing.</p>
          ) : (
            <ul className="mt-1 space-y-1 text-sm text-amber-900 dark:text-amber-200" data-testid="still-depending">
              {p.namingItAsFallback.map((m) => (
                <li key={m.id}>
                  <Link href={`/models/${m.id}`} className="link">
                    {m.name}
                  </Link>{" "}
                  names it as its catalog fallback
                </li>
              ))}
              {p.approvalsNamingIt.map((a) => (
                <li key={a.id}>
                  <Link href={`/models/${a.model.id}`} className="link">
                    {a.model.name}
                  </Link>{" "}
                  names it as fallback in{" "}
                  <Link href={`/workflows/${a.workflow.slug}`} className="link">
                    {a.workflow.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
