import "server-only";
// The usage import page (/usage/import): the recent imports the URL's filters select. A bad URL shows
// the latest uploads, with what was wrong with it.
import { DomainError } from "@/lib/errors";
import type { PageViewer } from "@/lib/server/page";
import { parseInput } from "@/lib/validation";
import { type ImportListFilters, importListFrom, importListSchema } from "./import-list";
import { listUsageImports } from "./usage-upload";

type SearchParams = Record<string, string | string[] | undefined>;

export async function usageImportView(viewer: PageViewer, params: SearchParams) {
  let filters: ImportListFilters;
  let filterError: string | null = null;
  try {
    filters = parseInput(importListSchema, importListFrom(params));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    filterError = error.message;
    filters = importListSchema.parse({});
  }
  return { filters, filterError, imports: await listUsageImports(viewer.prisma, viewer.user, filters) };
}
