"use client";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_PROPS, ChartFrame, TOOLTIP_PROPS } from "./chart-frame";
import { formatBucket, formatMs } from "./format";

export interface LatencyRow {
  t: string;
  latencyP50Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
}

const LINES = [
  { key: "latencyP50Ms", name: "p50", color: "#10b981" },
  { key: "latencyP95Ms", name: "p95", color: "#6366f1" },
  { key: "latencyP99Ms", name: "p99", color: "#f59e0b" },
] as const;

/** Latency percentiles per time bucket (from the bucket's merged histogram). */
export function LatencyChart({ rows, granularity }: { rows: LatencyRow[]; granularity: "hour" | "day" }) {
  const data = rows.map((r) => ({ ...r, label: formatBucket(r.t, granularity) }));
  const withData = rows.filter((r) => r.latencyP95Ms !== null);
  const max = (key: (typeof LINES)[number]["key"]) => Math.max(...withData.map((r) => r[key] ?? 0));
  const summary = withData.length
    ? `Highest p50 ${formatMs(max("latencyP50Ms"))}, highest p95 ${formatMs(max("latencyP95Ms"))}, highest p99 ${formatMs(max("latencyP99Ms"))}.`
    : "No latency recorded.";
  return (
    <ChartFrame
      title="Latency percentiles"
      summary={summary}
      empty={withData.length === 0 ? "No latency recorded in this range." : null}
      testId="chart-latency"
    >
      <LineChart accessibilityLayer={false} responsive style={{ width: "100%", height: "100%" }} data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid stroke="var(--chart-grid)" vertical={false} />
        <XAxis dataKey="label" {...AXIS_PROPS} minTickGap={24} />
        <YAxis {...AXIS_PROPS} width={56} tickFormatter={(v: number) => formatMs(v)} />
        <Tooltip {...TOOLTIP_PROPS} formatter={(v) => formatMs(Number(v))} />
        <Legend wrapperStyle={{ fontSize: 11 }} />
        {LINES.map((l) => (
          <Line key={l.key} dataKey={l.key} name={l.name} stroke={l.color} dot={false} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
        ))}
      </LineChart>
    </ChartFrame>
  );
}
