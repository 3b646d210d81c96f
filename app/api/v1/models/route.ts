import { listModels, parseCatalogFilters } from "@/lib/catalog/catalog-query";
import { getPrisma } from "@/lib/db/server-db";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute("catalog:read", async ({ request, actor }) => {
  const filters = parseCatalogFilters(new URL(request.url).searchParams);
  const { total, page, pageSize, items } = await listModels(await getPrisma(), actor, filters);
  return Response.json({ total, page, pageSize, items });
});
