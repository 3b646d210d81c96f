import { fact } from "@/components/ui/fact";
import type { DriftDetail } from "@/lib/analytics/drift-report";
import { METRIC_INFO, NO_ERROR, formatBucketValue } from "@/lib/analytics/drift-report";
import { AnalyticsLink } from "./analytics-navigation";
import { DriftLevelBadge } from "./drift-level-badge";
import { formatStat } from "./drift-table";
import { LazyDriftHistogramChart } from "./lazy-charts";

export function DriftDetailPanel({ detail, closeHref, minSamples }: { detail: DriftDetail; closeHref: string; minSamples: number }) {
  const { result } = detail;
  const info = METRIC_INFO[detail.metric];
  const unit = info.layout?.unit;
  const value = (v: number | null | undefined) => (v === null || v === undefined || !unit ? "—" : formatBucketValue(v, unit));
  const shift = (p: "p50" | "p95") => (result.percentiles ? `${value(result.percentiles[p].baseline)} → ${value(result.percentiles[p].current)}` : "—");
  const what = detail.metric === "quality" ? "scored calls" : "calls";
  const title = `${info.label} of ${detail.model} on ${detail.workflow || "no workflow"}`;
  // Error types: "(no error)" holds ~98 % of calls and would flatten every error bar next to it.
  const noError = detail.metric === "errorType" ? detail.bars.find((b) => b.label === NO_ERROR) : undefined;
  const bars = noError ? detail.bars.filter((b) => b !== noError) : detail.bars;
  const share = (x: number) => `${(x * 100).toFixed(1)} %`;
  return (
    <section id="drift-detail" aria-labelledby="drift-detail-title" className="card mt-4" tabIndex={-1}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="drift-detail-title" className="text-lg font-semibold">
            {title}
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {detail.metric === "errorType"
              ? "Share of calls per outcome (no error, or the error type) in each window."
              : "Share of each window's calls per histogram bucket; the baseline is the wide grey bar, the current window the narrow one."}
          </p>
        </div>
        <div className="flex items-center gap-3">
          <DriftLevelBadge level={result.level} />
          <AnalyticsLink href={closeHref} scroll={false} className="btn-secondary">
            Close
          </AnalyticsLink>
        </div>
      </div>
      {result.level === "insufficient" && (
        <p className="mt-3 rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-800" role="note">
          Not enough data to judge: {result.samples.baseline.toLocaleString("en-US")} {what} in the baseline and{" "}
          {result.samples.current.toLocaleString("en-US")} in the current window; each needs at least {minSamples.toLocaleString("en-US")}.
        </p>
      )}
      <dl className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {fact("PSI", formatStat(result.psi))}
        {fact(
          "KS",
          result.ks === null
            ? detail.metric === "errorType"
              ? "n/a (categories)"
              : "—"
            : `${formatStat(result.ks)}${result.ksPValue !== null ? ` (p ${result.ksPValue < 0.001 ? "< 0.001" : `= ${result.ksPValue.toFixed(3)}`})` : ""}`,
        )}
        {fact(`Baseline ${what}`, result.samples.baseline.toLocaleString("en-US"))}
        {fact(`Current ${what}`, result.samples.current.toLocaleString("en-US"))}
        {fact("p50, baseline → current", shift("p50"))}
        {fact("p95, baseline → current", shift("p95"))}
      </dl>
      <div className="mt-4">
        {noError && (
          <p className="mb-2 text-sm">
            Calls without error: {share(noError.baseline)} of the baseline, {share(noError.current)} of the current window (not drawn, so the error types stay
            visible).
          </p>
        )}
        {bars.length ? (
          <LazyDriftHistogramChart bars={bars} title={title} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">{noError ? "No failed calls in either window." : "No values in either window."}</p>
        )}
      </div>
    </section>
  );
}
