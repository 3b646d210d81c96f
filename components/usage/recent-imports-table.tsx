import Link from "next/link";
import { Pagination } from "@/components/ui/pagination";
import { formatDateTime } from "@/lib/catalog/format";
import { type ImportListFilters, type ImportSort, importListToQuery } from "@/lib/ingestion/import-list";
import { type ImportListItem, rejectsUrl } from "@/lib/ingestion/upload-report";

function href(filters: ImportListFilters, change: Partial<ImportListFilters>) {
  const query = importListToQuery({ ...filters, ...change });
  return query ? `/usage/import?${query}` : "/usage/import";
}

const SOURCES: { value: ImportListFilters["source"]; label: string }[] = [
  { value: "file", label: "Uploads" },
  { value: "api", label: "Batch API" },
  { value: "otlp", label: "OTLP" },
  { value: "all", label: "All" },
];

const STATE_STYLE: Record<ImportListItem["state"], string> = {
  completed: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100",
  failed: "bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100",
  running: "bg-slate-100 text-slate-800 dark:bg-slate-800 dark:text-slate-200",
};

const n = (value: number) => value.toLocaleString("en-US");

function SortHeader({ filters, sort, label, numeric }: { filters: ImportListFilters; sort: ImportSort; label: string; numeric?: boolean }) {
  const active = filters.sort === sort;
  // A first click on a new column sorts the way people usually want it: names A→Z, numbers and dates biggest first.
  const next = active ? (filters.dir === "asc" ? "desc" : "asc") : sort === "fileName" || sort === "state" ? "asc" : "desc";
  return (
    <th scope="col" className={`px-3 py-2 ${numeric ? "text-right" : ""}`} aria-sort={active ? (filters.dir === "asc" ? "ascending" : "descending") : "none"}>
      <Link href={href(filters, { sort, dir: next, page: 1 })} className="inline-flex items-center gap-1 hover:text-indigo-700 dark:hover:text-indigo-300">
        {label}
        <span aria-hidden className="text-[10px]">
          {active ? (filters.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
        <span className="sr-only">{active ? `, sorted ${filters.dir === "asc" ? "ascending" : "descending"}` : ", sort"}</span>
      </Link>
    </th>
  );
}

/** Recent imports with their counts and who ran them; failed or partial ones link to their rejected rows. */
export function RecentImportsTable({ filters, total, items }: { filters: ImportListFilters; total: number; items: ImportListItem[] }) {
  const pages = Math.max(1, Math.ceil(total / filters.pageSize));
  return (
    <section aria-labelledby="recent-imports-heading" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="recent-imports-heading" className="text-lg font-semibold">
          Recent imports
        </h2>
        <nav aria-label="Import source" className="flex gap-1 text-sm">
          {SOURCES.map((s) => (
            <Link
              key={s.value}
              href={href(filters, { source: s.value, page: 1 })}
              aria-current={filters.source === s.value ? "page" : undefined}
              className={`rounded-md px-2.5 py-1 ${filters.source === s.value ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-200 dark:text-slate-300 dark:hover:bg-slate-800"}`}
            >
              {s.label}
            </Link>
          ))}
        </nav>
      </div>
      {items.length === 0 ? (
        <p className="card text-sm text-slate-600 dark:text-slate-400" role="status">
          {filters.source === "file" ? "No files uploaded yet. Upload one above; it will be listed here with its counts." : "No imports from this source yet."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm" data-testid="recent-imports">
            <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                <SortHeader filters={filters} sort="fileName" label="File" />
                <th scope="col" className="px-3 py-2">
                  Mode
                </th>
                <SortHeader filters={filters} sort="state" label="State" />
                <th scope="col" className="px-3 py-2 text-right">
                  Rows read
                </th>
                <SortHeader filters={filters} sort="rowsAccepted" label="Accepted" numeric />
                <SortHeader filters={filters} sort="rowsRejected" label="Rejected" numeric />
                <th scope="col" className="px-3 py-2 text-right">
                  Duplicates
                </th>
                <th scope="col" className="px-3 py-2">
                  Who
                </th>
                <SortHeader filters={filters} sort="createdAt" label="When" />
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Rejected rows</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {items.map((item) => (
                <tr key={item.id} data-testid="import-row" className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                  <td className="max-w-64 truncate px-3 py-2 font-mono text-xs" title={item.fileName ?? undefined}>
                    {item.fileName ?? <span className="font-sans text-slate-500 dark:text-slate-400">{item.source} batch</span>}
                  </td>
                  <td className="px-3 py-2">{item.mode}</td>
                  <td className="px-3 py-2">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_STYLE[item.state]}`}>
                      {item.state === "failed" ? "failed: nothing written" : item.state}
                    </span>
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(item.rowsTotal)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(item.rowsAccepted)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(item.rowsRejected)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{n(item.duplicates)}</td>
                  <td className="px-3 py-2">{item.createdBy ?? "API key"}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs">{formatDateTime(item.createdAt)}</td>
                  <td className="whitespace-nowrap px-3 py-2">
                    {(item.rowsRejected > 0 || item.state === "failed") && (
                      <a href={rejectsUrl(item.id)} download className="link text-xs">
                        Rejects (CSV)<span className="sr-only"> of {item.fileName ?? "this import"}</span>
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {total > filters.pageSize && (
        <nav aria-label="Pagination" className="text-sm">
          <Pagination page={filters.page} pages={pages} hrefFor={(page) => href(filters, { page })} />
        </nav>
      )}
    </section>
  );
}
