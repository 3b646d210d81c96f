import Link from "next/link";
import { CatalogFilterBar } from "@/components/catalog/catalog-filter-bar";
import { CatalogTable } from "@/components/catalog/catalog-table";
import { FormAlert } from "@/components/ui/form";
import { filtersToQuery } from "@/lib/catalog/catalog-filters";
import { catalogView } from "@/lib/catalog/catalog-view";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "Catalog" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function CatalogPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePage("catalog:read");
  const { filters, filterError, result, facets, register } = await catalogView(viewer, await searchParams);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Model catalog</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Every model the team may use, with its status, prices per 1M tokens and provider deprecation dates.
          </p>
        </div>
        {register.allowed && (
          <Link href="/models/new" className="btn-primary">
            Register model
          </Link>
        )}
      </div>
      {filterError && <FormAlert>{filterError} Showing the unfiltered catalog instead.</FormAlert>}
      {/* Keyed by the query so the uncontrolled inputs show the URL's filters after client navigation (Reset, back). */}
      <CatalogFilterBar key={filtersToQuery(filters)} filters={filters} facets={facets} />
      <CatalogTable filters={filters} total={result.total} items={result.items} />
    </>
  );
}
