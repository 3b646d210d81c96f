import Link from "next/link";
import { DriftControls } from "@/components/analytics/drift-controls";
import { DriftDetailPanel } from "@/components/analytics/drift-detail-panel";
import { DriftLevelBadge } from "@/components/analytics/drift-level-badge";
import { DriftTable } from "@/components/analytics/drift-table";
import { Forbidden } from "@/components/ui/forbidden";
import { FormAlert } from "@/components/ui/form";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { DRIFT_METRICS, driftQuery } from "@/lib/analytics/drift-params";
import { driftFacets, getDriftReport } from "@/lib/analytics/drift-query";
import { driftDetail, driftTableRows, sortDriftRows } from "@/lib/analytics/drift-report";
import { searchParamsToAnalyticsInput } from "@/lib/analytics/rollup-filters";
import { getDb } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";

export const metadata = { title: "Drift" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")}`;
const localInput = (d: Date) => d.toISOString().slice(0, 16);
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

export default async function DriftPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await currentUser();
  if (!user || !rolesCan(user.roles, "analytics:read")) return <Forbidden what="Drift analytics are not available to your role." />;
  const raw = await searchParams;
  const input = searchParamsToAnalyticsInput(raw);
  const db = await getDb();
  let fieldErrors: Record<string, string[]> = {};
  let errorMessage: string | null = null;
  let result;
  try {
    result = await getDriftReport(db, user, input);
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== "validation") throw error;
    fieldErrors = error.fieldErrors ?? {};
    errorMessage = error.message;
    result = await getDriftReport(db, user, {});
  }
  const { params, report, groups, elapsedMs } = result;
  const facets = await driftFacets(db, params);
  const rows = sortDriftRows(driftTableRows(report), params.sort, params.dir);
  const detail = params.show ? driftDetail(report, groups, params.show) : null;
  const closeQuery = driftQuery(params, { show: null });
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

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Drift</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          How each model × workflow&apos;s calls moved between a baseline window and the current one: population stability index (PSI) over the baseline&apos;s deciles and
          the Kolmogorov–Smirnov statistic for latency, tokens and quality score, and PSI over error types. PSI ≥ {params.thresholds.watch} is watch, ≥{" "}
          {params.thresholds.alert} is alert.
        </p>
      </div>
      {errorMessage && <FormAlert>{errorMessage.replace(/\.?$/, ".")} Showing the default windows and thresholds instead.</FormAlert>}
      <DriftControls
        key={driftQuery(params)}
        values={{
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
        }}
        windowHints={{ baseline: `${utc(params.baseline.from)} → ${utc(params.baseline.to)}`, current: `${utc(params.current.from)} → ${utc(params.current.to)} UTC` }}
        workflows={facets.workflows.filter(Boolean)}
        models={facets.models}
        fieldErrors={fieldErrors}
      />

      {report.rows.length === 0 && report.oneWindowOnly.length === 0 ? (
        <div className="card text-sm" role="status" data-testid="drift-empty">
          <p className="font-medium">No calls in these windows.</p>
          <p className="mt-1 text-slate-600 dark:text-slate-400">
            Drift needs usage in both the baseline and the current window. <Link href="/usage/import" className="link">Import usage logs</Link> or choose other windows.
          </p>
        </div>
      ) : (
        <>
          <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" role="status" data-testid="drift-summary">
            <span>
              {report.rows.length} model × workflow pair{report.rows.length === 1 ? "" : "s"} with calls in both windows; their {report.rows.length * DRIFT_METRICS.length} metrics:
            </span>
            {(["alert", "watch", "stable", "insufficient"] as const).map((level) => (
              <span key={level} className="inline-flex items-center gap-1">
                <DriftLevelBadge level={level} /> <span className="tabular-nums">{report.counts[level]}</span>
              </span>
            ))}
          </p>
          {params.show && !detail && (
            <FormAlert tone="info">
              {params.show.model} on {params.show.workflow || "no workflow"} has no calls in both windows; nothing to draw.
            </FormAlert>
          )}
          {detail && <DriftDetailPanel detail={detail} closeHref={closeQuery ? `/analytics/drift?${closeQuery}` : "/analytics/drift"} minSamples={params.minSamples} />}
          {rows.length > 0 && <DriftTable params={params} rows={rows} />}
          {report.oneWindowOnly.length > 0 && (
            <section aria-labelledby="one-window-title" className="card">
              <h2 id="one-window-title" className="text-sm font-semibold">
                Calls in one window only (started or stopped, not compared)
              </h2>
              <ul className="mt-2 space-y-1 text-sm" data-testid="one-window-only">
                {report.oneWindowOnly.map((g) => (
                  <li key={`${g.model}\u0000${g.workflow}`}>
                    <span className="font-mono text-xs">{g.model}</span> on {g.workflow || "(no workflow)"}: {g.requests.baseline.toLocaleString("en-US")} baseline calls,{" "}
                    {g.requests.current.toLocaleString("en-US")} current calls
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Computed from the hourly rollups in {elapsedMs.toFixed(0)} ms. A metric is judged when each window holds at least {params.minSamples.toLocaleString("en-US")} calls
        with a value (quality: scored calls); KS is read at the histogram bucket edges. The same numbers:{" "}
        <a className="link" href={`/api/v1/analytics/drift${driftQuery(params, { show: null }) ? `?${driftQuery(params, { show: null })}` : ""}`}>
          GET /api/v1/analytics/drift
        </a>
        .
      </p>
    </div>
  );
}
