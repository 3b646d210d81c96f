import { driftApiBody, getDriftReport } from "@/lib/analytics/drift-query";
import { searchParamsToAnalyticsInput } from "@/lib/analytics/rollup-filters";
import { getDb } from "@/lib/db/server-db";
import { apiRoute } from "@/lib/http/route";

// GET /api/v1/analytics/drift: the drift page's numbers for scripts (parameters: lib/analytics/drift-params.ts).
export const GET = apiRoute("analytics:read", async ({ request, actor }) => {
  const input = searchParamsToAnalyticsInput(new URL(request.url).searchParams);
  return Response.json(driftApiBody(await getDriftReport(await getDb(), actor, input)));
});
