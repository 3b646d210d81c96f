import { getDb } from "@/lib/db/server-db";
import { handleUsageUpload } from "@/lib/http/ingest";
import { apiRoute } from "@/lib/http/route";
import { importListFrom, importListSchema } from "@/lib/ingestion/import-list";
import { listUsageImports } from "@/lib/ingestion/usage-upload";
import { parseInput } from "@/lib/validation";

// The browser's file upload: the file is the raw body (?fileName=…&mode=strict|lenient), streamed into
// the import; limits and answers are described in lib/ingestion/usage-upload.ts.
export const POST = apiRoute("usage:ingest", async ({ request, actor }) => handleUsageUpload(await getDb(), actor, request));

// Recent imports: ?source=file|api|otlp|all&sort=createdAt|fileName|state|rowsAccepted|rowsRejected&dir=&page=&pageSize=
export const GET = apiRoute("usage:ingest", async ({ request, actor }) => {
  const filters = parseInput(importListSchema, importListFrom(new URL(request.url).searchParams));
  return Response.json(await listUsageImports((await getDb()).prisma, actor, filters));
});
