import "server-only";
// The analytics overview page (/analytics): the health figures, charts' data and open findings for the
// filters in the URL (each honoured by the queries themselves), both tables in the order the URL names,
// and what this viewer may do there (import usage logs, or why not, by the permission the import checks).
// A URL whose filters do not parse shows the default range with the reason, instead of an error page.
import { assertCan } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import type { Database } from "@/lib/db/connection";
import { getDb } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import type { PageViewer } from "@/lib/server/page";
import { parseInput } from "@/lib/validation";
import { type HealthTableKind, type TableSort, parseSort, sortParams, sortRows } from "./health-sort";
import { getOverview, listOpenFindings } from "./overview-query";
import { type AnalyticsFilters, DIMENSIONS, analyticsFiltersSchema, defaultAnalyticsFilters, searchParamsToAnalyticsInput } from "./rollup-filters";
import { getAnalyticsCharts } from "./timeseries-query";

export type PageSearchParams = Record<string, string | string[] | undefined>;
/** The database a view reads (the server's own unless a test passes one). */
export type ViewDatabase = Pick<Database, "sql" | "prisma">;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Why the service would refuse this viewer `permission` (its own message), or null when it would not. */
export function refusal(viewer: PageViewer, permission: Permission): string | null {
  try {
    assertCan(viewer.user, permission);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

/** A validation error as one sentence (the field messages, else the summary). */
export function validationText(error: DomainError): string {
  return error.fieldErrors ? Object.values(error.fieldErrors).flat().join(" ") : error.message;
}

export async function analyticsOverviewView(viewer: PageViewer, params: PageSearchParams, database?: ViewDatabase) {
  const db = database ?? (await getDb());
  let filters: AnalyticsFilters;
  let filterError: string | null = null;
  try {
    filters = parseInput(analyticsFiltersSchema, searchParamsToAnalyticsInput(params));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    filterError = validationText(error);
    filters = defaultAnalyticsFilters();
  }
  const [overview, charts, findings] = await Promise.all([
    getOverview(db, viewer.user, filters),
    getAnalyticsCharts(db, viewer.user, filters),
    listOpenFindings(db, viewer.user, filters),
  ]);
  const table = <T extends (typeof overview.byWorkflow)[number] | (typeof overview.byModel)[number]>(kind: HealthTableKind, rows: T[]) => {
    const names = sortParams(kind);
    const sort: TableSort = parseSort(first(params[names.key]), first(params[names.dir]));
    return { sort, rows: sortRows(rows, sort) };
  };
  const whyNotImport = refusal(viewer, "usage:ingest");
  return {
    /** Why the URL's filters were set aside (the default range is shown instead), or null. */
    filterError,
    overview,
    charts,
    findings,
    /** A workflow, model, provider, region or bundle filter is in effect (the range always is). */
    dimensionFiltered: DIMENSIONS.some((d) => filters[d].length > 0),
    /** No calls in the range nor in the period before it. */
    noUsage: overview.totals.metrics.requests.value === 0 && overview.totals.metrics.requests.previous === 0,
    tables: { workflow: table("workflow", overview.byWorkflow), model: table("model", overview.byModel) },
    /** Where to import usage logs, when this viewer may; else why not. */
    importHref: whyNotImport ? null : "/usage/import",
    whyNotImport,
  };
}

export type AnalyticsOverviewView = Awaited<ReturnType<typeof analyticsOverviewView>>;
