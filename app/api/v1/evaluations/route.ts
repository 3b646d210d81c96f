import { getPrisma } from "@/lib/db/server-db";
import { readEvaluationBody } from "@/lib/evaluations/evaluation-file";
import { evaluationFiltersFrom, evaluationFiltersSchema } from "@/lib/evaluations/evaluation-input";
import { listEvaluations, uploadEvaluation } from "@/lib/evaluations/evaluation-service";
import { apiRoute } from "@/lib/http/route";
import { parseInput } from "@/lib/validation";

// A pipeline posts an evaluation run (format: lib/evaluations/evaluation-input.ts) with an API key scoped
// catalog:write; the answer is the stored run with its gate, metric by metric.
export const POST = apiRoute("evaluation:upload", async ({ request, actor }) => {
  const body = await readEvaluationBody(request);
  const run = await uploadEvaluation(await getPrisma(), actor, body, "api");
  return Response.json(run, { status: 201, headers: { Location: `/api/v1/evaluations/${run.id}` } });
});

// ?model=<id | provider/snapshot | text>&workflow=<slug | id>&passed=passed|failed&page=&pageSize=
export const GET = apiRoute("catalog:read", async ({ request, actor }) => {
  const filters = parseInput(evaluationFiltersSchema, evaluationFiltersFrom(new URL(request.url).searchParams));
  const { total, page, pageSize, items } = await listEvaluations(await getPrisma(), actor, filters);
  return Response.json({ total, page, pageSize, items });
});
