import "server-only";
// Findings computed on ingest (docs/vocabulary.md, "Finding"): traffic to a deprecated, disabled or retired model;
// traffic to a model not approved for that workflow; an answer from a model other than the requested one
// (silent substitution). A batch of new events is folded into a few traffic groups in JS (pure, below),
// then one statement checks the groups against the catalog's current statuses and approvals and adds
// them to the open findings, so the cost per batch does not grow with the number of events.
import type { RunQuery, StoredUsageRow } from "./usage-bulk-insert";

/** The model name without a provider prefix ("openai/gpt-4o" → "gpt-4o"), lowercased. */
function bareName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.slice(lower.lastIndexOf("/") + 1);
}

/**
 * True when the answer came from another model than the one requested. A provider answering an alias
 * with its dated snapshot ("gpt-4o" → "gpt-4o-2024-08-06") or naming it with a provider prefix is the
 * same model, not a substitution; "gpt-4o" answered by "gpt-4o-mini" is one.
 */
export function isSilentSubstitution(requested: string, responded: string | null): boolean {
  if (!responded) return false;
  const a = bareName(requested);
  const b = bareName(responded);
  return a !== b && !isSnapshotOf(b, a) && !isSnapshotOf(a, b);
}

// A dated or versioned snapshot suffix: -2024-08-06, -20250929, -0613, -v2, -v1:0, -latest, :1 (Bedrock).
// A suffix such as -mini or -pro names another model.
const SNAPSHOT_SUFFIX = /^(-(\d{4}-\d{2}-\d{2}|\d{8}|\d{3,4}|v\d+(\.\d+)*(:\d+)?|latest)|:\d+)$/;

function isSnapshotOf(name: string, alias: string): boolean {
  return name.startsWith(alias) && SNAPSHOT_SUFFIX.test(name.slice(alias.length));
}

export interface TrafficGroup {
  /** The model requested. */
  model: string;
  /** The model that answered (modelId is its catalog id): status and approval findings name it. */
  served: string;
  workflow: string;
  modelId: string | null;
  workflowId: string | null;
  /** Set only when the group's calls were answered by another model. */
  substitutedBy: string | null;
  events: number;
  firstSeen: number;
  lastSeen: number;
}

type FindingSource = Pick<StoredUsageRow, "timestamp" | "model" | "responseModel" | "workflow" | "modelId" | "workflowId" | "isFallback">;

const DAY_MS = 86_400_000;

export function trafficGroups(rows: Iterable<FindingSource>): TrafficGroup[] {
  const groups = new Map<string, TrafficGroup>();
  for (const row of rows) {
    // A declared fallback answering is the routing working as approved, not a silent substitution.
    const substitutedBy = !row.isFallback && isSilentSubstitution(row.model, row.responseModel) ? row.responseModel : null;
    const at = typeof row.timestamp === "number" ? row.timestamp : row.timestamp.getTime();
    // Grouped per UTC day so approvals are judged at (about) the time of the calls, not of the ingest.
    const served = row.responseModel ?? row.model;
    const key = [Math.floor(at / DAY_MS), row.model, served, row.workflow ?? "", row.modelId ?? "", row.workflowId ?? "", substitutedBy ?? ""].join("\u0000");
    const g = groups.get(key);
    if (g) {
      g.events += 1;
      g.firstSeen = Math.min(g.firstSeen, at);
      g.lastSeen = Math.max(g.lastSeen, at);
    } else {
      groups.set(key, {
        model: row.model,
        served,
        workflow: row.workflow ?? "",
        modelId: row.modelId,
        workflowId: row.workflowId,
        substitutedBy,
        events: 1,
        firstSeen: at,
        lastSeen: at,
      });
    }
  }
  // Sorted so concurrent ingests lock finding rows in the same order.
  return [...groups.values()].sort((a, b) =>
    a.model === b.model ? (a.workflow < b.workflow ? -1 : a.workflow > b.workflow ? 1 : 0) : a.model < b.model ? -1 : 1,
  );
}

const FINDINGS_SQL = `WITH g AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int4[], $7::timestamp(3)[], $8::timestamp(3)[], $9::text[])
    AS g(model, workflow, model_id, workflow_id, substituted_by, events, first_seen, last_seen, served)
), f AS (
  SELECT m.status::text || '_model_traffic' AS kind, g.served AS model, g.workflow, g.model_id, g.workflow_id,
         'The model is ' || replace(m.status::text, '_', ' ') || ' in the catalog' AS detail, g.events, g.first_seen, g.last_seen
  FROM g JOIN "Model" m ON m.id = g.model_id
  WHERE m.status IN ('deprecated', 'disabled', 'retired')
  UNION ALL
  SELECT 'unapproved_workflow_traffic', g.served, g.workflow, g.model_id, g.workflow_id,
         CASE WHEN g.model_id IS NULL THEN 'The model is not in the catalog' ELSE 'No active approval of this model for the workflow' END,
         g.events, g.first_seen, g.last_seen
  FROM g
  WHERE g.workflow_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM "Approval" a
    WHERE a."modelId" = g.model_id AND a."workflowId" = g.workflow_id AND a."approvedAt" <= g.last_seen
      AND (a."revokedAt" IS NULL OR a."revokedAt" > g.last_seen)
      AND (a."validUntil" IS NULL OR a."validUntil" >= g.last_seen))
  UNION ALL
  SELECT 'silent_substitution', g.model, g.workflow, g.model_id, g.workflow_id, 'Answered by ' || g.substituted_by, g.events, g.first_seen, g.last_seen
  FROM g WHERE g.substituted_by IS NOT NULL
)
INSERT INTO "UsageFinding" ("id", "kind", "model", "workflow", "modelId", "workflowId", "detail", "firstSeen", "lastSeen", "events")
SELECT gen_random_uuid()::text, f.kind::"FindingKind", f.model, f.workflow, max(f.model_id), max(f.workflow_id), max(f.detail),
       min(f.first_seen), max(f.last_seen), sum(f.events)::int
FROM f GROUP BY f.kind, f.model, f.workflow
ON CONFLICT ("kind", "model", "workflow") DO UPDATE SET
  "events" = "UsageFinding"."events" + EXCLUDED."events",
  "firstSeen" = least("UsageFinding"."firstSeen", EXCLUDED."firstSeen"),
  "lastSeen" = greatest("UsageFinding"."lastSeen", EXCLUDED."lastSeen"),
  "modelId" = coalesce(EXCLUDED."modelId", "UsageFinding"."modelId"),
  "workflowId" = coalesce(EXCLUDED."workflowId", "UsageFinding"."workflowId"),
  "detail" = EXCLUDED."detail",
  "resolvedAt" = NULL`;

/** Adds the batch's traffic to the findings (one statement); new traffic reopens a resolved finding. */
export async function recordFindings(run: RunQuery, groups: readonly TrafficGroup[]): Promise<void> {
  if (groups.length === 0) return;
  await run(FINDINGS_SQL, [
    groups.map((g) => g.model),
    groups.map((g) => g.workflow),
    groups.map((g) => g.modelId),
    groups.map((g) => g.workflowId),
    groups.map((g) => g.substitutedBy),
    groups.map((g) => g.events),
    groups.map((g) => new Date(g.firstSeen).toISOString()),
    groups.map((g) => new Date(g.lastSeen).toISOString()),
    groups.map((g) => g.served),
  ]);
}
