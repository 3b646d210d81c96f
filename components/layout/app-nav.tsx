import Link from "next/link";
import { signOutAction } from "@/app/(app)/actions";
import { type Permission, ROLE_LABELS, type Role, rolesCan } from "@/lib/authz/permissions";

interface NavItem {
  href: string;
  label: string;
  /** Shown only to roles holding this permission. */
  permission: Permission;
}

// Each role sees what it can use; the pages themselves check again.
const NAV: NavItem[] = [
  { href: "/models", label: "Catalog", permission: "catalog:read" },
  { href: "/models/new", label: "Register model", permission: "model:register" },
  { href: "/approvals", label: "Approvals", permission: "catalog:read" },
  { href: "/workflows", label: "Workflows", permission: "catalog:read" },
  { href: "/evaluations", label: "Evaluations", permission: "catalog:read" },
  { href: "/analytics", label: "Analytics", permission: "analytics:read" },
  { href: "/analytics/drift", label: "Drift", permission: "analytics:read" },
  { href: "/analytics/compare", label: "Compare", permission: "analytics:read" },
  { href: "/usage/import", label: "Import usage", permission: "usage:ingest" },
  { href: "/audit", label: "Audit", permission: "audit:read" },
  { href: "/compliance", label: "Compliance", permission: "audit:read" },
  { href: "/admin/users", label: "People", permission: "user:manage" },
  { href: "/admin/api-keys", label: "API keys", permission: "apikey:manage" },
  { href: "/admin/webhooks", label: "Webhooks", permission: "webhook:manage" },
];

export function navItemsFor(roles: readonly Role[]): NavItem[] {
  return NAV.filter((item) => rolesCan(roles, item.permission));
}

export function AppNav({ user }: { user: { name: string; email: string; roles: Role[] } }) {
  return (
    <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/models" className="text-lg font-semibold tracking-tight">
          Warden
        </Link>
        <nav aria-label="Main" className="flex flex-1 flex-wrap gap-4 text-sm">
          {navItemsFor(user.roles).map((item) => (
            <Link key={item.href} href={item.href} className="text-slate-700 hover:text-indigo-700 dark:text-slate-300 dark:hover:text-indigo-300">
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="flex items-center gap-3 text-sm">
          <span className="text-right leading-tight">
            <span className="block font-medium" data-testid="current-user">
              {user.name}
            </span>
            <span className="block text-xs text-slate-500 dark:text-slate-400" data-testid="current-roles">
              {user.roles.map((r) => ROLE_LABELS[r]).join(", ") || "No role"}
            </span>
          </span>
          <form action={signOutAction}>
            <button type="submit" className="btn-secondary">
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
