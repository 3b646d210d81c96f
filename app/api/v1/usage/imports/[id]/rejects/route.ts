import { getPrisma } from "@/lib/db/server-db";
import { apiRoute } from "@/lib/http/route";
import { rejectsCsv, rejectsFileName } from "@/lib/ingestion/upload-report";
import { usageImportRejects } from "@/lib/ingestion/usage-upload";

// The rejected rows of one import as a CSV download (row, column, reason; formula-like cells neutralised).
export const GET = apiRoute<{ params: Promise<{ id: string }> }>("usage:ingest", async ({ actor, context }) => {
  const { id } = await context.params;
  const { fileName, problems } = await usageImportRejects(await getPrisma(), actor, id);
  return new Response(rejectsCsv(problems), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${rejectsFileName(fileName)}"`,
      "Cache-Control": "no-store",
    },
  });
});
