// A stored usage row for tests: an ordinary successful call, to be varied field by field.
import type { StoredUsageRow } from "@/lib/ingestion/usage-bulk-insert";

export function storedUsageRow(overrides: Partial<StoredUsageRow> = {}): StoredUsageRow {
  return {
    eventId: "x",
    timestamp: new Date("2026-11-20T10:15:00Z"),
    model: "gpt-4o",
    responseModel: null,
    provider: "openai",
    workflow: "support-chat",
    bundle: null,
    modelId: null,
    workflowId: null,
    latencyMs: 800,
    ttftMs: 200,
    inputTokens: 1000,
    outputTokens: 150,
    costUsd: 0.01,
    costEstimated: false,
    status: "ok",
    errorType: null,
    isFallback: false,
    retries: 0,
    region: "eu-west-1",
    userHash: null,
    qualityScore: null,
    feedback: null,
    ...overrides,
  };
}
