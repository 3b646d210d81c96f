import Link from "next/link";
import type { OpenFinding } from "@/lib/analytics/overview-query";
import { formatDate, formatMetric } from "./format";

const KIND_STYLE: Record<OpenFinding["kind"], string> = {
  deprecated_model_traffic: "border-amber-400 dark:border-amber-600",
  disabled_model_traffic: "border-red-500 dark:border-red-600",
  retired_model_traffic: "border-red-500 dark:border-red-600",
  unapproved_workflow_traffic: "border-orange-400 dark:border-orange-600",
  silent_substitution: "border-sky-400 dark:border-sky-600",
};

const SHOWN = 5;

function FindingList({ findings }: { findings: OpenFinding[] }) {
  return (
    <ul className="mt-2 space-y-2">
      {findings.map((f) => (
        <li key={f.id} className={`border-l-4 pl-3 text-sm ${KIND_STYLE[f.kind]}`} data-testid="finding">
          <p className="font-medium">{f.label}</p>
          <p className="text-slate-700 dark:text-slate-300">
            {f.modelId ? (
              <Link href={`/models/${f.modelId}`} className="link font-mono text-xs">
                {f.model}
              </Link>
            ) : (
              <span className="font-mono text-xs">{f.model}</span>
            )}{" "}
            on{" "}
            {f.workflowId ? (
              <Link href={`/workflows/${encodeURIComponent(f.workflow)}`} className="link">
                {f.workflow}
              </Link>
            ) : (
              <span>{f.workflow || "no workflow"}</span>
            )}
          </p>
          <p className="text-xs text-slate-500 dark:text-slate-400">
            {formatMetric("count", f.events)} calls · first {formatDate(f.firstSeen)} · last {formatDate(f.lastSeen)}
            {f.detail && f.kind !== "silent_substitution" ? ` · ${f.detail}` : ""}
          </p>
        </li>
      ))}
    </ul>
  );
}

/**
 * Open usage findings: traffic that breaks a catalog rule, with links to the model and the workflow; the
 * server selects those the filters and the range select (lib/analytics/overview-query.ts listOpenFindings).
 */
export function FindingsPanel({ findings, filtered }: { findings: OpenFinding[]; filtered: boolean }) {
  return (
    <section className="card" aria-labelledby="findings-heading" data-testid="findings">
      <h2 id="findings-heading" className="text-sm font-semibold">
        Open findings <span className="font-normal text-slate-500 dark:text-slate-400">({findings.length})</span>
      </h2>
      {findings.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          {filtered ? "No open findings for these filters in this range." : "No open findings in this range: its logged traffic follows the catalog's rules."}
        </p>
      ) : (
        <>
          <FindingList findings={findings.slice(0, SHOWN)} />
          {findings.length > SHOWN && (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm font-medium text-indigo-700 dark:text-indigo-300">Show {findings.length - SHOWN} more</summary>
              <FindingList findings={findings.slice(SHOWN)} />
            </details>
          )}
        </>
      )}
    </section>
  );
}
