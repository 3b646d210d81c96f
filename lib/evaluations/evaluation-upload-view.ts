import "server-only";
// The upload page (/evaluations/new): the form's choices, and the model and workflow a link preselects
// (/evaluations/new?modelId=…&workflow=support-chat) when they are among them.
import type { PageViewer } from "@/lib/server/page";
import { evaluationFormOptions } from "./evaluation-service";

type SearchParams = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function evaluationUploadView(viewer: PageViewer, params: SearchParams) {
  const options = await evaluationFormOptions(viewer.prisma, viewer.user);
  const modelId = first(params.modelId);
  const workflow = first(params.workflow);
  return {
    options,
    initial: {
      modelId: options.models.some((m) => m.id === modelId) ? modelId : undefined,
      workflow: options.workflows.some((w) => w.slug === workflow) ? workflow : undefined,
    },
  };
}
