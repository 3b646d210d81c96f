import { searchParamsToAnalyticsInput } from "@/lib/analytics/rollup-filters";
import { getAnalyticsCharts } from "@/lib/analytics/timeseries-query";
import { getDb } from "@/lib/db/server-db";
import { apiRoute } from "@/lib/http/route";

// The analytics charts' data: cost per time bucket stacked by model, latency percentiles, error /
// fallback / retry rates, token distributions, and the values the filter lists offer. Same parameters
// as /api/v1/analytics/overview; hourly buckets up to 7 days, daily beyond.
export const GET = apiRoute("analytics:read", async ({ request, actor }) => {
  const input = searchParamsToAnalyticsInput(new URL(request.url).searchParams);
  return Response.json(await getAnalyticsCharts(await getDb(), actor, input), { headers: { "Cache-Control": "private, no-store" } });
});
