// The whole catalog's checklist: how many models meet each item, then one row per model with a mark per
// item (hover for the detail), most gaps first; the counts and column headers filter and sort via the URL.
import Link from "next/link";
import { CHECKLIST_ITEMS, CHECKLIST_LABELS, type ChecklistItemId } from "@/lib/compliance/checklist";
import { type ChecklistFilters, checklistQuery } from "@/lib/compliance/checklist-filters";
import type { ModelCompliance } from "@/lib/compliance/checklist-query";
import { ChecklistState } from "./checklist-state";

const SHORT: Record<ChecklistItemId, string> = {
  registry_record: "Record",
  pinned_version: "Pinned",
  evaluation_process: "Evaluated",
  controlled_rollout: "Rollout",
  deprecation_planned: "Deprecation",
  provider_notices_tracked: "Notices",
  fine_tune_lineage: "Lineage",
  changes_through_requests: "Change req.",
  embedding_migration_planned: "Embedding migr.",
  monitored_in_production: "Monitored",
};

export function ChecklistSummary({ all, filters }: { all: ModelCompliance[]; filters: ChecklistFilters }) {
  return (
    <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-5" aria-label="Items across the catalog">
      {CHECKLIST_ITEMS.map((id) => {
        const gaps = all.filter((m) => m.items.some((i) => i.id === id && i.state === "gap")).length;
        const met = all.filter((m) => m.items.some((i) => i.id === id && i.state === "met")).length;
        const active = filters.item === id;
        return (
          <li key={id}>
            <Link
              href={`/compliance${checklistQuery(filters, { item: active ? undefined : id })}`}
              className={`card block h-full text-sm hover:border-indigo-400 ${active ? "border-indigo-500 ring-1 ring-indigo-500" : ""}`}
              aria-current={active ? "true" : undefined}
              data-testid={`item-summary-${id}`}
            >
              <span className="block font-medium">{CHECKLIST_LABELS[id]}</span>
              <span className="mt-1 block">
                <span className={gaps ? "font-semibold text-red-700 dark:text-red-400" : "text-slate-500"}>
                  {gaps} {gaps === 1 ? "gap" : "gaps"}
                </span>
                <span className="text-slate-500 dark:text-slate-400"> · {met} met</span>
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}

export function CatalogChecklistTable({ rows, filters }: { rows: ModelCompliance[]; filters: ChecklistFilters }) {
  const sortLink = (sort: ChecklistFilters["sort"], label: string) => {
    const active = filters.sort === sort;
    const dir = active ? (filters.dir ?? (sort === "gaps" ? "desc" : "asc")) : undefined;
    const next = active ? (dir === "asc" ? "desc" : "asc") : undefined;
    return (
      <Link
        href={`/compliance${checklistQuery(filters, { sort, dir: next })}`}
        className="hover:underline"
        aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined}
      >
        {label}
        {active ? (dir === "asc" ? " ↑" : " ↓") : ""}
      </Link>
    );
  };
  if (rows.length === 0) return <p className="card text-sm text-slate-600 dark:text-slate-400">No model matches: nothing to fix here.</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-sm">
        <caption className="sr-only">Compliance checklist per model</caption>
        <thead className="bg-slate-100 text-left text-xs uppercase text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2">
              {sortLink("name", "Model")}
            </th>
            <th scope="col" className="px-3 py-2">
              {sortLink("status", "Status")}
            </th>
            {CHECKLIST_ITEMS.map((id) => (
              <th key={id} scope="col" className="px-2 py-2 text-center" title={CHECKLIST_LABELS[id]}>
                {SHORT[id]}
              </th>
            ))}
            <th scope="col" className="px-3 py-2 text-right">
              {sortLink("gaps", "Gaps")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.facts.id} className="border-t border-slate-100 dark:border-slate-800" data-testid="checklist-row">
              <td className="px-3 py-2">
                <Link href={`/compliance/models/${row.facts.id}`} className="link">
                  {row.facts.name}
                </Link>
                <span className="block font-mono text-xs text-slate-500 dark:text-slate-400">{row.facts.snapshotId}</span>
              </td>
              <td className="px-3 py-2">{row.facts.status.replace(/_/g, " ")}</td>
              {row.items.map((item) => (
                <td key={item.id} className="px-2 py-2 text-center">
                  <ChecklistState state={item.state} detail={item.detail} />
                </td>
              ))}
              <td className="px-3 py-2 text-right font-semibold" data-testid="gap-count">
                {row.gaps}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
