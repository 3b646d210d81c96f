"use client";
// The health overview page's body. The server renders it with the first data (initialData), then every
// change of range, filter or sort goes into the URL and react-query fetches just the data from
// /api/v1/analytics/overview and /api/v1/analytics/timeseries, keeping the previous numbers on screen
// (dimmed, aria-busy) until the new ones arrive.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import type { Overview } from "@/lib/analytics/overview";
import type { OpenFinding } from "@/lib/analytics/overview-query";
import { DIMENSIONS, analyticsApiQuery } from "@/lib/analytics/rollup-filters";
import type { AnalyticsCharts as ChartsData } from "@/lib/analytics/timeseries-query";
import { FormAlert } from "@/components/ui/form";
import { FilterBar } from "./filter-bar";
import { FindingsPanel } from "./findings-panel";
import { formatRange } from "./format";
import { HealthTable } from "./health-table";
import { ErrorTypesCard, KpiCards } from "./kpi-cards";
import { useUrlParams } from "./use-url-params";

const AnalyticsCharts = dynamic(() => import("./analytics-charts"), {
  ssr: false,
  loading: () => (
    <div className="grid gap-4 lg:grid-cols-2" role="status" aria-label="Loading charts">
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="card h-72 animate-pulse bg-slate-100 dark:bg-slate-800" />
      ))}
    </div>
  ),
});

class ApiError extends Error {}

async function fetchJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: { accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = body?.error;
    const fields = error?.fieldErrors ? Object.values(error.fieldErrors as Record<string, string[]>).flat().join(" ") : "";
    throw new ApiError(fields || error?.message || `The server answered ${response.status}.`);
  }
  return body as T;
}

export interface AnalyticsDashboardProps {
  /** analyticsApiQuery of the URL the server rendered: the cache key its data belongs to. */
  initialQuery: string;
  initialOverview: Overview;
  initialCharts: ChartsData;
  findings: OpenFinding[];
  /** A problem with the URL's parameters the server fell back from (shown once, above the defaults). */
  initialError: string | null;
  canImport: boolean;
}

export function AnalyticsDashboard({ initialQuery, initialOverview, initialCharts, findings, initialError, canImport }: AnalyticsDashboardProps) {
  const { searchParams } = useUrlParams();
  const query = analyticsApiQuery(new URLSearchParams(searchParams.toString()));
  const isInitial = query === initialQuery;
  const overview = useQuery({
    queryKey: ["analytics", "overview", query],
    queryFn: () => fetchJson<Overview>(`/api/v1/analytics/overview?${query}`),
    initialData: isInitial && !initialError ? initialOverview : undefined,
    placeholderData: keepPreviousData,
  });
  const charts = useQuery({
    queryKey: ["analytics", "timeseries", query],
    queryFn: () => fetchJson<ChartsData>(`/api/v1/analytics/timeseries?${query}`),
    initialData: isInitial && !initialError ? initialCharts : undefined,
    placeholderData: keepPreviousData,
  });

  // With a bad URL the server rendered the defaults; keep showing them beside the message.
  const shownOverview = overview.data ?? initialOverview;
  const shownCharts = charts.data ?? initialCharts;
  const error = (isInitial ? initialError : null) ?? overview.error?.message ?? charts.error?.message ?? null;
  const updating = overview.isFetching || charts.isFetching;
  const selectedWorkflows = (searchParams.get("workflow") ?? "").split(",").filter(Boolean);
  const selectedModels = (searchParams.get("model") ?? "").split(",").filter(Boolean);
  const visibleFindings = findings.filter(
    (f) => (selectedWorkflows.length === 0 || selectedWorkflows.includes(f.workflow)) && (selectedModels.length === 0 || selectedModels.includes(f.model)),
  );
  const noUsage = shownOverview.totals.metrics.requests.value === 0 && shownOverview.totals.metrics.requests.previous === 0;
  const anyDimension = DIMENSIONS.some((d) => searchParams.get(d));

  return (
    <div className="space-y-4">
      <FilterBar options={shownCharts.filterOptions} range={shownOverview.range} />
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="range-summary">
        <span className="font-medium text-slate-800 dark:text-slate-200">{formatRange(shownOverview.range)}</span>, compared with{" "}
        {formatRange(shownOverview.previousRange)}.{" "}
        <span role="status" aria-live="polite" className="text-indigo-700 dark:text-indigo-300">
          {updating ? "Updating…" : ""}
        </span>
      </p>
      {error && (
        <FormAlert>
          {error} {overview.data || charts.data ? "The figures below are from your previous selection." : "Showing the last 30 days instead."}
        </FormAlert>
      )}
      <div aria-busy={updating} className={`space-y-6 transition-opacity ${updating ? "opacity-60" : ""}`} data-testid="analytics-content">
        {noUsage ? (
          <div className="card text-center" data-testid="empty-state">
            <h2 className="text-lg font-semibold">No usage in this range</h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {anyDimension ? "Nothing matches these filters in this range or the one before it. Clear a filter or choose a longer range." : "No calls were logged in this range or the one before it. Choose a longer range"}
              {!anyDimension && (canImport ? <> or <a className="link" href="/usage/import">import usage logs</a>.</> : ".")}
            </p>
          </div>
        ) : (
          <>
            <KpiCards totals={shownOverview.totals} />
            <div className="grid gap-4 lg:grid-cols-3">
              <div className="lg:col-span-2">
                <FindingsPanel findings={visibleFindings} filtered={selectedModels.length + selectedWorkflows.length > 0} />
              </div>
              <ErrorTypesCard totals={shownOverview.totals} />
            </div>
            <AnalyticsCharts data={shownCharts} />
            <HealthTable kind="workflow" caption="By workflow" rows={shownOverview.byWorkflow} />
            <HealthTable kind="model" caption="By model (the model that answered)" rows={shownOverview.byModel} />
          </>
        )}
      </div>
    </div>
  );
}
