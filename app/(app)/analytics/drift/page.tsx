import Link from "next/link";
import { PendingRegion } from "@/components/analytics/analytics-navigation";
import { DriftControls } from "@/components/analytics/drift-controls";
import { DriftDetailPanel } from "@/components/analytics/drift-detail-panel";
import { DriftLevelBadge } from "@/components/analytics/drift-level-badge";
import { DriftTable } from "@/components/analytics/drift-table";
import { FormAlert } from "@/components/ui/form";
import { DRIFT_METRICS } from "@/lib/analytics/drift-params";
import { driftView } from "@/lib/analytics/drift-view";
import type { PageSearchParams } from "@/lib/analytics/overview-view";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "Drift" };

export default async function DriftPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const viewer = await requirePage("analytics:read");
  const view = await driftView(viewer, await searchParams);
  const { params, report, rows, detail, errorMessage } = view;

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Drift</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          How each model × workflow&apos;s calls moved between a baseline window and the current one: population stability index (PSI) over the baseline&apos;s
          deciles and the Kolmogorov–Smirnov statistic for latency, tokens and quality score, and PSI over error types. PSI ≥ {params.thresholds.watch} is
          watch, ≥ {params.thresholds.alert} is alert.
        </p>
      </div>
      {errorMessage && <FormAlert>{errorMessage.replace(/\.?$/, ".")} Showing the default windows and thresholds instead.</FormAlert>}
      <DriftControls
        key={view.controlsKey}
        values={view.controls}
        windowHints={view.windowHints}
        workflows={view.facets.workflows}
        models={view.facets.models}
        fieldErrors={view.fieldErrors}
      />
      <PendingRegion className="space-y-4" testId="drift-content">
        {report.rows.length === 0 && report.oneWindowOnly.length === 0 ? (
          <div className="card text-sm" role="status" data-testid="drift-empty">
            <p className="font-medium">No calls in these windows.</p>
            <p className="mt-1 text-slate-600 dark:text-slate-400">
              Drift needs usage in both the baseline and the current window.{" "}
              {view.importHref ? (
                <>
                  <Link href={view.importHref} className="link">
                    Import usage logs
                  </Link>{" "}
                  or choose other windows.
                </>
              ) : (
                "Choose other windows."
              )}
            </p>
          </div>
        ) : (
          <>
            <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm" role="status" data-testid="drift-summary">
              <span>
                {report.rows.length} model × workflow pair{report.rows.length === 1 ? "" : "s"} with calls in both windows; their{" "}
                {report.rows.length * DRIFT_METRICS.length} metrics:
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
            {detail && <DriftDetailPanel detail={detail} closeHref={view.closeHref} minSamples={params.minSamples} />}
            {rows.length > 0 && <DriftTable params={params} rows={rows} />}
            {report.oneWindowOnly.length > 0 && (
              <section aria-labelledby="one-window-title" className="card">
                <h2 id="one-window-title" className="text-sm font-semibold">
                  Calls in one window only (started or stopped, not compared)
                </h2>
                <ul className="mt-2 space-y-1 text-sm" data-testid="one-window-only">
                  {report.oneWindowOnly.map((g) => (
                    <li key={`${g.model}\u0000${g.workflow}`}>
                      <span className="font-mono text-xs">{g.model}</span> on {g.workflow || "(no workflow)"}: {g.requests.baseline.toLocaleString("en-US")}{" "}
                      baseline calls, {g.requests.current.toLocaleString("en-US")} current calls
                    </li>
                  ))}
                </ul>
              </section>
            )}
          </>
        )}
      </PendingRegion>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Computed from the hourly rollups in {view.elapsedMs.toFixed(0)} ms. A metric is judged when each window holds at least{" "}
        {params.minSamples.toLocaleString("en-US")} calls with a value (quality: scored calls); KS is read at the histogram bucket edges. The same numbers:{" "}
        <a className="link" href={view.apiHref}>
          GET /api/v1/analytics/drift
        </a>
        .
      </p>
    </div>
  );
}
