import "server-only";
// The compliance checklist page (/compliance): every governed model's checklist, the rows the URL's
// filters keep, and how many have gaps. A bad URL shows every model, with what was wrong with it.
import { DomainError } from "@/lib/errors";
import type { PageViewer } from "@/lib/server/page";
import { type ChecklistFilters, applyChecklistFilters, checklistFiltersSchema, parseChecklistFilters } from "./checklist-filters";
import { catalogCompliance } from "./checklist-query";

type SearchParams = Record<string, string | string[] | undefined>;

export async function checklistView(viewer: PageViewer, params: SearchParams) {
  let filters: ChecklistFilters;
  let filterError: string | null = null;
  try {
    filters = parseChecklistFilters(params);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    filterError = error.message;
    filters = checklistFiltersSchema.parse({});
  }
  const all = await catalogCompliance(viewer.prisma, viewer.user);
  return { filters, filterError, all, rows: applyChecklistFilters(all, filters), withGaps: all.filter((m) => m.gaps > 0).length };
}
