// The state of a change request: open while it waits, then approved, applied, rejected or withdrawn.
const STYLES: Record<string, string> = {
  open: "bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100",
  approved: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100",
  applied: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100",
  rejected: "bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100",
  withdrawn: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

export const REQUEST_STATE_LABELS: Record<string, string> = {
  open: "Open",
  approved: "Approved",
  applied: "Applied",
  rejected: "Rejected",
  withdrawn: "Withdrawn",
};

export function RequestStateBadge({ state }: { state: string }) {
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[state] ?? STYLES.withdrawn}`}
      data-testid="request-state"
    >
      {REQUEST_STATE_LABELS[state] ?? state}
    </span>
  );
}
