"use client";
// The chart grid, loaded on its own (next/dynamic) so recharts is not in the page's first JavaScript.
import type { AnalyticsCharts as ChartsData } from "@/lib/analytics/timeseries-query";
import { CostChart } from "./cost-chart";
import { LatencyChart } from "./latency-chart";
import { RatesChart } from "./rates-chart";
import { TokenHistogramChart } from "./token-histogram-chart";

export default function AnalyticsCharts({ data }: { data: ChartsData }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="lg:col-span-2">
        <CostChart rows={data.points} series={data.series} granularity={data.granularity} />
      </div>
      <LatencyChart rows={data.points} granularity={data.granularity} />
      <RatesChart rows={data.points} granularity={data.granularity} />
      <TokenHistogramChart title="Input tokens per call" bars={data.tokens.input} color="#6366f1" />
      <TokenHistogramChart title="Output tokens per call" bars={data.tokens.output} color="#10b981" />
    </div>
  );
}
