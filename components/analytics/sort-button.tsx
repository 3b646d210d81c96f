"use client";
// A health table's column header: choosing it puts the next order (lib/analytics/health-sort.ts nextSort)
// into the URL, replacing the history entry, and the server renders the rows in that order.
import { type HealthTableKind, type SortKey, type TableSort, nextSort, sortParams } from "@/lib/analytics/health-sort";
import { useAnalyticsNavigation } from "./analytics-navigation";
import type { ReactNode } from "react";

export function SortButton({
  kind,
  sort,
  column,
  active,
  children,
}: {
  kind: HealthTableKind;
  sort: TableSort;
  column: SortKey;
  active: boolean;
  children: ReactNode;
}) {
  const { update } = useAnalyticsNavigation();
  const choose = () => {
    const next = nextSort(sort, column);
    const names = sortParams(kind);
    update({ [names.key]: next.key, [names.dir]: next.dir }, { replace: true });
  };
  return (
    <button
      type="button"
      onClick={choose}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded hover:text-indigo-700 dark:hover:text-indigo-300 ${active ? "text-slate-900 dark:text-white" : ""}`}
    >
      {children}
      <span aria-hidden>{active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}</span>
    </button>
  );
}
