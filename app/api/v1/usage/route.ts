import { getDb } from "@/lib/db/server-db";
import { handleUsageBatch } from "@/lib/http/ingest";
import { apiRoute } from "@/lib/http/route";

// Batches of usage events as JSON or NDJSON (gzip allowed) with an ingest:write key; the request and
// answer formats, limits and status codes are described in lib/ingestion/usage-batch-api.ts.
export const POST = apiRoute("usage:ingest", async ({ request, actor }) => handleUsageBatch(await getDb(), actor, request));
