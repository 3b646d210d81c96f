import Link from "next/link";

// Rendered with status 403 when a page's permission is not among the viewer's roles (lib/server/page.ts).
export default function Forbidden() {
  return (
    <div className="card max-w-xl" role="alert">
      <h1 className="text-lg font-semibold">Not available to your role</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        This page needs a permission that none of your roles holds. Ask an admin if you need access.{" "}
        <Link href="/models" className="link">
          Back to the catalog
        </Link>
      </p>
    </div>
  );
}
