import { AnalyticsDashboard } from "@/components/analytics/analytics-dashboard";
import { Forbidden } from "@/components/ui/forbidden";
import { getOverview, listOpenFindings } from "@/lib/analytics/overview-query";
import { type AnalyticsFilters, analyticsApiQuery, analyticsFiltersSchema, defaultAnalyticsFilters, searchParamsToAnalyticsInput } from "@/lib/analytics/rollup-filters";
import { getAnalyticsCharts } from "@/lib/analytics/timeseries-query";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { getDb } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

export const metadata = { title: "Analytics" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// Renders the first data on the server (fast first paint, works before the JavaScript loads); the
// dashboard then refetches through the API as the filters in the URL change.
export default async function AnalyticsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await currentUser();
  if (!user || !rolesCan(user.roles, "analytics:read")) return <Forbidden what="Usage analytics are not available to your role." />;
  const params = await searchParams;
  let filters: AnalyticsFilters;
  let filterError: string | null = null;
  try {
    filters = parseInput(analyticsFiltersSchema, searchParamsToAnalyticsInput(params));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fields = error.fieldErrors ? Object.values(error.fieldErrors).flat().join(" ") : error.message;
    filterError = `${fields}`;
    filters = defaultAnalyticsFilters();
  }
  const db = await getDb();
  const [overview, charts, findings] = await Promise.all([getOverview(db, user, filters), getAnalyticsCharts(db, user, filters), listOpenFindings(db, user)]);
  return (
    <>
      <div className="mb-4">
        <h1 className="text-2xl font-semibold">Model health</h1>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Cost, latency, errors, retries and fallbacks of the logged calls, per workflow and per model, against the previous period of the same length.
        </p>
      </div>
      <AnalyticsDashboard
        initialQuery={analyticsApiQuery(params)}
        initialOverview={overview}
        initialCharts={charts}
        findings={findings}
        initialError={filterError}
        canImport={rolesCan(user.roles, "usage:ingest")}
      />
    </>
  );
}
