// Deciding a change request, pure: given the request's state, its policy and the decisions so far,
// what one more decision does. The rules: nobody decides their own request; one person counts once
// however many roles they hold; only open requests are decided; a rejection closes the request; the
// request is complete (and applied, by the caller, in the same transaction) with its last needed approval.
import type { Role } from "@/lib/authz/permissions";
import type { Violation } from "@/lib/lifecycle/transitions";
import type { ApprovalPolicy } from "./policy";

export type RequestState = "open" | "approved" | "rejected" | "withdrawn" | "applied";
export type Decision = "approve" | "reject";

export interface RecordedDecision {
  deciderId: string;
  role: Role;
  decision: Decision;
}

export interface RequestForDecision {
  requesterId: string;
  state: RequestState;
  policy: ApprovalPolicy;
  decisions: RecordedDecision[];
}

export type DecisionOutcome =
  | { ok: true; countedRole: Role; newState: "open" | "rejected" | "approved"; complete: boolean }
  | { ok: false; code: "forbidden" | "rule_violation" | "conflict"; violation: Violation };

/** Roles still needed, with how many more approvals each needs. */
export function pendingRoles(policy: ApprovalPolicy, decisions: RecordedDecision[]): { role: Role; missing: number }[] {
  return policy
    .map((p) => ({ role: p.role, missing: p.count - decisions.filter((d) => d.decision === "approve" && d.role === p.role).length }))
    .filter((p) => p.missing > 0);
}

export function decide(request: RequestForDecision, decider: { userId: string; roles: readonly Role[] }, decision: Decision): DecisionOutcome {
  if (request.requesterId === decider.userId) {
    return { ok: false, code: "rule_violation", violation: { rule: "no_self_decision", message: "no_self_decision: nobody decides their own request, whatever roles they hold." } };
  }
  if (request.state !== "open") {
    return { ok: false, code: "conflict", violation: { rule: "request_not_open", message: `request_not_open: this request is already ${request.state} and cannot be decided again.` } };
  }
  if (request.decisions.some((d) => d.deciderId === decider.userId)) {
    return { ok: false, code: "conflict", violation: { rule: "one_decision_per_person", message: "one_decision_per_person: you have already decided this request; one person counts once." } };
  }
  const pending = pendingRoles(request.policy, request.decisions);
  const policyRoles = request.policy.map((p) => p.role);
  // Count the decider under a role still needed if they hold one, so a person with two roles fills the
  // gap that is open rather than one already filled.
  const countedRole = pending.find((p) => decider.roles.includes(p.role))?.role ?? policyRoles.find((r) => decider.roles.includes(r));
  if (!countedRole) {
    return { ok: false, code: "forbidden", violation: { rule: "approver_role_required", message: `approver_role_required: this request needs a decision from ${policyRoles.join(" or ")}.` } };
  }
  if (decision === "reject") return { ok: true, countedRole, newState: "rejected", complete: false };
  if (!pending.some((p) => p.role === countedRole)) {
    return { ok: false, code: "rule_violation", violation: { rule: "role_already_satisfied", message: `role_already_satisfied: the ${countedRole} approval is already given; the request waits on ${pending.map((p) => p.role).join(", ")}.` } };
  }
  const after = pendingRoles(request.policy, [...request.decisions, { deciderId: decider.userId, role: countedRole, decision }]);
  return after.length === 0 ? { ok: true, countedRole, newState: "approved", complete: true } : { ok: true, countedRole, newState: "open", complete: false };
}
