import { METRIC_INFO, type MetricComparison, type MetricKey, type MetricUnit } from "@/lib/analytics/overview";
import { type ChangeTone, describeChange } from "./format";

const TONE: Record<ChangeTone, string> = {
  good: "text-emerald-700 dark:text-emerald-400",
  bad: "text-red-700 dark:text-red-400",
  neutral: "text-slate-500 dark:text-slate-400",
};
const ARROW = { up: "▲", down: "▼", flat: "■", new: "▲", unknown: "" } as const;

/** The change against the previous period: coloured arrow and short text, with a full sentence for screen readers. */
export function MetricDelta({
  metric,
  comparison,
  unit,
  better,
  className = "",
}: {
  metric?: MetricKey;
  comparison: MetricComparison;
  unit?: MetricUnit;
  better?: "higher" | "lower" | "neither";
  className?: string;
}) {
  const info = metric ? METRIC_INFO[metric] : undefined;
  const view = describeChange(unit ?? info?.unit ?? "count", comparison, better ?? info?.better ?? "neither");
  if (view.direction === "unknown") {
    return (
      <span className={`text-xs text-slate-400 dark:text-slate-500 ${className}`}>
        <span aria-hidden>—</span>
        <span className="sr-only">{view.sentence}</span>
      </span>
    );
  }
  return (
    <span className={`inline-flex items-center gap-0.5 whitespace-nowrap text-xs font-medium ${TONE[view.tone]} ${className}`} title={view.sentence}>
      <span aria-hidden className="text-[0.65rem]">
        {ARROW[view.direction]}
      </span>
      <span aria-hidden>{view.text}</span>
      <span className="sr-only">{view.sentence}</span>
    </span>
  );
}
