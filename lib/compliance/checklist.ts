// The compliance checklist of a model, computed from the data rather than ticked by hand: each item is
// met, a gap (with what is missing and where to fix it) or does not apply to this model. Pure: the
// facts are gathered by checklist-query.ts.

export const CHECKLIST_ITEMS = [
  "registry_record",
  "pinned_version",
  "evaluation_process",
  "controlled_rollout",
  "deprecation_planned",
  "provider_notices_tracked",
  "fine_tune_lineage",
  "changes_through_requests",
  "embedding_migration_planned",
  "monitored_in_production",
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEMS)[number];

export const CHECKLIST_LABELS: Record<ChecklistItemId, string> = {
  registry_record: "Registry record: provider, version, purpose, status and owner",
  pinned_version: "Pinned to a specific version",
  evaluation_process: "Evaluated before use",
  controlled_rollout: "Controlled rollout available",
  deprecation_planned: "Deprecation plan or date",
  provider_notices_tracked: "Provider deprecation notices tracked",
  fine_tune_lineage: "Fine-tune lineage: data → training → evaluation → deployment",
  changes_through_requests: "Changes released through change requests",
  embedding_migration_planned: "Embedding change planned as a data migration",
  monitored_in_production: "Monitored in production: recent usage and drift checks",
};

export interface ModelComplianceFacts {
  id: string;
  name: string;
  snapshotId: string;
  provider: string | null;
  purpose: string | null;
  owner: string | null;
  status: string;
  pinning: string;
  kind: string;
  baseModelId: string | null;
  trainingData: string | null;
  trainingDate: Date | null;
  providerDeprecationDate: Date | null;
  providerDeprecationSource: string | null;
  /** Catalog feeds the model is tracked in (litellm, models.dev, …) besides manual entry. */
  catalogFeeds: string[];
  evaluationRuns: number;
  passedEvaluationRuns: number;
  bundles: number;
  deprecationPlans: number;
  /** Deprecation plans whose steps list the work (for embeddings: the re-embedding). */
  plansWithSteps: number;
  activeApprovals: number;
  /** Active approvals recorded without a change request (seeded, imported or written directly). */
  approvalsWithoutRequest: number;
  /** Calls in the last 7 days and in the 28 days before them (the drift windows). */
  recentCalls: number;
  baselineCalls: number;
}

export type ItemState = "met" | "gap" | "not_applicable";

export interface ChecklistItem {
  id: ChecklistItemId;
  label: string;
  state: ItemState;
  detail: string;
  /** Where to fix a gap (or see the evidence). */
  href: string | null;
}

const IN_SERVICE = new Set(["approved", "fallback_only"]);
/** Enough calls in each window for the drift page to judge a metric (its default minimum sample). */
export const MIN_DRIFT_CALLS = 100;

export function modelChecklist(m: ModelComplianceFacts): ChecklistItem[] {
  const inService = IN_SERVICE.has(m.status);
  const item = (id: ChecklistItemId, state: ItemState, detail: string, href: string | null = null): ChecklistItem => ({
    id,
    label: CHECKLIST_LABELS[id],
    state,
    detail,
    href,
  });
  const edit = `/models/${m.id}/edit`;
  const missingRecord = [!m.provider && "provider", !m.snapshotId && "version", !m.purpose && "purpose", !m.owner && "owner"].filter(Boolean) as string[];
  const items: ChecklistItem[] = [
    missingRecord.length
      ? item("registry_record", "gap", `Missing: ${missingRecord.join(", ")}.`, edit)
      : item("registry_record", "met", `${m.provider} ${m.snapshotId}, owned by ${m.owner}, ${m.status.replace(/_/g, " ")}.`),
    m.pinning === "strict"
      ? item("pinned_version", "met", `Pinned to the snapshot ${m.snapshotId}.`)
      : item("pinned_version", "gap", `Pinning is "${m.pinning}": the provider may change the model under this name.`, edit),
    m.passedEvaluationRuns > 0
      ? item(
          "evaluation_process",
          "met",
          `${m.passedEvaluationRuns} of ${m.evaluationRuns} evaluation runs passed their gate.`,
          `/evaluations?model=${encodeURIComponent(m.snapshotId)}`,
        )
      : item(
          "evaluation_process",
          "gap",
          m.evaluationRuns ? `${m.evaluationRuns} evaluation runs, none passed its gate.` : "No evaluation run.",
          `/evaluations/new?modelId=${m.id}`,
        ),
    !inService && m.bundles === 0
      ? item("controlled_rollout", "not_applicable", "Not in service and in no bundle.")
      : m.bundles > 0
        ? item("controlled_rollout", "met", `In ${m.bundles} version bundle${m.bundles === 1 ? "" : "s"}: staged through shadow and canary.`)
        : item("controlled_rollout", "gap", "In service but in no version bundle, so it cannot be rolled out in stages or rolled back.", "/workflows"),
    m.deprecationPlans > 0 || m.providerDeprecationDate
      ? item(
          "deprecation_planned",
          "met",
          m.deprecationPlans > 0
            ? `${m.deprecationPlans} deprecation plan${m.deprecationPlans === 1 ? "" : "s"}.`
            : `Provider deprecation date ${m.providerDeprecationDate!.toISOString().slice(0, 10)}.`,
        )
      : item("deprecation_planned", "gap", "No deprecation plan and no deprecation date.", edit),
    m.providerDeprecationSource || m.catalogFeeds.length > 0
      ? item(
          "provider_notices_tracked",
          "met",
          m.providerDeprecationSource ? `Deprecation source: ${m.providerDeprecationSource}.` : `Tracked in the ${m.catalogFeeds.join(" and ")} catalog feed.`,
        )
      : item("provider_notices_tracked", "gap", "Not in any catalog feed and no deprecation source recorded.", edit),
    m.kind !== "fine_tuned"
      ? item("fine_tune_lineage", "not_applicable", "Not a fine-tuned model.")
      : (() => {
          const missing = [
            !m.baseModelId && "base model",
            !m.trainingData && "training data",
            !m.trainingDate && "training date",
            m.passedEvaluationRuns === 0 && "a passed evaluation",
            m.bundles + m.activeApprovals === 0 && "a deployment",
          ].filter(Boolean) as string[];
          return missing.length
            ? item("fine_tune_lineage", "gap", `Missing: ${missing.join(", ")}.`, edit)
            : item("fine_tune_lineage", "met", "Base model, training data and date, a passed evaluation and a deployment are recorded.");
        })(),
    m.activeApprovals === 0
      ? item("changes_through_requests", "not_applicable", "No approval in force.")
      : m.approvalsWithoutRequest > 0
        ? item(
            "changes_through_requests",
            "gap",
            `${m.approvalsWithoutRequest} of ${m.activeApprovals} approvals in force were not granted through a change request.`,
            `/approvals/new?model=${m.id}`,
          )
        : item("changes_through_requests", "met", `All ${m.activeApprovals} approvals in force came through change requests.`, `/models/${m.id}`),
    m.kind !== "embedding"
      ? item("embedding_migration_planned", "not_applicable", "Not an embedding model.")
      : m.plansWithSteps > 0
        ? item("embedding_migration_planned", "met", "A deprecation plan lists the migration steps (re-embedding).")
        : ["deprecated", "disabled"].includes(m.status) || m.providerDeprecationDate
          ? item("embedding_migration_planned", "gap", "Leaving service without a plan that lists the re-embedding steps.", `/models/${m.id}`)
          : item("embedding_migration_planned", "not_applicable", "No change to this embedding model is coming."),
    !inService
      ? item("monitored_in_production", "not_applicable", "Not in service.")
      : m.recentCalls >= MIN_DRIFT_CALLS && m.baselineCalls >= MIN_DRIFT_CALLS
        ? item(
            "monitored_in_production",
            "met",
            `${m.recentCalls.toLocaleString("en")} calls in the last 7 days, ${m.baselineCalls.toLocaleString("en")} in the 28 days before: drift is checked.`,
            `/analytics/drift?model=${encodeURIComponent(m.snapshotId)}`,
          )
        : item(
            "monitored_in_production",
            "gap",
            m.recentCalls === 0
              ? "No usage data in the last 7 days."
              : `Too few calls to check drift (${m.recentCalls} recent, ${m.baselineCalls} baseline; ${MIN_DRIFT_CALLS} each needed).`,
            "/usage/import",
          ),
  ];
  return items;
}

export function gapCount(items: ChecklistItem[]): number {
  return items.filter((i) => i.state === "gap").length;
}
