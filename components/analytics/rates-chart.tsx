"use client";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_PROPS, ChartFrame, TOOLTIP_PROPS } from "./chart-frame";
import { formatBucket, formatRate } from "./format";

export interface RatesRow {
  t: string;
  errorRate: number | null;
  fallbackRate: number | null;
  retryRate: number | null;
}

const LINES = [
  { key: "errorRate", name: "Error rate", color: "#ef4444" },
  { key: "fallbackRate", name: "Fallback rate", color: "#f59e0b" },
  { key: "retryRate", name: "Retry rate", color: "#0ea5e9" },
] as const;

/** Error, fallback and retry rates per time bucket. */
export function RatesChart({ rows, granularity }: { rows: RatesRow[]; granularity: "hour" | "day" }) {
  const data = rows.map((r) => ({ ...r, label: formatBucket(r.t, granularity) }));
  const withData = rows.filter((r) => r.errorRate !== null);
  const mean = (key: (typeof LINES)[number]["key"]) => withData.reduce((s, r) => s + (r[key] ?? 0), 0) / Math.max(1, withData.length);
  const summary = withData.length
    ? `Average per bucket: error rate ${formatRate(mean("errorRate"))}, fallback rate ${formatRate(mean("fallbackRate"))}, retry rate ${formatRate(mean("retryRate"))}.`
    : "No calls in this range.";
  return (
    <ChartFrame title="Error, fallback and retry rates" summary={summary} empty={withData.length === 0 ? "No calls in this range." : null} testId="chart-rates">
      <LineChart accessibilityLayer={false} responsive style={{ width: "100%", height: "100%" }} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis dataKey="label" {...AXIS_PROPS} minTickGap={24} />
        <YAxis {...AXIS_PROPS} width={56} tickFormatter={(v: number) => formatRate(v)} />
        <Tooltip {...TOOLTIP_PROPS} formatter={(v) => formatRate(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {LINES.map((l) => (
          <Line key={l.key} dataKey={l.key} name={l.name} stroke={l.color} dot={false} strokeWidth={2} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
