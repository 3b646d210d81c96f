// Rules for administering people, pure: Warden always keeps at least one active admin, and nobody
// disables their own account (they would lock themselves out mid-session).
import type { Role } from "@/lib/authz/permissions";
import { DomainError } from "@/lib/errors";

export interface PersonState {
  id: string;
  email: string;
  roles: readonly Role[];
  disabled: boolean;
}

export type PersonChange = { userId: string; roles: readonly Role[] } | { userId: string; disabled: boolean };

export function activeAdmins(people: readonly PersonState[]): PersonState[] {
  return people.filter((p) => !p.disabled && p.roles.includes("admin"));
}

export interface Refusal {
  rule: "not_self_disable" | "last_admin";
  message: string;
}

/**
 * Why a change to a known person is refused (an admin disabling themself, or one that would leave no
 * active admin), or null when it is allowed. The people page shows this before anyone clicks; the
 * service enforces it inside its transaction.
 */
export function changeRefusal(people: readonly PersonState[], change: PersonChange, actingUserId: string | null): Refusal | null {
  const person = people.find((p) => p.id === change.userId);
  if (!person) return null;
  if ("disabled" in change && change.disabled && change.userId === actingUserId) {
    return { rule: "not_self_disable", message: "You cannot disable your own account; ask another admin." };
  }
  const after = people.map((p) => (p.id !== change.userId ? p : "roles" in change ? { ...p, roles: change.roles } : { ...p, disabled: change.disabled }));
  if (activeAdmins(people).length > 0 && activeAdmins(after).length === 0) {
    return {
      rule: "last_admin",
      message: `${person.email} is the last active admin: make someone else admin first, so Warden keeps someone who can manage users and keys.`,
    };
  }
  return null;
}

/** Refuses a change that would leave no active admin, or an admin disabling themself. */
export function assertChangeAllowed(people: readonly PersonState[], change: PersonChange, actingUserId: string | null): void {
  if (!people.some((p) => p.id === change.userId)) throw new DomainError("not_found", "No such user.");
  const refusal = changeRefusal(people, change, actingUserId);
  if (refusal) throw new DomainError("rule_violation", refusal.message, undefined, refusal.rule);
}
