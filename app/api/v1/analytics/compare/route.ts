import { compareApiBody, getComparison } from "@/lib/analytics/compare-query";
import { searchParamsToAnalyticsInput } from "@/lib/analytics/rollup-filters";
import { getDb } from "@/lib/db/server-db";
import { apiRoute } from "@/lib/http/route";

// GET /api/v1/analytics/compare?workflow&by&a&b&from&to&alpha&mde: the A/B page's numbers for scripts
// (parameters: lib/analytics/compare-params.ts). Unlike the page, workflow, a and b are required.
export const GET = apiRoute("analytics:read", async ({ request, actor }) => {
  const input = searchParamsToAnalyticsInput(new URL(request.url).searchParams);
  return Response.json(compareApiBody(await getComparison(await getDb(), actor, input, { requireArms: true })));
});
