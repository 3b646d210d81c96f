import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { type CatalogFilters, PAGE_SIZES, type SortColumn, filtersToQuery } from "@/lib/catalog/catalog-filters";
import type { CatalogItem } from "@/lib/catalog/catalog-query";
import { formatPrice, formatTokens } from "@/lib/catalog/format";
import { DEPRECATION_MEANING_LABELS } from "@/lib/catalog/model-vocabulary";
import { StatusBadge } from "./status-badge";

const COLUMNS: { key: SortColumn; label: string; numeric?: boolean }[] = [
  { key: "name", label: "Model" },
  { key: "provider", label: "Provider" },
  { key: "snapshotId", label: "Snapshot id" },
  { key: "status", label: "Status" },
  { key: "contextWindow", label: "Context", numeric: true },
  { key: "inputPrice", label: "Input $/1M", numeric: true },
  { key: "outputPrice", label: "Output $/1M", numeric: true },
  { key: "costLevel", label: "Cost" },
  { key: "deprecation", label: "Provider deprecation" },
];

function href(filters: CatalogFilters, change: Partial<CatalogFilters>) {
  const query = filtersToQuery({ ...filters, ...change });
  return query ? `/models?${query}` : "/models";
}

export function CatalogTable({ filters, total, items }: { filters: CatalogFilters; total: number; items: CatalogItem[] }) {
  const pages = Math.max(1, Math.ceil(total / filters.pageSize));
  const first = total === 0 ? 0 : (filters.page - 1) * filters.pageSize + 1;
  const last = Math.min(total, filters.page * filters.pageSize);
  return (
    <section aria-label="Catalog results" className="mt-4">
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" role="status" data-testid="result-count">
        {total === 0 ? "No models match these filters." : `Showing ${first}–${last} of ${total.toLocaleString("en-US")} models`}
      </p>
      {total > 0 && (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm">
            <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                {COLUMNS.map((column) => {
                  const active = filters.sort === column.key;
                  const nextDir = active && filters.dir === "asc" ? "desc" : "asc";
                  return (
                    <th
                      key={column.key}
                      scope="col"
                      className={`px-3 py-2 ${column.numeric ? "text-right" : ""}`}
                      aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : "none"}
                    >
                      <Link
                        href={href(filters, { sort: column.key, dir: nextDir, page: 1 })}
                        className="inline-flex items-center gap-1 hover:text-indigo-700 dark:hover:text-indigo-300"
                      >
                        {column.label}
                        <span aria-hidden>{active ? (filters.dir === "asc" ? "▲" : "▼") : "↕"}</span>
                      </Link>
                    </th>
                  );
                })}
                <th scope="col" className="px-3 py-2">
                  Approved for
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {items.map((m) => (
                <tr key={m.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td className="px-3 py-2 font-medium">
                    <Link href={`/models/${m.id}`} className="link">
                      {m.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{m.provider.slug}</td>
                  <td className="px-3 py-2 font-mono text-xs">{m.snapshotId}</td>
                  <td className="px-3 py-2">
                    <StatusBadge status={m.status} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatTokens(m.contextWindow)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatPrice(m.inputPricePerMTok)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatPrice(m.outputPricePerMTok)}</td>
                  <td className="px-3 py-2 capitalize">{m.costLevel ?? "—"}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    {m.providerDeprecation ? (
                      <span title={`Source: ${m.providerDeprecation.source ?? "unknown"}`}>
                        {m.providerDeprecation.date}
                        {m.providerDeprecation.meaning && (
                          <span className="text-xs text-slate-500 dark:text-slate-400">
                            {" "}
                            ({DEPRECATION_MEANING_LABELS[m.providerDeprecation.meaning as keyof typeof DEPRECATION_MEANING_LABELS]})
                          </span>
                        )}
                      </span>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td className="px-3 py-2 text-xs">{m.approvedFor.map((a) => `${a.workflowName} (${a.role})`).join(", ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > 0 && (
        <nav aria-label="Pagination" className="mt-3 flex flex-wrap items-center justify-between gap-3 text-sm">
          <Pagination page={filters.page} pages={pages} hrefFor={(page) => href(filters, { page })} />
          <div className="flex items-center gap-2">
            <span>Per page:</span>
            {PAGE_SIZES.map((size) =>
              size === filters.pageSize ? (
                <span key={size} className="font-semibold" aria-current="true">
                  {size}
                </span>
              ) : (
                <Link key={size} className="link" href={href(filters, { pageSize: size, page: 1 })}>
                  {size}
                </Link>
              ),
            )}
          </div>
        </nav>
      )}
    </section>
  );
}
