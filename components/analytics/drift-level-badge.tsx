import { LEVEL_LABELS, type MetricLevel } from "@/lib/analytics/drift-report";

// Text and a shape, not colour alone: ▲ alert, ◆ watch, ● stable, ○ not enough data.
const STYLES: Record<MetricLevel, { className: string; mark: string }> = {
  alert: { className: "bg-red-100 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-100 dark:ring-red-800", mark: "▲" },
  watch: { className: "bg-amber-100 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800", mark: "◆" },
  stable: { className: "bg-emerald-50 text-emerald-900 ring-emerald-200 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800", mark: "●" },
  insufficient: { className: "bg-slate-100 text-slate-700 ring-slate-300 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-600", mark: "○" },
};

export function DriftLevelBadge({ level }: { level: MetricLevel }) {
  const style = STYLES[level];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}
      data-level={level}
    >
      <span aria-hidden>{style.mark}</span>
      {LEVEL_LABELS[level]}
    </span>
  );
}
