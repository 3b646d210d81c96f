// Deciding and withdrawing a change request, pure: given the request's state, its policy and the
// decisions so far, whether this person may act and what one more decision does. The rules: nobody
// decides their own request; one person counts once however many roles they hold; only open requests
// are decided; a rejection closes the request; the request is complete (and applied, by the caller, in
// the same transaction) with its last needed approval. Only the requester withdraws, while it is open.
// The service enforces these refusals and the request page shows them as its why-not: one rule, both.
import { ROLE_LABELS, type Role, rolesCan } from "@/lib/authz/permissions";
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

export interface Decider {
  userId: string;
  roles: readonly Role[];
}

/**
 * Why a person may not act on a request: the error the service throws (code, rule, message) and the
 * sentence the request page shows that person in its place.
 */
export interface Refusal {
  code: "forbidden" | "rule_violation" | "conflict";
  violation: Violation;
  toViewer: string;
}

export type DecisionOutcome = { ok: true; countedRole: Role; newState: "open" | "rejected" | "approved"; complete: boolean } | ({ ok: false } & Refusal);

/** Roles still needed, with how many more approvals each needs. */
export function pendingRoles(policy: ApprovalPolicy, decisions: readonly RecordedDecision[]): { role: Role; missing: number }[] {
  return policy
    .map((p) => ({ role: p.role, missing: p.count - decisions.filter((d) => d.decision === "approve" && d.role === p.role).length }))
    .filter((p) => p.missing > 0);
}

/** "ML lead" or "ML lead, Compliance" (with counts above one). */
export function describeWaitingOn(waitingOn: readonly { role: string; missing: number }[]): string {
  return waitingOn.map((w) => `${w.missing > 1 ? `${w.missing} × ` : ""}${ROLE_LABELS[w.role as Role] ?? w.role}`).join(", ");
}

const refusal = (code: Refusal["code"], rule: string, message: string, toViewer: string): { ok: false } & Refusal => ({
  ok: false,
  code,
  violation: { rule, message: `${rule}: ${message}` },
  toViewer,
});

/**
 * Whether `decider` may take `decision` on the request now and, if so, the policy role it counts under;
 * otherwise the refusal. The request page asks this for "approve" (its form offers both choices).
 */
export function decisionStanding(
  request: RequestForDecision,
  decider: Decider,
  decision: Decision,
): { ok: true; countedRole: Role } | ({ ok: false } & Refusal) {
  if (request.requesterId === decider.userId) {
    return refusal(
      "rule_violation",
      "no_self_decision",
      "nobody decides their own request, whatever roles they hold.",
      "You opened this request; someone else must decide it. Nobody approves their own request, whatever roles they hold.",
    );
  }
  if (request.state !== "open") {
    return refusal(
      "conflict",
      "request_not_open",
      `this request is already ${request.state} and cannot be decided again.`,
      `This request is ${request.state}; it cannot be decided again.`,
    );
  }
  if (request.decisions.some((d) => d.deciderId === decider.userId)) {
    return refusal(
      "conflict",
      "one_decision_per_person",
      "you have already decided this request; one person counts once.",
      "You have already decided this request; one person counts once.",
    );
  }
  const pending = pendingRoles(request.policy, request.decisions);
  const policyRoles = request.policy.map((p) => p.role);
  const waitingOn = `It waits on ${describeWaitingOn(pending) || "nobody"}; none of your roles is still needed.`;
  // Count the decider under a role still needed if they hold one, so a person with two roles fills the
  // gap that is open rather than one already filled.
  const countedRole = pending.find((p) => decider.roles.includes(p.role))?.role ?? policyRoles.find((r) => decider.roles.includes(r));
  if (!countedRole) {
    // The service checks the decide permission before it loads the request; a page shows its own words for it.
    const toViewer = rolesCan(decider.roles, "change_request:decide") ? waitingOn : "You can read this request; deciding it is for ML leads and compliance.";
    return refusal("forbidden", "approver_role_required", `this request needs a decision from ${policyRoles.join(" or ")}.`, toViewer);
  }
  if (decision === "approve" && !pending.some((p) => p.role === countedRole)) {
    return refusal(
      "rule_violation",
      "role_already_satisfied",
      `the ${countedRole} approval is already given; the request waits on ${pending.map((p) => p.role).join(", ")}.`,
      waitingOn,
    );
  }
  return { ok: true, countedRole };
}

export function decide(request: RequestForDecision, decider: Decider, decision: Decision): DecisionOutcome {
  const standing = decisionStanding(request, decider, decision);
  if (!standing.ok) return standing;
  const { countedRole } = standing;
  if (decision === "reject") return { ok: true, countedRole, newState: "rejected", complete: false };
  const after = pendingRoles(request.policy, [...request.decisions, { deciderId: decider.userId, role: countedRole, decision }]);
  return after.length === 0 ? { ok: true, countedRole, newState: "approved", complete: true } : { ok: true, countedRole, newState: "open", complete: false };
}

/**
 * Whether this person may withdraw the request: they hold the permission to open requests, opened this
 * one, and it is still open. `userId` is null for an API key (withdrawing is a person's act).
 */
export function withdrawRefusal(
  request: { requesterId: string; state: RequestState },
  withdrawer: { userId: string | null; mayOpen: boolean },
): Refusal | null {
  if (!withdrawer.mayOpen) {
    return {
      code: "forbidden",
      violation: { rule: "open_permission_required", message: "Your roles do not allow change_request:open." },
      toViewer: "Withdrawing is for the engineer who opened the request.",
    };
  }
  if (request.requesterId !== withdrawer.userId) {
    return {
      code: "forbidden",
      violation: { rule: "only_requester_withdraws", message: "Only the person who opened a request may withdraw it." },
      toViewer: "Only the person who opened this request may withdraw it.",
    };
  }
  if (request.state !== "open") {
    return {
      code: "conflict",
      violation: { rule: "request_not_open", message: `This request is already ${request.state}.` },
      toViewer: `This request is ${request.state}; it can no longer be withdrawn.`,
    };
  }
  return null;
}
