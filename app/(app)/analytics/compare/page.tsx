import Link from "next/link";
import { AnalyticsLink, PendingRegion } from "@/components/analytics/analytics-navigation";
import { CompareControls } from "@/components/analytics/compare-controls";
import { CompareTable } from "@/components/analytics/compare-table";
import { FormAlert } from "@/components/ui/form";
import { compareView } from "@/lib/analytics/compare-view";
import type { PageSearchParams } from "@/lib/analytics/overview-view";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "Compare" };

const int = (n: number) => n.toLocaleString("en-US");

export default async function ComparePage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const viewer = await requirePage("analytics:read");
  const view = await compareView(viewer, await searchParams);
  const { params, choices, report, kind, errorMessage } = view;

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">A/B and canary comparison</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Two models or two bundles serving the same workflow over the same period. A is the control (what runs today), B the candidate; every difference is B −
          A, with a confidence interval and whether it is significant, and for rates the calls each arm still needs.
        </p>
      </div>
      {errorMessage && <FormAlert>{errorMessage.replace(/\.?$/, ".")} Showing the default comparison instead.</FormAlert>}
      <CompareControls key={view.controlsKey} values={view.controls} workflows={choices.workflows} arms={choices.arms} fieldErrors={view.fieldErrors} />
      <PendingRegion className="space-y-4" testId="compare-content">
        {choices.workflows.length === 0 ? (
          <div className="card text-sm" role="status" data-testid="compare-empty">
            <p className="font-medium">No calls in this period.</p>
            <p className="mt-1 text-slate-600 dark:text-slate-400">
              Choose a longer period
              {view.importHref ? (
                <>
                  {" "}
                  or{" "}
                  <Link href={view.importHref} className="link">
                    import usage logs
                  </Link>
                  .
                </>
              ) : (
                "."
              )}
            </p>
          </div>
        ) : !report ? (
          <div className="card text-sm" role="status" data-testid="compare-empty">
            {choices.arms.length < 2 ? (
              <p>
                Only {choices.arms.length === 0 ? "no" : "one"} {kind} served {params.workflow} in this period, so there is nothing to compare.{" "}
                {params.by === "model" ? "Try comparing bundles, or another workflow." : "Try comparing models, or another workflow."}
              </p>
            ) : (
              <p>Choose two different {kind}s to compare.</p>
            )}
          </div>
        ) : (
          <>
            <p className="text-sm" role="status" data-testid="compare-summary">
              <span className="font-mono">{report.armB}</span> (B) against <span className="font-mono">{report.armA}</span> (A) on {params.workflow},{" "}
              {view.period.from} to {view.period.to} (UTC).{" "}
              <AnalyticsLink className="link" href={view.swapHref}>
                Swap A and B
              </AnalyticsLink>
            </p>
            <CompareTable report={report} />
            <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="compare-sampling">
              Rates, means and percentiles use every call in the period. Latency is of successful calls; the rank test uses{" "}
              {report.latencySample.a < report.latencySample.totalA || report.latencySample.b < report.latencySample.totalB
                ? `a fixed pseudo-random sample of ${int(report.latencySample.a)} of ${int(report.latencySample.totalA)} (A) and ${int(report.latencySample.b)} of ${int(report.latencySample.totalB)} (B) calls (at most ${int(view.caps.latencySample)} per arm)`
                : `all ${int(report.latencySample.a)} (A) and ${int(report.latencySample.b)} (B) of them`}
              , and the median&apos;s interval is a bootstrap (1,000 resamples) over {int(report.latencySample.bootstrapA)} and{" "}
              {int(report.latencySample.bootstrapB)} of those (at most {int(view.caps.bootstrap)} per arm). Sample sizes are for 80 % power at the chosen
              confidence. Computed in {view.elapsedMs.toFixed(0)} ms. The same numbers:{" "}
              <a className="link" href={view.apiHref}>
                GET /api/v1/analytics/compare
              </a>
              .
            </p>
          </>
        )}
      </PendingRegion>
    </div>
  );
}
