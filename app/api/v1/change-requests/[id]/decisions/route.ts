// Decisions come from a signed-in person only: the service refuses API keys whatever their scopes.
import { decideChangeRequest } from "@/lib/approvals/change-request-service";
import { getPrisma } from "@/lib/db/server-db";
import { readJsonBody } from "@/lib/http/json-body";
import { apiRoute } from "@/lib/http/route";

export const POST = apiRoute<{ params: Promise<{ id: string }> }>("change_request:decide", async ({ request, actor, context }) => {
  const { id } = await context.params;
  const body = (await readJsonBody(request, 100_000)) as Record<string, unknown> | null;
  const result = await decideChangeRequest(await getPrisma(), actor, { ...(body ?? {}), id });
  return Response.json(result);
});
