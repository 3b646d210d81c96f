// The declared role → permission table (docs/roles-and-permissions.md). Every server action and route handler
// checks it itself; the proxy only redirects anonymous users. A role not listed gets nothing.

export const ROLES = ["viewer", "engineer", "product_owner", "ml_lead", "compliance", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer",
  engineer: "Engineer",
  product_owner: "Product owner",
  ml_lead: "ML lead",
  compliance: "Compliance",
  admin: "Admin",
};

const EVERYONE: readonly Role[] = ROLES;

export const PERMISSIONS = {
  "catalog:read": EVERYONE,
  "analytics:read": EVERYONE,
  "model:register": ["engineer"],
  "model:edit": ["engineer"],
  "evaluation:upload": ["engineer"],
  "change_request:open": ["engineer"],
  "change_request:decide": ["ml_lead", "compliance"],
  "model:change_status": ["ml_lead"],
  "model:disable": ["ml_lead", "compliance"],
  "model:retire": ["compliance", "admin"],
  "deprecation:plan": ["ml_lead"],
  "bundle:manage": ["engineer"],
  "usage:ingest": ["engineer"],
  "review:sign_off": ["product_owner"],
  "audit:read": ["compliance", "admin"],
  "audit:export": ["compliance", "admin"],
  "apikey:manage": ["admin"],
  "user:manage": ["admin"],
  "webhook:manage": ["admin"],
  "settings:manage": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function roleCan(role: string, permission: Permission): boolean {
  return isRole(role) && (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** A person holding several roles may do what any of them allows. */
export function rolesCan(roles: readonly string[], permission: Permission): boolean {
  return roles.some((role) => roleCan(role, permission));
}

export function permissionsOf(roles: readonly string[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => rolesCan(roles, permission));
}

// API keys carry scopes, not roles: a key acts for a machine and never decides anything.
export const API_KEY_SCOPES = ["read", "ingest:write", "catalog:write"] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  read: ["catalog:read", "analytics:read"],
  "ingest:write": ["usage:ingest"],
  "catalog:write": ["model:register", "evaluation:upload", "change_request:open"],
};

export function scopesCan(scopes: readonly ApiKeyScope[], permission: Permission): boolean {
  return scopes.some((scope) => SCOPE_PERMISSIONS[scope].includes(permission));
}
