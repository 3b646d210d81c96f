import { AnalyticsDashboard } from "@/components/analytics/analytics-dashboard";
import { type PageSearchParams, analyticsOverviewView } from "@/lib/analytics/overview-view";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "Analytics" };

// Rendered on the server for the filters in the URL; a change of range, filter or order navigates to the
// new URL and the server renders again (app/(app)/analytics/layout.tsx).
export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  const viewer = await requirePage("analytics:read");
  const view = await analyticsOverviewView(viewer, await searchParams);
  return (
    <>
      <div className="mb-4">
        <h1 className="text-2xl font-semibold">Model health</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Cost, latency, errors, retries and fallbacks of the logged calls, per workflow and per model, against the previous period of the same length.
        </p>
      </div>
      <AnalyticsDashboard view={view} />
    </>
  );
}
