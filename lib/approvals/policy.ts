// Who must approve a change request (docs/roles-and-permissions.md): an ML lead always; compliance as well
// when any workflow the change touches is high risk under the EU AI Act. Each requirement is N people
// holding the role; one person counts once, whatever roles they hold.
import { ROLE_LABELS, type Role } from "@/lib/authz/permissions";

export interface PolicyRequirement {
  role: Role;
  count: number;
}

export type ApprovalPolicy = PolicyRequirement[];

export function requiredApprovals(workflowRiskClasses: readonly ("minimal" | "limited" | "high")[]): ApprovalPolicy {
  const policy: ApprovalPolicy = [{ role: "ml_lead", count: 1 }];
  if (workflowRiskClasses.includes("high")) policy.push({ role: "compliance", count: 1 });
  return policy;
}

export function describePolicy(policy: ApprovalPolicy): string {
  return policy.map((p) => `${p.count} ${ROLE_LABELS[p.role]}`).join(" and ");
}
