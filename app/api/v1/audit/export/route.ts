import { exportAuditTrail, parseExportFormat } from "@/lib/audit/audit-export";
import { parseAuditFilters } from "@/lib/audit/audit-filters";
import { getPrisma } from "@/lib/db/server-db";
import { apiRoute } from "@/lib/http/route";

// GET /api/v1/audit/export?format=csv|ndjson&from&to&actor&action&model&workflow: the audit page's view, streamed.
export const GET = apiRoute("audit:export", async ({ request, actor }) => {
  const params = new URL(request.url).searchParams;
  const format = parseExportFormat(params.get("format"));
  const filters = parseAuditFilters(params);
  const file = await exportAuditTrail(await getPrisma(), actor, filters, format);
  return new Response(file.body, {
    headers: {
      "content-type": file.contentType,
      "content-disposition": `attachment; filename="${file.filename}"`,
      "cache-control": "no-store",
      "x-warden-audit-up-to": file.upTo.toString(),
    },
  });
});
