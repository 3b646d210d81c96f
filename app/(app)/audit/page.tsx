import Link from "next/link";
import { AuditFilterBar } from "@/components/audit/audit-filter-bar";
import { AuditTable } from "@/components/audit/audit-table";
import { VerifyChainPanel } from "@/components/audit/verify-chain-panel";
import { FormAlert } from "@/components/ui/form";
import { Forbidden } from "@/components/ui/forbidden";
import { auditFiltersSchema, auditFiltersToQuery, isFiltered, parseAuditFilters } from "@/lib/audit/audit-filters";
import { auditFacets, listAuditEvents } from "@/lib/audit/audit-query";
import { describeTargets } from "@/lib/audit/audit-targets";
import { chainHead } from "@/lib/audit/verify";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { getPrisma } from "@/lib/db/server-db";
import { DomainError } from "@/lib/errors";

export const metadata = { title: "Audit trail" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await currentUser();
  if (!actor || !rolesCan(actor.roles, "audit:read")) return <Forbidden what="The audit trail is for compliance and admins." />;
  const prisma = await getPrisma();
  let filters;
  let filterError: string | null = null;
  try {
    filters = parseAuditFilters(await searchParams);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    filterError = error.message;
    filters = auditFiltersSchema.parse({});
  }
  const [page, facets, head] = await Promise.all([listAuditEvents(prisma, actor, filters), auditFacets(prisma, actor), chainHead(prisma, actor)]);
  const targets = await describeTargets(prisma, page.events);
  const query = auditFiltersToQuery(filters);
  const canExport = rolesCan(actor.roles, "audit:export");
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Audit trail</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Every change in Warden, append-only and hash-chained: who, when, what, on which target, before and after, and why.
          </p>
        </div>
        {canExport && (
          <div className="flex gap-2" aria-label="Export this view">
            <a className="btn-secondary" href={`/api/v1/audit/export?${new URLSearchParams([...new URLSearchParams(query), ["format", "csv"]])}`} download>
              Export CSV
            </a>
            <a className="btn-secondary" href={`/api/v1/audit/export?${new URLSearchParams([...new URLSearchParams(query), ["format", "ndjson"]])}`} download>
              Export NDJSON
            </a>
          </div>
        )}
      </div>
      <VerifyChainPanel head={head ? { seq: head.seq.toString(), hash: head.hash } : null} />
      {filterError && <FormAlert>{filterError} Showing the whole trail instead.</FormAlert>}
      <AuditFilterBar key={query} filters={filters} facets={facets} />
      {page.events.length === 0 ? (
        <p className="card text-sm text-slate-600 dark:text-slate-400">
          {isFiltered(filters) ? "No event matches these filters." : filters.before ? "No older events." : "No events recorded yet."}
        </p>
      ) : (
        <AuditTable events={page.events} targets={targets} />
      )}
      <nav aria-label="Pages" className="flex items-center gap-2 text-sm">
        {filters.before && (
          <Link className="btn-secondary" href={`/audit?${auditFiltersToQuery(filters, { limit: true })}`}>
            ← Newest
          </Link>
        )}
        {page.nextBefore ? (
          <Link className="btn-secondary" rel="next" href={`/audit?${auditFiltersToQuery(filters, { before: page.nextBefore, limit: true })}`}>
            Older →
          </Link>
        ) : (
          page.events.length > 0 && <span className="text-slate-500 dark:text-slate-400">End of the trail.</span>
        )}
      </nav>
    </div>
  );
}
