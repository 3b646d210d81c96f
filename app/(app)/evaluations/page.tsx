import Link from "next/link";
import { EvaluationFilterBar } from "@/components/evaluations/evaluation-filter-bar";
import { EvaluationsTable } from "@/components/evaluations/evaluations-table";
import { FormAlert } from "@/components/ui/form";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { getPrisma } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import { evaluationFiltersFrom, evaluationFiltersSchema, evaluationFiltersToQuery } from "@/lib/evaluations/evaluation-input";
import { listEvaluations } from "@/lib/evaluations/evaluation-service";
import { parseInput } from "@/lib/validation";

export const metadata = { title: "Evaluations" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function EvaluationsPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await currentUser();
  const prisma = await getPrisma();
  let filters;
  let filterError: string | null = null;
  try {
    filters = parseInput(evaluationFiltersSchema, evaluationFiltersFrom(await searchParams));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    filterError = error.message;
    filters = evaluationFiltersSchema.parse({});
  }
  const [result, workflows] = await Promise.all([
    listEvaluations(prisma, actor, filters),
    prisma.workflow.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
  ]);
  const filtered = Boolean(filters.model || filters.workflow || filters.passed !== undefined);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Evaluation runs</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">Each model&apos;s scores on a workflow&apos;s suite, held to the workflow&apos;s quality bar: the gate passes only when every metric does.</p>
        </div>
        {actor && rolesCan(actor.roles, "evaluation:upload") && (
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
