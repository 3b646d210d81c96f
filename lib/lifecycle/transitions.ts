// The catalog lifecycle of docs/lifecycle.md as data: which status may follow which, who may make the
// move (directly, or by a change request that others approve), and the preconditions each needs. Pure:
// the services gather the facts, this decides.
import type { Permission } from "@/lib/authz/permissions";
import type { ModelStatus } from "@/lib/catalog/model-vocabulary";

export type TransitionMode = "direct" | "change_request";

export type Precondition =
  | "passed_gate_any_workflow" // at least one workflow approval (or requested one) whose evaluation gate passed
  | "passed_gate_each_workflow" // every workflow it is (or is asked to be) approved for has a passed gate
  | "strict_pinning"
  | "model_card" // intended use and limitations written
  | "deprecation_plan_unless_unused" // a plan with migration target and deadlines, unless no workflow uses it
  | "passed_gate_newer_than_plan"
  | "reason"
  | "nothing_refers_to_it"; // no active approval and no live bundle names it

export interface Transition {
  /** The rule's name, quoted in refusals. */
  name: string;
  from: readonly ModelStatus[];
  to: ModelStatus;
  mode: TransitionMode;
  /** Direct moves: who may make them. Change requests: who may open them (approvers come from the policy). */
  permission: Permission;
  preconditions: readonly Precondition[];
}

const ALL_BUT_RETIRED: readonly ModelStatus[] = ["testing", "approved", "fallback_only", "deprecated", "disabled"];

export const TRANSITIONS: readonly Transition[] = [
  {
    name: "testing_to_approved",
    from: ["testing"],
    to: "approved",
    mode: "change_request",
    permission: "change_request:open",
    preconditions: ["passed_gate_any_workflow", "strict_pinning", "model_card"],
  },
  {
    name: "testing_to_fallback_only",
    from: ["testing"],
    to: "fallback_only",
    mode: "change_request",
    permission: "change_request:open",
    preconditions: ["passed_gate_each_workflow"],
  },
  {
    name: "fallback_only_to_approved",
    from: ["fallback_only"],
    to: "approved",
    mode: "change_request",
    permission: "change_request:open",
    preconditions: ["passed_gate_each_workflow"],
  },
  { name: "approved_to_fallback_only", from: ["approved"], to: "fallback_only", mode: "direct", permission: "model:change_status", preconditions: [] },
  {
    name: "to_deprecated",
    from: ["approved", "fallback_only"],
    to: "deprecated",
    mode: "direct",
    permission: "model:change_status",
    preconditions: ["deprecation_plan_unless_unused"],
  },
  {
    name: "deprecated_to_approved",
    from: ["deprecated"],
    to: "approved",
    mode: "change_request",
    permission: "change_request:open",
    preconditions: ["passed_gate_newer_than_plan"],
  },
  {
    name: "disable",
    from: ALL_BUT_RETIRED.filter((s) => s !== "disabled"),
    to: "disabled",
    mode: "direct",
    permission: "model:disable",
    preconditions: ["reason"],
  },
  { name: "disabled_to_testing", from: ["disabled"], to: "testing", mode: "direct", permission: "model:change_status", preconditions: ["reason"] },
  { name: "disabled_to_retired", from: ["disabled"], to: "retired", mode: "direct", permission: "model:retire", preconditions: ["nothing_refers_to_it"] },
];

export function findTransition(from: ModelStatus, to: ModelStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
}

export function transitionsFrom(from: ModelStatus): Transition[] {
  return TRANSITIONS.filter((t) => t.from.includes(from));
}

/** What the preconditions are checked against, gathered by the service in the same transaction. */
export interface LifecycleFacts {
  status: ModelStatus;
  pinning: "strict" | "family" | "tier";
  intendedUse: string | null;
  limitations: string | null;
  /** Workflows it is approved for now (not revoked, not expired). */
  approvedWorkflowIds: string[];
  /** Workflows a change request asks to approve it for, if any. */
  requestedWorkflowIds: string[];
  /** Evaluation runs of the model whose gate passed, per workflow, with when they ran. */
  passedGates: { workflowId: string; createdAt: Date }[];
  /** The newest deprecation plan, if any. */
  plan: { migrationTargetId: string | null; softDeadline: Date | null; hardDeadline: Date | null; createdAt: Date } | null;
  /** Bundles not yet retired that use the model. */
  liveBundles: number;
}

export interface Violation {
  rule: string;
  message: string;
}

const MESSAGES: Record<Precondition, (f: LifecycleFacts, reason: string | null) => string | null> = {
  passed_gate_any_workflow: (f) => {
    const workflows = new Set([...f.approvedWorkflowIds, ...f.requestedWorkflowIds]);
    return f.passedGates.some((g) => workflows.has(g.workflowId)) ? null : "needs at least one workflow approval whose evaluation gate passed";
  },
  passed_gate_each_workflow: (f) => {
    const workflows = [...new Set([...f.approvedWorkflowIds, ...f.requestedWorkflowIds])];
    if (workflows.length === 0) return "names no workflow to be approved for";
    const missing = workflows.filter((w) => !f.passedGates.some((g) => g.workflowId === w));
    return missing.length ? `has no passed evaluation gate for ${missing.length} of its ${workflows.length} workflow(s)` : null;
  },
  strict_pinning: (f) => (f.pinning === "strict" ? null : `is pinned at ${f.pinning} level; approval needs a strictly pinned snapshot`),
  model_card: (f) => (f.intendedUse?.trim() && f.limitations?.trim() ? null : "has a model card without intended use or limitations"),
  deprecation_plan_unless_unused: (f) => {
    // Used means approved for a workflow or serving one through a live bundle.
    if (f.approvedWorkflowIds.length === 0 && f.liveBundles === 0) return null;
    const p = f.plan;
    return p && p.migrationTargetId && p.softDeadline && p.hardDeadline
      ? null
      : `serves ${f.approvedWorkflowIds.length} workflow(s) and ${f.liveBundles} live bundle(s); deprecating it needs a deprecation plan with a migration target and deadlines`;
  },
  passed_gate_newer_than_plan: (f) => {
    if (!f.plan) return f.passedGates.length ? null : "needs a passed evaluation gate";
    const after = f.plan.createdAt.getTime();
    return f.passedGates.some((g) => g.createdAt.getTime() >= after) ? null : "needs a passed evaluation gate run after its deprecation plan";
  },
  reason: (_f, reason) => (reason && reason.trim().length >= 3 ? null : "needs a reason"),
  nothing_refers_to_it: (f) =>
    f.approvedWorkflowIds.length === 0 && f.liveBundles === 0
      ? null
      : `is still referred to by ${f.approvedWorkflowIds.length} approval(s) and ${f.liveBundles} live bundle(s)`,
};

/** Every precondition of the move that the facts do not meet, each named. */
export function checkPreconditions(transition: Transition, facts: LifecycleFacts, reason: string | null = null): Violation[] {
  const violations: Violation[] = [];
  for (const precondition of transition.preconditions) {
    const problem = MESSAGES[precondition](facts, reason);
    if (problem) violations.push({ rule: `${transition.name}.${precondition}`, message: `${transition.name}: the model ${problem}.` });
  }
  return violations;
}

/** The transition for from → to, or the violation that names why there is none. */
export function resolveTransition(from: ModelStatus, to: ModelStatus): { transition: Transition } | { violation: Violation } {
  const transition = findTransition(from, to);
  if (transition) return { transition };
  if (from === to) return { violation: { rule: "no_such_transition", message: `no_such_transition: the model is already ${to}.` } };
  return {
    violation: {
      rule: "no_such_transition",
      message: `no_such_transition: a model cannot go from ${from} to ${to}; from ${from} it can go to ${
        transitionsFrom(from)
          .map((t) => t.to)
          .join(", ") || "nothing"
      }.`,
    },
  };
}
