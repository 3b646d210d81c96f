import { listChangeRequests, openChangeRequest } from "@/lib/approvals/change-request-service";
import { getPrisma } from "@/lib/db/server-db";
import { readJsonBody } from "@/lib/http/json-body";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute("catalog:read", async ({ request, actor }) => {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const { total, items } = await listChangeRequests(await getPrisma(), actor, params);
  return Response.json({ total, items });
});

export const POST = apiRoute("change_request:open", async ({ request, actor }) => {
  const { request: created, violations, policy } = await openChangeRequest(await getPrisma(), actor, await readJsonBody(request));
  return Response.json({ ...created, violations, policy }, { status: 201 });
});
