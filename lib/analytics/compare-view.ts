import "server-only";
// The A/B comparison page (/analytics/compare): the comparison for the URL's workflow, arms, period and
// test settings (the busiest workflow and arms when none are named), the form's values and choices, the
// sampling note's figures and the links the page offers. A URL that does not parse shows the default
// comparison with the reasons beside their fields, instead of an error page.
import { getDb } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import type { PageViewer } from "@/lib/server/page";
import { compareQuery } from "./compare-params";
import { BOOTSTRAP_CAP, type CompareResult, LATENCY_SAMPLE_CAP, getComparison } from "./compare-query";
import { type PageSearchParams, type ViewDatabase, refusal } from "./overview-view";
import { searchParamsToAnalyticsInput } from "./rollup-filters";

const day = (d: Date) => d.toISOString().slice(0, 10);

export async function compareView(viewer: PageViewer, raw: PageSearchParams, database?: ViewDatabase) {
  const db = database ?? (await getDb());
  let fieldErrors: Record<string, string[]> = {};
  let errorMessage: string | null = null;
  let result: CompareResult;
  try {
    result = await getComparison(db, viewer.user, searchParamsToAnalyticsInput(raw));
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "validation") throw error;
    fieldErrors = error.fieldErrors ?? {};
    errorMessage = error.message;
    result = await getComparison(db, viewer.user, {});
  }
  const { params, choices, report, elapsedMs } = result;
  const query = compareQuery(params);
  const lastDay = day(new Date(params.to.getTime() - 1));
  return {
    params,
    choices,
    /** Null until a workflow and two different arms with calls are chosen. */
    report,
    elapsedMs,
    kind: params.by === "bundle" ? ("bundle" as const) : ("model" as const),
    period: { from: day(params.from), to: lastDay },
    /** Why the URL's parameters were set aside (the default comparison is shown instead), and per field. */
    errorMessage,
    fieldErrors,
    /** The form's key: it resets to the shown comparison when that changes. */
    controlsKey: query,
    controls: {
      workflow: params.workflow ?? "",
      by: params.by,
      a: params.a ?? "",
      b: params.b ?? "",
      range: params.preset ?? "",
      from: day(params.from),
      to: lastDay,
      alpha: String(params.alpha),
      mde: params.mde === null ? "" : String(params.mde),
    },
    caps: { latencySample: LATENCY_SAMPLE_CAP, bootstrap: BOOTSTRAP_CAP },
    swapHref: `/analytics/compare?${compareQuery(params, { a: params.b, b: params.a })}`,
    apiHref: `/api/v1/analytics/compare?${query}`,
    /** Where to import usage logs, when this viewer may (the empty state offers it). */
    importHref: refusal(viewer, "usage:ingest") ? null : "/usage/import",
  };
}

export type CompareView = Awaited<ReturnType<typeof compareView>>;
