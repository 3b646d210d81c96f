// A model's deployments and rollbacks, from its bundles and their applied stage changes: each applied
// change moves a bundle from the stage it was in (staging, at first) to the requested one; a move back
// along staging → shadow → canary → active is a rollback. Pure.

const ROLLOUT_ORDER = ["staging", "shadow", "canary", "active"] as const;

export interface StageChange {
  id: string;
  bundleId: string | null;
  toStage: string | null;
  state: string;
  createdAt: Date;
  appliedAt: Date | null;
  justification: string;
  requester: { email: string };
}

export interface DeploymentStep {
  bundle: string;
  workflow: string;
  from: string;
  to: string;
  kind: "rollout" | "rollback" | "retirement" | "not applied";
  at: Date;
  by: string;
  justification: string;
  state: string;
}

export function deploymentHistory(
  bundles: { id: string; major: number; minor: number; patch: number; workflow: { name: string } }[],
  changes: StageChange[],
): DeploymentStep[] {
  const byId = new Map(bundles.map((b) => [b.id, b]));
  const stage = new Map<string, string>();
  const steps: DeploymentStep[] = [];
  for (const change of [...changes].sort((a, b) => +(a.appliedAt ?? a.createdAt) - +(b.appliedAt ?? b.createdAt))) {
    const bundle = change.bundleId ? byId.get(change.bundleId) : undefined;
    if (!bundle || !change.toStage) continue;
    const from = stage.get(bundle.id) ?? "staging";
    const to = change.toStage;
    const applied = change.appliedAt !== null;
    const fromRank = ROLLOUT_ORDER.indexOf(from as (typeof ROLLOUT_ORDER)[number]);
    const toRank = ROLLOUT_ORDER.indexOf(to as (typeof ROLLOUT_ORDER)[number]);
    const kind: DeploymentStep["kind"] = !applied ? "not applied" : toRank === -1 ? "retirement" : toRank < fromRank ? "rollback" : "rollout";
    if (applied) stage.set(bundle.id, to);
    steps.push({
      bundle: `${bundle.major}.${bundle.minor}.${bundle.patch}`,
      workflow: bundle.workflow.name,
      from,
      to,
      kind,
      at: change.appliedAt ?? change.createdAt,
      by: change.requester.email,
      justification: change.justification,
      state: change.state,
    });
  }
  return steps;
}
