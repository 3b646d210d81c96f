import Link from "next/link";
import { RequestTable } from "@/components/approvals/request-table";
import { FormAlert } from "@/components/ui/form";
import { forDecision, listChangeRequests } from "@/lib/approvals/change-request-service";
import { decisionStanding } from "@/lib/approvals/decisions";
import { currentUser } from "@/lib/auth/current-actor";
import { rolesCan } from "@/lib/authz/permissions";
import { getPrisma } from "@/lib/db/server-db";

export const metadata = { title: "Approvals" };

const TABS = ["mine", "pending", "decided", "all"] as const;
type Tab = (typeof TABS)[number];
/** Lists built from one read (mine, decided) show at most this many requests, newest first. */
const LIMIT = 200;
const PAGE_SIZE = 50;

const TAB_LABELS: Record<Tab, string> = { mine: "Mine to decide", pending: "Pending", decided: "Decided", all: "All" };
const EMPTY: Record<Tab, string> = {
  mine: "Nothing waits on you. Requests that need a role you hold, opened by someone else, appear here.",
  pending: "No open change requests.",
  decided: "No request has been decided yet.",
  all: "No change requests yet.",
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function ApprovalsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const user = (await currentUser())!;
  const prisma = await getPrisma();
  const canDecide = rolesCan(user.roles, "change_request:decide");
  const defaultTab: Tab = canDecide ? "mine" : "pending";
  const asked = first(params.tab);
  const tab: Tab = (TABS as readonly string[]).includes(asked ?? "") ? (asked as Tab) : defaultTab;
  const page = Math.max(1, Math.floor(Number(first(params.page)) || 1));

  const DECIDED = "approved,rejected,withdrawn,applied";
  const [open, everything] = await Promise.all([
    listChangeRequests(prisma, user, { state: "open", pageSize: LIMIT }),
    listChangeRequests(prisma, user, { pageSize: 1 }),
  ]);
  // Mine: the requests this person may approve now, by the rule the service decides with.
  const mine = open.items.filter((r) => decisionStanding(forDecision(r), user, "approve").ok);
  const counts: Record<Tab, number> = { mine: mine.length, pending: open.total, decided: everything.total - open.total, all: everything.total };

  let items = mine;
  let total = mine.length;
  if (tab !== "mine") {
    const state = tab === "pending" ? { state: "open" } : tab === "decided" ? { state: DECIDED } : {};
    const result = await listChangeRequests(prisma, user, { ...state, page, pageSize: PAGE_SIZE });
    items = result.items;
    total = result.total;
  }
  const paged = tab !== "mine";
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const href = (t: Tab, p = 1) => `/approvals?tab=${t}${p > 1 ? `&page=${p}` : ""}`;

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Approvals</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Change requests: promotions and approvals for workflows, each with its evidence, the rules it breaks and who must approve it.
          </p>
        </div>
        {rolesCan(user.roles, "change_request:open") && (
          <Link href="/approvals/new" className="btn-primary">
            New change request
          </Link>
        )}
      </div>
      {asked && asked !== tab && <FormAlert>Unknown tab &ldquo;{asked}&rdquo;; showing {TAB_LABELS[tab].toLowerCase()} instead.</FormAlert>}
      {!canDecide && (
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" data-testid="read-only-note">
          You can read every request here; deciding them is for ML leads and compliance.
        </p>
      )}
      <nav aria-label="Inbox" className="mb-3 flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
        {TABS.map((t) => (
          <Link
            key={t}
            href={href(t)}
            aria-current={t === tab ? "page" : undefined}
            className={`-mb-px rounded-t-md border px-3 py-2 text-sm ${
              t === tab
                ? "border-slate-200 border-b-white bg-white font-semibold text-indigo-700 dark:border-slate-800 dark:border-b-slate-900 dark:bg-slate-900 dark:text-indigo-300"
                : "border-transparent text-slate-600 hover:text-indigo-700 dark:text-slate-400 dark:hover:text-indigo-300"
            }`}
          >
            {TAB_LABELS[t]} <span className="tabular-nums text-xs text-slate-500 dark:text-slate-400">({counts[t]})</span>
          </Link>
        ))}
      </nav>
      <p className="mb-2 text-sm text-slate-600 dark:text-slate-400" role="status" data-testid="result-count">
        {items.length === 0 ? EMPTY[tab] : paged ? `${total} request${total === 1 ? "" : "s"}, page ${page} of ${pages}` : `${total} request${total === 1 ? "" : "s"}${total > items.length ? `, the ${items.length} most recent shown` : ""}`}
      </p>
      {items.length > 0 && <RequestTable items={items} caption={`${TAB_LABELS[tab]} change requests`} />}
      {paged && pages > 1 && (
        <nav aria-label="Pagination" className="mt-3 flex items-center gap-2 text-sm">
          {page > 1 && (
            <Link className="btn-secondary" href={href(tab, page - 1)} rel="prev">
              ← Previous
            </Link>
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages && (
            <Link className="btn-secondary" href={href(tab, page + 1)} rel="next">
              Next →
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
