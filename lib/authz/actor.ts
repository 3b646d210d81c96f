// Who is acting: a signed-in person, a machine with an API key, or an operator at the command line.
import { DomainError } from "@/lib/errors";
import { type ApiKeyScope, type Permission, type Role, rolesCan, scopesCan } from "./permissions";

export type Actor =
  | { kind: "user"; userId: string; email: string; name: string; roles: Role[] }
  /** ownerId: the person who created the key; machine requests are filed on their behalf. */
  | { kind: "api_key"; apiKeyId: string; name: string; scopes: ApiKeyScope[]; ownerId?: string | null }
  | { kind: "cli"; label: string };

export function actorCan(actor: Actor, permission: Permission): boolean {
  switch (actor.kind) {
    case "user":
      return rolesCan(actor.roles, permission);
    case "api_key":
      return scopesCan(actor.scopes, permission);
    case "cli":
      // Operators at the shell own the database already; commands they run are audited as such.
      return true;
  }
}

export function assertCan(actor: Actor | null, permission: Permission): asserts actor is Actor {
  if (!actor) throw new DomainError("unauthenticated", "Sign in to continue.");
  if (!actorCan(actor, permission)) {
    throw new DomainError("forbidden", `Your ${actor.kind === "api_key" ? "API key's scopes" : "roles"} do not allow ${permission}.`);
  }
}

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "user":
      return actor.email;
    case "api_key":
      return `api-key:${actor.name}`;
    case "cli":
      return `cli:${actor.label}`;
  }
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "user" ? actor.userId : null;
}

/** The person a change is filed for: the signed-in user, or the owner of the API key used. */
export function actorOnBehalfOf(actor: Actor): string | null {
  if (actor.kind === "user") return actor.userId;
  if (actor.kind === "api_key") return actor.ownerId ?? null;
  return null;
}
