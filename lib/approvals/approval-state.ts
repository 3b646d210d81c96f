// Whether an approval is in force, said once: revoked (by a replacement, a disable or a person) wins,
// then expired (its valid-until date has passed), else active. `approvalState` answers it for a loaded
// row; `activeApprovalWhere` is the same rule as a database filter, for queries that only want the
// active ones. Pure; unit-tested beside.
import type { Prisma } from "@/lib/generated/prisma/client";

export type ApprovalState = "active" | "expired" | "revoked";

export function approvalState(approval: { revokedAt: Date | null; validUntil: Date | null }, now: Date): ApprovalState {
  if (approval.revokedAt) return "revoked";
  if (approval.validUntil && approval.validUntil <= now) return "expired";
  return "active";
}

export const isApprovalActive = (approval: { revokedAt: Date | null; validUntil: Date | null }, now: Date): boolean =>
  approvalState(approval, now) === "active";

/** Approvals in force: not revoked and not past their valid-until date (the filter form of approvalState). */
export function activeApprovalWhere(now: Date): Prisma.ApprovalWhereInput {
  return { revokedAt: null, OR: [{ validUntil: null }, { validUntil: { gt: now } }] };
}
