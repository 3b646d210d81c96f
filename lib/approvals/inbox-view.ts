import "server-only";
// The approvals inbox (/approvals): the tab asked for (or the viewer's default), the count on each tab,
// the requests of the tab and its page, and what this viewer may do there (open a request; decide) with
// why not. "Mine to decide" holds the open requests this viewer may approve now, by the rule the service
// decides with (decisionStanding).
import type { PageViewer } from "@/lib/server/page";
import { forDecision, listChangeRequests } from "./change-request-service";
import { decisionStanding } from "./decisions";

export const INBOX_TABS = ["mine", "pending", "decided", "all"] as const;
export type InboxTab = (typeof INBOX_TABS)[number];

/** Lists built from one read (mine) show at most this many requests, newest first. */
const LIMIT = 200;
export const INBOX_PAGE_SIZE = 50;
const DECIDED = "approved,rejected,withdrawn,applied";

type SearchParams = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function inboxView(viewer: PageViewer, params: SearchParams) {
  const { prisma, user } = viewer;
  const mayDecide = viewer.can("change_request:decide");
  const defaultTab: InboxTab = mayDecide ? "mine" : "pending";
  const asked = first(params.tab);
  const tab: InboxTab = (INBOX_TABS as readonly string[]).includes(asked ?? "") ? (asked as InboxTab) : defaultTab;
  const page = Math.max(1, Math.floor(Number(first(params.page)) || 1));

  const [open, everything] = await Promise.all([
    listChangeRequests(prisma, user, { state: "open", pageSize: LIMIT }),
    listChangeRequests(prisma, user, { pageSize: 1 }),
  ]);
  const mine = open.items.filter((r) => decisionStanding(forDecision(r), user, "approve").ok);
  const counts: Record<InboxTab, number> = { mine: mine.length, pending: open.total, decided: everything.total - open.total, all: everything.total };

  let items = mine;
  let total = mine.length;
  if (tab !== "mine") {
    const state = tab === "pending" ? { state: "open" } : tab === "decided" ? { state: DECIDED } : {};
    const result = await listChangeRequests(prisma, user, { ...state, page, pageSize: INBOX_PAGE_SIZE });
    items = result.items;
    total = result.total;
  }
  const paged = tab !== "mine";
  return {
    tab,
    /** The tab asked for in the URL when it is not one of the tabs (the page says so). */
    unknownTab: asked && asked !== tab ? asked : null,
    counts,
    items,
    total,
    paged,
    page,
    pages: Math.max(1, Math.ceil(total / INBOX_PAGE_SIZE)),
    open: viewer.can("change_request:open") ? { allowed: true as const } : { allowed: false as const, whyNot: "Opening change requests is for engineers." },
    decide: mayDecide
      ? { allowed: true as const }
      : { allowed: false as const, whyNot: "You can read every request here; deciding them is for ML leads and compliance." },
  };
}
