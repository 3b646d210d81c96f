"use client";
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { OTHER_MODELS } from "@/lib/analytics/timeseries";
import { AXIS_PROPS, ChartFrame, OTHER_COLOR, SERIES_COLORS, TOOLTIP_PROPS } from "./chart-frame";
import { formatBucket, formatUsd } from "./format";

export interface CostRow {
  t: string;
  cost: Record<string, number>;
}

/** Cost per time bucket, stacked by model (the costliest models by name, the rest as "Other models"). */
export function CostChart({ rows, series, granularity }: { rows: CostRow[]; series: string[]; granularity: "hour" | "day" }) {
  const data = rows.map((r) => ({ label: formatBucket(r.t, granularity), ...r.cost }));
  const totals = series.map((s) => [s, rows.reduce((n, r) => n + (r.cost[s] ?? 0), 0)] as const);
  const summary = `Total cost by model over the range: ${totals.map(([s, v]) => `${s} ${formatUsd(v)}`).join(", ")}.`;
  return (
    <ChartFrame
      title="Cost over time, by model"
      note={granularity === "day" ? "UTC days; the first and last may be partial." : "UTC hours."}
      summary={summary}
      empty={series.length === 0 ? "No cost recorded in this range." : null}
      testId="chart-cost"
    >
      <BarChart accessibilityLayer={false} responsive style={{ width: "100%", height: "100%" }} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis dataKey="label" {...AXIS_PROPS} minTickGap={24} />
        <YAxis {...AXIS_PROPS} width={56} tickFormatter={(v: number) => formatUsd(v)} />
        <Tooltip {...TOOLTIP_PROPS} formatter={(v) => formatUsd(Number(v))} cursor={{ fill: "var(--chart-grid)", opacity: 0.4 }} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {series.map((s, i) => (
          <Bar key={s} dataKey={s} stackId="cost" fill={s === OTHER_MODELS ? OTHER_COLOR : SERIES_COLORS[i % SERIES_COLORS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
