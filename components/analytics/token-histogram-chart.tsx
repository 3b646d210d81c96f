"use client";
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts";
import type { HistogramBar } from "@/lib/analytics/timeseries";
import { AXIS_PROPS, ChartFrame, TOOLTIP_PROPS } from "./chart-frame";
import { formatTokens } from "./format";

/** Token counts are whole numbers: a bucket [lower, upper) holds ⌈lower⌉ … ⌈upper⌉ − 1. */
export function bucketLabel(b: HistogramBar): string {
  const lo = Math.ceil(b.lower);
  if (b.upper === null) return `≥ ${formatTokens(lo)}`;
  const hi = Math.ceil(b.upper) - 1;
  return hi <= lo ? formatTokens(lo) : `${formatTokens(lo)}–${formatTokens(hi)}`;
}

/** A token-count distribution: calls per log-spaced bucket (each ~12 % wider than the one before). */
export function TokenHistogramChart({ title, bars, color }: { title: string; bars: HistogramBar[]; color: string }) {
  const total = bars.reduce((n, b) => n + b.count, 0);
  const data = bars.map((b) => ({ label: bucketLabel(b), count: b.count, share: total ? b.count / total : 0 }));
  let median = "";
  let cum = 0;
  for (const b of bars) {
    cum += b.count;
    if (!median && cum >= total / 2) median = bucketLabel(b);
  }
  const summary = total ? `${formatTokens(total)} calls; the median call falls in ${median} tokens.` : "No token counts recorded.";
  return (
    <ChartFrame title={title} summary={summary} empty={total === 0 ? "No token counts recorded in this range." : null} testId="chart-tokens">
      <BarChart
        accessibilityLayer={false}
        responsive
        style={{ width: "100%", height: "100%" }}
        data={data}
        margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
        barCategoryGap={1}
      >
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis dataKey="label" {...AXIS_PROPS} minTickGap={24} />
        <YAxis {...AXIS_PROPS} width={48} tickFormatter={(v: number) => formatTokens(v)} />
        <Tooltip
          {...TOOLTIP_PROPS}
          formatter={(v) => [`${formatTokens(Number(v))} calls`, "Calls"]}
          labelFormatter={(l) => `${l} tokens`}
          cursor={{ fill: "var(--chart-grid)", opacity: 0.4 }}
        />
        <Bar dataKey="count" name="Calls" fill={color} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  );
}
