import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { formatDateTime } from "@/lib/catalog/format";
import { type EvaluationFilters, evaluationFiltersToQuery } from "@/lib/evaluations/evaluation-input";
import type { EvaluationListItem } from "@/lib/evaluations/evaluation-service";
import { GateBadge } from "./gate-badge";

function href(filters: EvaluationFilters, change: Partial<EvaluationFilters>) {
  const query = evaluationFiltersToQuery({ ...filters, ...change });
  return query ? `/evaluations?${query}` : "/evaluations";
}

export function EvaluationsTable({
  filters,
  total,
  items,
  filtered,
}: {
  filters: EvaluationFilters;
  total: number;
  items: EvaluationListItem[];
  filtered: boolean;
}) {
  const pages = Math.max(1, Math.ceil(total / filters.pageSize));
  const first = total === 0 ? 0 : (filters.page - 1) * filters.pageSize + 1;
  const last = Math.min(total, filters.page * filters.pageSize);
  return (
    <section aria-label="Evaluation runs" className="mt-4">
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" role="status" data-testid="result-count">
        {total === 0
          ? filtered
            ? "No evaluation runs match these filters."
            : "No evaluation runs yet. Engineers upload them from a form, a JSON file or the API."
          : `Showing ${first}–${last} of ${total.toLocaleString("en-US")} runs`}
      </p>
      {items.length > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Model
                </th>
                <th scope="col" className="px-3 py-2">
                  Workflow
                </th>
                <th scope="col" className="px-3 py-2">
                  Suite
                </th>
                <th scope="col" className="px-3 py-2">
                  Dataset version
                </th>
                <th scope="col" className="px-3 py-2">
                  Gate
                </th>
                <th scope="col" className="px-3 py-2">
                  Uploaded
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Details</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {items.map((run) => (
                <tr key={run.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td className="px-3 py-2">
                    {run.model ? (
                      <Link href={`/models/${run.model.id}`} className="link font-medium">
                        {run.model.name}
                      </Link>
                    ) : (
                      "—"
                    )}
                    {run.model && <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{run.model.snapshotId}</span>}
                    {run.bundle && <span className="block text-xs text-slate-500 dark:text-slate-400">bundle {run.bundle.version}</span>}
                  </td>
                  <td className="px-3 py-2">{run.workflow.name}</td>
                  <td className="px-3 py-2">{run.suite}</td>
                  <td className="px-3 py-2 font-mono text-xs">{run.datasetVersion}</td>
                  <td className="px-3 py-2">
                    <GateBadge passed={run.gatePassed} />
                    {run.failing.length > 0 && <span className="block text-xs text-red-700 dark:text-red-300">{run.failing.join(", ")}</span>}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs">
                    {formatDateTime(run.createdAt)}
                    <span className="block text-slate-500 dark:text-slate-400">
                      {run.createdBy?.name ?? "API key"} · {run.source}
                    </span>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">
                    <Link href={`/evaluations/${run.id}`} className="link">
                      View gate
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > filters.pageSize && (
        <nav aria-label="Pagination" className="mt-3 text-sm">
          <Pagination page={filters.page} pages={pages} hrefFor={(page) => href(filters, { page })} />
        </nav>
      )}
    </section>
  );
}
