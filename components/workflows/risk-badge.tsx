// EU AI Act risk class of a workflow. High risk stands out: its promotions need a compliance co-sign.
const STYLES: Record<string, string> = {
  high: "bg-red-100 text-red-900 ring-1 ring-red-300 dark:bg-red-900/60 dark:text-red-100 dark:ring-red-700",
  limited: "bg-amber-50 text-amber-900 dark:bg-amber-900/40 dark:text-amber-100",
  minimal: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200",
};

export function RiskBadge({ riskClass, onlyHigh = false }: { riskClass: string; onlyHigh?: boolean }) {
  if (onlyHigh && riskClass !== "high") return null;
  return (
    <span
      className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${STYLES[riskClass] ?? STYLES.minimal}`}
      title="EU AI Act risk class"
    >
      {riskClass === "high" ? "High risk" : `${riskClass[0].toUpperCase()}${riskClass.slice(1)} risk`}
    </span>
  );
}
