// The health overview page's body, rendered on the server from the view (lib/analytics/overview-view.ts).
// Only the filter bar, the table headers' sort buttons and the charts run in the browser; the charts load
// after the page (next/dynamic), so recharts is not part of its first JavaScript.
import { FormAlert } from "@/components/ui/form";
import type { AnalyticsOverviewView } from "@/lib/analytics/overview-view";
import { PendingRegion, PendingStatus } from "./analytics-navigation";
import { FilterBar } from "./filter-bar";
import { FindingsPanel } from "./findings-panel";
import { formatRange } from "./format";
import { HealthTable } from "./health-table";
import { ErrorTypesCard, KpiCards } from "./kpi-cards";
import { LazyAnalyticsCharts } from "./lazy-charts";

export function AnalyticsDashboard({ view }: { view: AnalyticsOverviewView }) {
  const { overview, charts, findings, tables } = view;
  return (
    <div className="space-y-4">
      <FilterBar options={charts.filterOptions} range={overview.range} />
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="range-summary">
        <span className="font-medium text-slate-800 dark:text-slate-200">{formatRange(overview.range)}</span>, compared with{" "}
        {formatRange(overview.previousRange)}. <PendingStatus />
      </p>
      {view.filterError && <FormAlert>{view.filterError} Showing the last 30 days instead.</FormAlert>}
      <PendingRegion className="space-y-6" testId="analytics-content">
        {view.noUsage ? (
          <div className="card text-center" data-testid="empty-state">
            <h2 className="text-lg font-semibold">No usage in this range</h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
              {view.dimensionFiltered ? (
                "Nothing matches these filters in this range or the one before it. Clear a filter or choose a longer range."
              ) : (
                <>
                  No calls were logged in this range or the one before it. Choose a longer range
                  {view.importHref ? (
                    <>
                      {" "}
                      or{" "}
                      <a className="link" href={view.importHref}>
                        import usage logs
                      </a>
                      .
                    </>
                  ) : (
                    "."
                  )}
                </>
              )}
            </p>
          </div>
        ) : (
          <>
            <KpiCards totals={overview.totals} />
            <div className="grid gap-4 lg:grid-cols-3">
              <div className="lg:col-span-2">
                <FindingsPanel findings={findings} filtered={view.dimensionFiltered} />
              </div>
              <ErrorTypesCard totals={overview.totals} />
            </div>
            <LazyAnalyticsCharts data={charts} />
            <HealthTable kind="workflow" caption="By workflow" rows={tables.workflow.rows} sort={tables.workflow.sort} />
            <HealthTable kind="model" caption="By model (the model that answered)" rows={tables.model.rows} sort={tables.model.sort} />
          </>
        )}
      </PendingRegion>
    </div>
  );
}
