import Link from "next/link";
import { EvaluationFilterBar } from "@/components/evaluations/evaluation-filter-bar";
import { EvaluationsTable } from "@/components/evaluations/evaluations-table";
import { FormAlert } from "@/components/ui/form";
import { evaluationFiltersToQuery } from "@/lib/evaluations/evaluation-input";
import { evaluationsView } from "@/lib/evaluations/evaluations-view";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "Evaluations" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function EvaluationsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePage("catalog:read");
  const { filters, filterError, filtered, result, workflows, whyNotUpload } = await evaluationsView(viewer, await searchParams);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Evaluation runs</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Each model&apos;s scores on a workflow&apos;s suite, held to the workflow&apos;s quality bar: the gate passes only when every metric does.
          </p>
        </div>
        {!whyNotUpload && (
          <Link href="/evaluations/new" className="btn-primary">
            Upload evaluation
          </Link>
        )}
      </div>
      {filterError && <FormAlert>{filterError} Showing all runs instead.</FormAlert>}
      <EvaluationFilterBar key={evaluationFiltersToQuery(filters)} filters={filters} workflows={workflows} />
      <EvaluationsTable filters={filters} total={result.total} items={result.items} filtered={filtered} />
    </>
  );
}
