import { type ModelStatus, STATUS_LABELS } from "@/lib/catalog/model-vocabulary";

const STYLES: Record<ModelStatus, string> = {
  testing: "bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100",
  approved: "bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100",
  fallback_only: "bg-teal-100 text-teal-900 dark:bg-teal-900/60 dark:text-teal-100",
  deprecated: "bg-amber-100 text-amber-900 dark:bg-amber-900/60 dark:text-amber-100",
  disabled: "bg-red-100 text-red-900 dark:bg-red-900/60 dark:text-red-100",
  retired: "bg-slate-200 text-slate-800 dark:bg-slate-700 dark:text-slate-100",
};

export function StatusBadge({ status }: { status: string }) {
  const known = status as ModelStatus;
  return (
    <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[known] ?? STYLES.retired}`}>
      {STATUS_LABELS[known] ?? status}
    </span>
  );
}
