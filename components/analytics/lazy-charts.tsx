"use client";
// Chart code loads only where a chart is drawn, after the page itself (next/dynamic, no server render:
// the SVGs need the browser's layout anyway), so recharts is never in a page's first JavaScript. Each
// placeholder holds its chart's height so nothing below jumps when it arrives.
import dynamic from "next/dynamic";

const chartsPlaceholder = () => (
  <div className="grid gap-4 lg:grid-cols-2" role="status" aria-label="Loading charts">
    {[0, 1, 2, 3].map((i) => (
      <div key={i} className="card h-72 animate-pulse bg-slate-100 dark:bg-slate-800" />
    ))}
  </div>
);

/** The overview's chart grid (cost, latency, rates, token distributions). */
export const LazyAnalyticsCharts = dynamic(() => import("./analytics-charts"), { ssr: false, loading: chartsPlaceholder });

/** The drift page's overlaid baseline / current histogram. */
export const LazyDriftHistogramChart = dynamic(() => import("./drift-histogram-chart").then((m) => m.DriftHistogramChart), {
  ssr: false,
  loading: () => <div className="h-80 animate-pulse rounded-md bg-slate-100 dark:bg-slate-800" role="status" aria-label="Loading the histogram" />,
});
