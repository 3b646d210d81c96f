import "server-only";
// One workflow's page (/workflows/[slug]): its facts and quality bar, who serves it, its candidates,
// what disabling each serving model would do, and whether this viewer may ask for a candidate's
// approval. An unknown slug is a DomainError "not_found" (the page's 404).
import { readThresholds } from "@/lib/evaluations/evaluation-input";
import type { PageViewer } from "@/lib/server/page";
import { getWorkflowDetail } from "./workflow-query";

export const REQUEST_WHY_NOT = "Requesting an approval is for engineers.";

export async function workflowView(viewer: PageViewer, slug: string) {
  const detail = await getWorkflowDetail(viewer.prisma, viewer.user, slug);
  // Disabling a model can touch any workflow: the impact lists link each by its slug.
  const slugs = await viewer.prisma.workflow.findMany({ select: { id: true, slug: true } });
  return {
    ...detail,
    /** The quality bar as the gate reads it (a malformed entry is left out, as the gate leaves it). */
    thresholds: Object.entries(readThresholds(detail.workflow.qualityThresholds ?? undefined).thresholds),
    workflowHrefs: Object.fromEntries(slugs.map((w) => [w.id, `/workflows/${w.slug}`])) as Record<string, string>,
    whyNotRequest: viewer.can("change_request:open") ? null : REQUEST_WHY_NOT,
  };
}
