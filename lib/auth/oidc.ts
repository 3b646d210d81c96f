// Optional single sign-on with any OpenID Connect provider (Keycloak, Entra ID, Okta, Google Workspace),
// configured by environment. Roles come from a claim, mapped to Warden's roles.
import { type Role, isRole } from "@/lib/authz/permissions";
import { readEnv } from "@/lib/env";

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  rolesClaim: string;
  /** Provider's group/role value → Warden role; identity when absent. */
  roleMap: Record<string, Role>;
}

export function oidcSettingsFromEnv(source: Record<string, string | undefined> = process.env): OidcSettings | null {
  const env = readEnv(source);
  if (!env.OIDC_ISSUER) return null;
  if (!env.OIDC_CLIENT_ID || !env.OIDC_CLIENT_SECRET) {
    throw new Error("OIDC_ISSUER is set but OIDC_CLIENT_ID or OIDC_CLIENT_SECRET is missing.");
  }
  const roleMap: Record<string, Role> = {};
  for (const pair of (env.OIDC_ROLE_MAP ?? "").split(",").filter(Boolean)) {
    const [from, to] = pair.split("=").map((s) => s.trim());
    if (!from || !to || !isRole(to)) throw new Error(`OIDC_ROLE_MAP entry "${pair}" must look like group=role with a Warden role.`);
    roleMap[from] = to;
  }
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    name: env.OIDC_NAME ?? "Single sign-on",
    rolesClaim: env.OIDC_ROLES_CLAIM ?? "roles",
    roleMap,
  };
}

export function rolesFromClaims(claims: Record<string, unknown>, settings: OidcSettings): Role[] {
  const raw = claims[settings.rolesClaim];
  const values = Array.isArray(raw) ? raw : typeof raw === "string" ? raw.split(/[,\s]+/) : [];
  const roles = new Set<Role>();
  for (const value of values) {
    if (typeof value !== "string") continue;
    const mapped = settings.roleMap[value] ?? (isRole(value) ? value : undefined);
    if (mapped) roles.add(mapped);
  }
  return [...roles];
}
