import "server-only";
// One evaluation run's page (/evaluations/[id]): the run, its gate and, when the gate failed, the first
// reason why. An unknown id is a DomainError "not_found" (the page's 404).
import type { PageViewer } from "@/lib/server/page";
import { getEvaluation } from "./evaluation-service";
import { firstFailureReason } from "./gate";

export async function evaluationView(viewer: PageViewer, id: string) {
  const run = await getEvaluation(viewer.prisma, viewer.user, id);
  return { run, failureReason: firstFailureReason(run.gateResult) };
}
