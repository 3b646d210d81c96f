import "server-only";
// The evaluation runs page (/evaluations): the runs the URL's filters select, the workflows to filter
// by, and whether this viewer may upload a run.
import { DomainError } from "@/lib/errors";
import type { PageViewer } from "@/lib/server/page";
import { parseInput } from "@/lib/validation";
import { type EvaluationFilters, evaluationFiltersFrom, evaluationFiltersSchema } from "./evaluation-input";
import { listEvaluations } from "./evaluation-service";

export const UPLOAD_WHY_NOT = "Uploading evaluation runs is for engineers.";

type SearchParams = Record<string, string | string[] | undefined>;

export async function evaluationsView(viewer: PageViewer, params: SearchParams) {
  let filters: EvaluationFilters;
  let filterError: string | null = null;
  try {
    filters = parseInput(evaluationFiltersSchema, evaluationFiltersFrom(params));
  } catch (error) {
    // A bad link still shows the runs, unfiltered, with what was wrong with it.
    if (!(error instanceof DomainError)) throw error;
    filterError = error.message;
    filters = evaluationFiltersSchema.parse({});
  }
  const [result, workflows] = await Promise.all([
    listEvaluations(viewer.prisma, viewer.user, filters),
    viewer.prisma.workflow.findMany({ orderBy: { name: "asc" }, select: { slug: true, name: true } }),
  ]);
  return {
    filters,
    filterError,
    filtered: Boolean(filters.model || filters.workflow || filters.passed !== undefined),
    result,
    workflows,
    whyNotUpload: viewer.can("evaluation:upload") ? null : UPLOAD_WHY_NOT,
  };
}
