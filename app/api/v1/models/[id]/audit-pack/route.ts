import { getAuditPack } from "@/lib/audit/audit-pack";
import { renderAuditPackPdf } from "@/lib/audit/audit-pack-pdf";
import { getPrisma } from "@/lib/db/server-db";
import { apiRoute } from "@/lib/http/route";

// GET /api/v1/models/{id}/audit-pack: the model's PDF audit pack, for a compliance or admin session.
export const GET = apiRoute<{ params: Promise<{ id: string }> }>("audit:export", async ({ actor, context }) => {
  const { id } = await context.params;
  const pack = await getAuditPack(await getPrisma(), actor, id);
  const pdf = await renderAuditPackPdf(pack);
  const name = pack.model.snapshotId.replace(/[^A-Za-z0-9._-]+/g, "-");
  return new Response(new Uint8Array(pdf), {
    headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="warden-audit-pack-${name}.pdf"`, "cache-control": "no-store" },
  });
});
