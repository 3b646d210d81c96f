// Change requests as a table: what each asks, of which model and workflow, who asked, who it waits on.
import Link from "next/link";
import { RiskBadge } from "@/components/workflows/risk-badge";
import type { listChangeRequests } from "@/lib/approvals/change-request-service";
import { describeWaitingOn } from "@/lib/approvals/decisions";
import { formatDate } from "@/lib/catalog/format";
import { RequestStateBadge } from "./request-state-badge";
import { describeKind } from "./request-text";

export type RequestItem = Awaited<ReturnType<typeof listChangeRequests>>["items"][number];

export function RequestTable({ items, caption, showModel = true }: { items: RequestItem[]; caption: string; showModel?: boolean }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2">
              Request
            </th>
            {showModel && (
              <th scope="col" className="px-3 py-2">
                Model
              </th>
            )}
            <th scope="col" className="px-3 py-2">
              Workflow
            </th>
            <th scope="col" className="px-3 py-2">
              Kind
            </th>
            <th scope="col" className="px-3 py-2">
              Requester
            </th>
            <th scope="col" className="px-3 py-2">
              Waiting on
            </th>
            <th scope="col" className="px-3 py-2">
              Opened
            </th>
            <th scope="col" className="px-3 py-2">
              State
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {items.map((r) => (
            <tr key={r.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50" data-testid="request-row" data-request-id={r.id}>
              <td className="px-3 py-2">
                <Link
                  href={`/approvals/${r.id}`}
                  className="link font-mono text-xs"
                  aria-label={`Request ${r.id.slice(0, 8)}: ${describeKind(r)} of ${r.model?.name ?? "a model"}${r.workflow ? ` for ${r.workflow.name}` : ""}`}
                >
                  #{r.id.slice(0, 8)}
                </Link>
              </td>
              {showModel && <td className="px-3 py-2 font-medium">{r.model ? r.model.name : "—"}</td>}
              <td className="px-3 py-2">
                {r.workflow ? (
                  <span className="inline-flex flex-wrap items-center gap-1">
                    {r.workflow.name} <RiskBadge riskClass={r.workflow.riskClass} onlyHigh />
                  </span>
                ) : (
                  "—"
                )}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">{describeKind(r)}</td>
              <td className="px-3 py-2">{r.requester.name}</td>
              <td className="px-3 py-2" data-testid="waiting-on">
                {r.state === "open" ? describeWaitingOn(r.waitingOn) || "nobody (ready)" : "—"}
              </td>
              <td className="px-3 py-2 whitespace-nowrap tabular-nums">{formatDate(r.createdAt)}</td>
              <td className="px-3 py-2">
                <RequestStateBadge state={r.state} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
