import { getOverview } from "@/lib/analytics/overview-query";
import { searchParamsToAnalyticsInput } from "@/lib/analytics/rollup-filters";
import { getDb } from "@/lib/db/server-db";
import { apiRoute } from "@/lib/http/route";

// Health per workflow and per model over [from, to), with the previous period of the same length.
// ?from=&to= (ISO date or date-time) | ?range=24h|7d|30d|90d, and workflow, model, provider, region,
// bundle (repeat or comma-separate). Parameters: lib/analytics/rollup-filters.ts. Shape: lib/analytics/overview.ts.
export const GET = apiRoute("analytics:read", async ({ request, actor }) => {
  const input = searchParamsToAnalyticsInput(new URL(request.url).searchParams);
  return Response.json(await getOverview(await getDb(), actor, input), { headers: { "Cache-Control": "private, no-store" } });
});
