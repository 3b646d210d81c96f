import { getPrisma } from "@/lib/db/server-db";
import { apiRoute } from "@/lib/http/route";
import { searchWorkflows } from "@/lib/workflows/workflow-search";

// ?q= part of a name or slug, ?limit= (1–100, default 25): { total, items: [{ id, slug, name }] }.
export const GET = apiRoute("catalog:read", async ({ request, actor }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  return Response.json(await searchWorkflows(await getPrisma(), actor, params));
});
