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

/** Refuses a change that would leave no active admin, or an admin disabling themself. */
export function assertChangeAllowed(people: readonly PersonState[], change: PersonChange, actingUserId: string | null): void {
  const person = people.find((p) => p.id === change.userId);
  if (!person) throw new DomainError("not_found", "No such user.");
  if ("disabled" in change && change.disabled && change.userId === actingUserId) {
    throw new DomainError("rule_violation", "You cannot disable your own account; ask another admin.", undefined, "not_self_disable");
  }
  const after = people.map((p) => (p.id !== change.userId ? p : "roles" in change ? { ...p, roles: change.roles } : { ...p, disabled: change.disabled }));
  if (activeAdmins(people).length > 0 && activeAdmins(after).length === 0) {
    throw new DomainError(
      "rule_violation",
      `${person.email} is the last active admin: make someone else admin first, so Warden keeps someone who can manage users and keys.`,
      undefined,
      "last_admin",
    );
  }
}
