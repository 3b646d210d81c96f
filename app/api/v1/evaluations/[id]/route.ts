import { getPrisma } from "@/lib/db/server-db";
import { getEvaluation } from "@/lib/evaluations/evaluation-service";
import { apiRoute } from "@/lib/http/route";

export const GET = apiRoute<{ params: Promise<{ id: string }> }>("catalog:read", async ({ actor, context }) => {
  const { id } = await context.params;
  return Response.json(await getEvaluation(await getPrisma(), actor, id));
});
