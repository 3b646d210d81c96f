import Link from "next/link";
import { AuditFilterBar } from "@/components/audit/audit-filter-bar";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChainPanel } from "@/components/audit/verify-chain-panel";
import { FormAlert } from "@/components/ui/form";
import { auditView } from "@/lib/audit/audit-view";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "Audit trail" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePage("audit:read");
  const view = await auditView(viewer, await searchParams);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Audit trail</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Every change in Warden, append-only and hash-chained: who, when, what, on which target, before and after, and why.
          </p>
        </div>
        {view.exports && (
          <div className="flex gap-2" aria-label="Export this view">
            <a className="btn-secondary" href={view.exports.csv} download>
              Export CSV
            </a>
            <a className="btn-secondary" href={view.exports.ndjson} download>
              Export NDJSON
            </a>
          </div>
        )}
        {view.whyNotExport && <p className="text-sm text-slate-600 dark:text-slate-400">No export: {view.whyNotExport}</p>}
      </div>
      <VerifyChainPanel head={view.head} whyNot={view.whyNotVerify} />
      {view.filterError && <FormAlert>{view.filterError} Showing the whole trail instead.</FormAlert>}
      <AuditFilterBar key={view.query} filters={view.filters} choices={view.choices} />
      {view.events.length === 0 ? (
        <p className="card text-sm text-slate-600 dark:text-slate-400">
          {view.filtered ? "No event matches these filters." : view.filters.before ? "No older events." : "No events recorded yet."}
        </p>
      ) : (
        <AuditTable events={view.events} targets={view.targets} />
      )}
      <nav aria-label="Pages" className="flex items-center gap-2 text-sm">
        {view.pages.newest && (
          <Link className="btn-secondary" href={view.pages.newest}>
            ← Newest
          </Link>
        )}
        {view.pages.older ? (
          <Link className="btn-secondary" rel="next" href={view.pages.older}>
            Older →
          </Link>
        ) : (
          view.events.length > 0 && <span className="text-slate-500 dark:text-slate-400">End of the trail.</span>
        )}
      </nav>
    </div>
  );
}
