import "server-only";
// The catalog page (/models): the filters read from the URL (or, when they do not parse, the message
// and the unfiltered catalog), one page of models with the filter bar's choices, and whether this
// viewer may register a model, with why not.
import { DomainError } from "@/lib/errors";
import type { PageViewer } from "@/lib/server/page";
import { type CatalogFilters, catalogFiltersSchema } from "./catalog-filters";
import { catalogFacets, listModels, parseCatalogFilters } from "./catalog-query";

type SearchParams = Record<string, string | string[] | undefined>;

export async function catalogView(viewer: PageViewer, params: SearchParams) {
  let filters: CatalogFilters;
  let filterError: string | null = null;
  try {
    filters = parseCatalogFilters(params);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    filterError = error.message;
    filters = catalogFiltersSchema.parse({});
  }
  const [result, facets] = await Promise.all([listModels(viewer.prisma, viewer.user, filters), catalogFacets(viewer.prisma)]);
  return {
    filters,
    filterError,
    result,
    facets,
    register: viewer.can("model:register") ? { allowed: true as const } : { allowed: false as const, whyNot: "Registering models is for engineers." },
  };
}
