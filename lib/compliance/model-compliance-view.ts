import "server-only";
// One model's compliance page (/compliance/models/[id]): its checklist, and whether this viewer may
// download its audit pack (the route checks the same permission). An unknown id is "not_found".
import type { PageViewer } from "@/lib/server/page";
import { modelCompliance } from "./checklist-query";

export async function modelComplianceView(viewer: PageViewer, id: string) {
  const compliance = await modelCompliance(viewer.prisma, viewer.user, id);
  return { ...compliance, whyNotAuditPack: viewer.can("audit:export") ? null : "Exporting audit packs is for compliance and admins." };
}
