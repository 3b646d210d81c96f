import "server-only";
// The workflows page (/workflows): every workflow with who serves it now and whether it is at risk.
import type { PageViewer } from "@/lib/server/page";
import { listWorkflows } from "./workflow-query";

export async function workflowsView(viewer: PageViewer) {
  return { workflows: await listWorkflows(viewer.prisma, viewer.user) };
}
