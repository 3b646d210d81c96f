// How a change request reads in a list or a heading: what it asks (who it waits on: describeWaitingOn
// in lib/approvals/decisions, which the why-not sentences use too).
import { ROLE_LABELS, type Role } from "@/lib/authz/permissions";
import { STATUS_LABELS, type ModelStatus } from "@/lib/catalog/model-vocabulary";

/** A change request as lib/approvals returns it: `kind` narrows the payload (stored-request.ts). */
export type RequestLike = { fromStatus: string | null; toStatus: string | null } & (
  { kind: "approval"; payload: { role: "primary" | "fallback" } } | { kind: "status_change" | "bundle_stage"; payload: unknown }
);

const statusLabel = (status: string | null) => (status ? (STATUS_LABELS[status as ModelStatus] ?? status) : "?");

export function requestRole(request: RequestLike): "primary" | "fallback" | null {
  return request.kind === "approval" ? request.payload.role : null;
}

/** "Approval as primary", "Status Testing → Approved", "Bundle stage change". */
export function describeKind(request: RequestLike): string {
  if (request.kind === "approval") return `Approval as ${requestRole(request) ?? "?"}`;
  if (request.kind === "status_change") return `Status ${statusLabel(request.fromStatus)} → ${statusLabel(request.toStatus)}`;
  return request.kind.replace(/_/g, " ");
}

export function roleLabel(role: string): string {
  return ROLE_LABELS[role as Role] ?? role;
}
