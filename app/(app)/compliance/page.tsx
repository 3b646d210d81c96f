import Link from "next/link";
import { CatalogChecklistTable, ChecklistSummary } from "@/components/compliance/catalog-checklist";
import { FormAlert } from "@/components/ui/form";
import { checklistQuery } from "@/lib/compliance/checklist-filters";
import { checklistView } from "@/lib/compliance/checklist-view";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "Compliance checklist" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CompliancePage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePage("audit:read");
  const { filters, filterError, all, rows, withGaps } = await checklistView(viewer, await searchParams);
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Compliance checklist</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Computed from the registry, evaluations, approvals, bundles, plans and usage logs, never ticked by hand. The team&apos;s {all.length} models
          (registered by hand or past testing) are checked; <strong data-testid="models-with-gaps">{withGaps}</strong> have gaps.
        </p>
      </div>
      {filterError && <FormAlert>{filterError} Showing every model instead.</FormAlert>}
      <ChecklistSummary all={all} filters={filters} />
      <div className="flex flex-wrap items-center gap-3 text-sm" role="group" aria-label="Which models">
        <Link
          className={filters.gaps === "all" ? "btn-primary" : "btn-secondary"}
          href={`/compliance${checklistQuery(filters, { gaps: "all" })}`}
          aria-current={filters.gaps === "all" ? "true" : undefined}
        >
          All models
        </Link>
        <Link
          className={filters.gaps === "only" ? "btn-primary" : "btn-secondary"}
          href={`/compliance${checklistQuery(filters, { gaps: "only" })}`}
          aria-current={filters.gaps === "only" ? "true" : undefined}
        >
          Only models with gaps
        </Link>
        {filters.item && (
          <Link className="link" href={`/compliance${checklistQuery(filters, { item: undefined })}`}>
            Clear the item filter
          </Link>
        )}
        <span className="text-slate-500 dark:text-slate-400" role="status">
          {rows.length} of {all.length} models
        </span>
      </div>
      <CatalogChecklistTable rows={rows} filters={filters} />
    </div>
  );
}
