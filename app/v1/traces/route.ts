import { getDb } from "@/lib/db/server-db";
import { handleOtlpTraces } from "@/lib/http/ingest";
import { apiRoute } from "@/lib/http/route";

// OTLP/HTTP trace export (protobuf or JSON, gzip allowed) with an ingest:write key: GenAI spans become
// usage events. Formats, limits, mapping and answers: lib/otlp/otlp-traces.ts and lib/otlp/genai-spans.ts.
export const POST = apiRoute("usage:ingest", async ({ request, actor }) => handleOtlpTraces(await getDb(), actor, request));
