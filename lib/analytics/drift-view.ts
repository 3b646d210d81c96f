import "server-only";
// The drift page (/analytics/drift): the report for the URL's windows, thresholds and filters, the table
// rows in the URL's order, the open row's histograms, the form's values (what the person typed, when the
// URL did not parse, so each message stays beside its field) and the links the page offers. A URL that
// does not parse shows the default windows and thresholds with the reasons, instead of an error page.
import { getDb } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import type { PageViewer } from "@/lib/server/page";
import { driftQuery } from "./drift-params";
import { type DriftResult, driftFacets, getDriftReport } from "./drift-query";
import { driftDetail, driftTableRows, sortDriftRows } from "./drift-report";
import { type PageSearchParams, type ViewDatabase, refusal } from "./overview-view";
import { searchParamsToAnalyticsInput } from "./rollup-filters";

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")}`;
const localInput = (d: Date) => d.toISOString().slice(0, 16);
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const href = (query: string) => (query ? `/analytics/drift?${query}` : "/analytics/drift");

export async function driftView(viewer: PageViewer, raw: PageSearchParams, database?: ViewDatabase) {
  const db = database ?? (await getDb());
  let fieldErrors: Record<string, string[]> = {};
  let errorMessage: string | null = null;
  let result: DriftResult;
  try {
    result = await getDriftReport(db, viewer.user, searchParamsToAnalyticsInput(raw));
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "validation") throw error;
    fieldErrors = error.fieldErrors ?? {};
    errorMessage = error.message;
    result = await getDriftReport(db, viewer.user, {});
  }
  const { params, report, groups, elapsedMs } = result;
  const facets = await driftFacets(db, params);
  const hidden: Record<string, string> = {};
  if (params.sort !== "psi") hidden.sort = params.sort;
  if (params.show) Object.assign(hidden, { show: params.show.metric, showModel: params.show.model, showWorkflow: params.show.workflow });
  // On a validation error keep what the person typed, so the field and its message stay together.
  const typed = (name: string, fallback: string) => (errorMessage && first(raw[name]) ? first(raw[name]) : fallback);
  // A window bound as the datetime-local input shows it: a date-only "to" means the end of that day.
  const typedInstant = (name: string, end: boolean, fallback: string) => {
    const value = typed(name, fallback);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
    const ms = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(ms) ? value : localInput(new Date(end ? ms + 86_400_000 : ms));
  };
  const rows = sortDriftRows(driftTableRows(report), params.sort, params.dir);
  const detail = params.show ? driftDetail(report, groups, params.show) : null;
  const withoutShow = driftQuery(params, { show: null });
  return {
    params,
    report,
    rows,
    /** The open row's histograms; null when none is open or it has no calls in both windows. */
    detail,
    elapsedMs,
    /** Why the URL's parameters were set aside (the defaults are shown instead), and per field. */
    errorMessage,
    fieldErrors,
    /** The form's key: it resets to the shown parameters when they change. */
    controlsKey: driftQuery(params),
    controls: {
      baselineFrom: typedInstant("baselineFrom", false, params.given.baselineFrom ? localInput(params.baseline.from) : ""),
      baselineTo: typedInstant("baselineTo", true, params.given.baselineTo ? localInput(params.baseline.to) : ""),
      currentFrom: typedInstant("currentFrom", false, params.given.currentFrom ? localInput(params.current.from) : ""),
      currentTo: typedInstant("currentTo", true, params.given.currentTo ? localInput(params.current.to) : ""),
      watch: typed("watch", String(params.thresholds.watch)),
      alert: typed("alert", String(params.thresholds.alert)),
      minSamples: typed("minSamples", String(params.minSamples)),
      workflow: params.filters.workflow[0] ?? "",
      model: params.filters.model[0] ?? "",
      hidden,
    },
    windowHints: {
      baseline: `${utc(params.baseline.from)} → ${utc(params.baseline.to)}`,
      current: `${utc(params.current.from)} → ${utc(params.current.to)} UTC`,
    },
    facets: { workflows: facets.workflows.filter(Boolean), models: facets.models },
    closeHref: href(withoutShow),
    /** Where to import usage logs, when this viewer may (the empty state offers it). */
    importHref: refusal(viewer, "usage:ingest") ? null : "/usage/import",
    apiHref: `/api/v1/analytics/drift${withoutShow ? `?${withoutShow}` : ""}`,
  };
}

export type DriftView = Awaited<ReturnType<typeof driftView>>;
