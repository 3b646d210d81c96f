import Link from "next/link";
import { RequestTable } from "@/components/approvals/request-table";
import { FormAlert } from "@/components/ui/form";
import { INBOX_TABS, type InboxTab, inboxView } from "@/lib/approvals/inbox-view";
import { requirePage } from "@/lib/server/page";

export const metadata = { title: "Approvals" };

const TAB_LABELS: Record<InboxTab, string> = { mine: "Mine to decide", pending: "Pending", decided: "Decided", all: "All" };
const EMPTY: Record<InboxTab, string> = {
  mine: "Nothing waits on you. Requests that need a role you hold, opened by someone else, appear here.",
  pending: "No open change requests.",
  decided: "No request has been decided yet.",
  all: "No change requests yet.",
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ApprovalsPage({ searchParams }: { searchParams: SearchParams }) {
  const viewer = await requirePage("catalog:read");
  const { tab, unknownTab, counts, items, total, paged, page, pages, open, decide } = await inboxView(viewer, await searchParams);
  const href = (t: InboxTab, p = 1) => `/approvals?tab=${t}${p > 1 ? `&page=${p}` : ""}`;

  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Approvals</h1>
          <p className="text-sm text-slate-600 dark:text-slate-400">
            Change requests: promotions and approvals for workflows, each with its evidence, the rules it breaks and who must approve it.
          </p>
        </div>
        {open.allowed && (
          <Link href="/approvals/new" className="btn-primary">
            New change request
          </Link>
        )}
      </div>
      {unknownTab && (
        <FormAlert>
          Unknown tab &ldquo;{unknownTab}&rdquo;; showing {TAB_LABELS[tab].toLowerCase()} instead.
        </FormAlert>
      )}
      {!decide.allowed && (
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" data-testid="read-only-note">
          {decide.whyNot}
        </p>
      )}
      <nav aria-label="Inbox" className="mb-3 flex flex-wrap gap-1 border-b border-slate-200 dark:border-slate-800">
        {INBOX_TABS.map((t) => (
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
        {items.length === 0
          ? EMPTY[tab]
          : paged
            ? `${total} request${total === 1 ? "" : "s"}, page ${page} of ${pages}`
            : `${total} request${total === 1 ? "" : "s"}${total > items.length ? `, the ${items.length} most recent shown` : ""}`}
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
