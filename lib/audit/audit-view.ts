import "server-only";
// The audit page (/audit): one page of the filtered trail with its targets named, the chain head, the
// filter choices (who acted, which actions; the chosen model and workflow by name, never the whole
// catalog), the links to the neighbouring pages and exports, and what this viewer may do there (export,
// verify) with why not, by the same permission checks the export and the verification enforce.
import { assertCan } from "@/lib/authz/actor";
import type { Permission } from "@/lib/authz/permissions";
import { DomainError } from "@/lib/errors";
import type { PageViewer } from "@/lib/server/page";
import { type AuditFilters, auditFiltersSchema, auditFiltersToQuery, isFiltered, parseAuditFilters } from "./audit-filters";
import { auditFacets, auditSubjects, listAuditEvents } from "./audit-query";
import { describeTargets } from "./audit-targets";
import { chainHead } from "./verify";

type SearchParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** Why the service would refuse this viewer `permission` (its own message), or null when it would not. */
function refusal(viewer: PageViewer, permission: Permission): string | null {
  try {
    assertCan(viewer.user, permission);
    return null;
  } catch (error) {
    if (error instanceof DomainError) return error.message;
    throw error;
  }
}

export async function auditView(viewer: PageViewer, params: SearchParams) {
  const { prisma, user } = viewer;
  let filters: AuditFilters;
  let filterError: string | null = null;
  try {
    filters = parseAuditFilters(params);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    filterError = error.message;
    filters = auditFiltersSchema.parse({});
  }
  const [page, facets, subjects, head] = await Promise.all([
    listAuditEvents(prisma, user, filters),
    auditFacets(prisma, user),
    auditSubjects(prisma, user, filters),
    chainHead(prisma, user),
  ]);
  const targets = await describeTargets(prisma, page.events);
  const query = auditFiltersToQuery(filters);
  const whyNotExport = refusal(viewer, "audit:export");
  const exportHref = (format: "csv" | "ndjson") => `/api/v1/audit/export?${new URLSearchParams([...new URLSearchParams(query), ["format", format]])}`;
  return {
    filters,
    /** Why the URL's filters were set aside (the whole trail is shown instead), or null. */
    filterError,
    /** The filters as a query string: the filter bar's key, so it resets when they change. */
    query,
    filtered: isFiltered(filters),
    events: page.events,
    targets,
    head: head ? { seq: head.seq.toString(), hash: head.hash } : null,
    choices: { actors: facets.actors, actions: facets.actions, model: subjects.model, workflow: subjects.workflow },
    pages: {
      newest: filters.before ? `/audit?${auditFiltersToQuery(filters, { limit: true })}` : null,
      older: page.nextBefore ? `/audit?${auditFiltersToQuery(filters, { before: page.nextBefore, limit: true })}` : null,
    },
    /** The exports of exactly this view, when this viewer may export. */
    exports: whyNotExport ? null : { csv: exportHref("csv"), ndjson: exportHref("ndjson") },
    whyNotExport,
    /** Why the chain verification is refused to this viewer, or null. */
    whyNotVerify: refusal(viewer, "audit:read"),
  };
}

export type AuditView = Awaited<ReturnType<typeof auditView>>;
export type AuditFilterChoices = AuditView["choices"];
