import type { ReactNode } from "react";

// Colours that read on white and on slate-900; series keep their colour across charts.
export const SERIES_COLORS = ["#6366f1", "#10b981", "#f59e0b", "#0ea5e9", "#ec4899", "#8b5cf6", "#ef4444", "#84cc16"];
export const OTHER_COLOR = "#94a3b8";

/** Shared tooltip look for every chart (reads the CSS variables ChartFrame sets for light and dark). */
export const TOOLTIP_PROPS = {
  contentStyle: {
    backgroundColor: "var(--chart-tooltip-bg)",
    border: "1px solid var(--chart-grid)",
    borderRadius: 6,
    fontSize: 12,
    color: "var(--chart-text)",
  },
  labelStyle: { color: "var(--chart-text)", fontWeight: 600 },
  itemStyle: { padding: 0 },
} as const;

export const AXIS_PROPS = {
  tick: { fill: "var(--chart-muted)", fontSize: 11 },
  stroke: "var(--chart-grid)",
  tickLine: false,
} as const;

/**
 * A titled card around one chart: sets the colour variables for light and dark, gives the chart a
 * text summary for screen readers (the SVG alone says nothing), and an empty state.
 */
export function ChartFrame({
  title,
  note,
  summary,
  empty,
  children,
  testId,
}: {
  title: string;
  note?: string;
  summary: string;
  empty?: string | null;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <figure
      className="card flex min-w-0 flex-col [--chart-grid:#e2e8f0] [--chart-muted:#64748b] [--chart-text:#0f172a] [--chart-tooltip-bg:#ffffff] dark:[--chart-grid:#334155] dark:[--chart-muted:#94a3b8] dark:[--chart-text:#f1f5f9] dark:[--chart-tooltip-bg:#0f172a]"
      data-testid={testId}
    >
      <figcaption className="mb-2 text-sm font-semibold">
        {title}
        {note && <span className="ml-2 text-xs font-normal text-slate-500 dark:text-slate-400">{note}</span>}
        <span className="sr-only">. {summary}</span>
      </figcaption>
      {empty ? (
        <p className="flex h-64 items-center justify-center text-sm text-slate-500 dark:text-slate-400">{empty}</p>
      ) : (
        <div aria-hidden className="h-64 w-full">
          {children}
        </div>
      )}
    </figure>
  );
}
