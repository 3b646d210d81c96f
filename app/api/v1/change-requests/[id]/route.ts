import { getChangeRequest } from "@/lib/approvals/change-request-service";
import { getPrisma } from "@/lib/db/server-db";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute<{ params: Promise<{ id: string }> }>("catalog:read", async ({ actor, context }) => {
  const { id } = await context.params;
  const { request, violations, waitingOn } = await getChangeRequest(await getPrisma(), actor, id);
  return Response.json({ ...request, violations, waitingOn });
});
