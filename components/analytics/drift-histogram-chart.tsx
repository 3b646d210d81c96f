"use client";
// Baseline and current window overlaid on the same buckets, as share of each window's calls (the windows
// differ in length, so counts would not compare). The baseline is a wide grey bar, the current window a
// narrower indigo bar drawn on top of it; the legend names both and the table below gives every number.
import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import type { OverlayBar } from "@/lib/analytics/drift-report";

const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.01 ? 2 : 1)} %`;

interface TooltipEntry {
  name?: string | number;
  value?: number | string | (number | string)[];
  color?: string;
}

function ShareTooltip({ active, label, payload }: { active?: boolean; label?: string | number; payload?: readonly TooltipEntry[] }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-md border border-slate-200 bg-white px-3 py-2 text-xs shadow dark:border-slate-700 dark:bg-slate-900">
      <p className="mb-1 font-medium">{label}</p>
      {payload.map((entry) => (
        <p key={String(entry.name)} className="tabular-nums">
          <span aria-hidden style={{ color: entry.color }}>
            ■{" "}
          </span>
          {entry.name}: {percent(Number(entry.value))}
        </p>
      ))}
    </div>
  );
}

export function DriftHistogramChart({ bars, title }: { bars: OverlayBar[]; title: string }) {
  // About 40 % of a category's width on a ~1,100 px plot (recharts' percentage barSize is not relative to the band).
  const currentBarSize = Math.max(3, Math.min(60, Math.round(440 / Math.max(1, bars.length))));
  return (
    <figure className="text-slate-600 dark:text-slate-300" data-testid="drift-histogram">
      <BarChart
        responsive
        style={{ width: "100%", height: 320 }}
        data={bars}
        barCategoryGap="8%"
        margin={{ top: 8, right: 16, bottom: 48, left: 8 }}
        title={title}
        role="img"
        aria-label={`${title}: share of calls per bucket, baseline window against current window`}
      >
        <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
        <XAxis
          xAxisId="baseline"
          dataKey="label"
          tick={{ fill: "currentColor", fontSize: 11 }}
          angle={-35}
          textAnchor="end"
          interval="preserveStartEnd"
          height={60}
        />
        {/* A second, hidden axis on the same categories puts the current bar over the baseline bar. */}
        <XAxis xAxisId="current" dataKey="label" hide />
        <YAxis tickFormatter={(v: number) => `${Number((v * 100).toFixed(v < 0.01 ? 2 : 1))} %`} tick={{ fill: "currentColor", fontSize: 11 }} width={60} />
        <Tooltip content={<ShareTooltip />} cursor={{ fill: "currentColor", fillOpacity: 0.06 }} />
        <Legend
          verticalAlign="top"
          height={28}
          wrapperStyle={{ fontSize: 12 }}
          formatter={(value) => <span className="text-slate-700 dark:text-slate-200">{value}</span>}
        />
        <Bar xAxisId="baseline" dataKey="baseline" name="Baseline window" fill="#94a3b8" fillOpacity={0.7} isAnimationActive={false} />
        <Bar xAxisId="current" dataKey="current" name="Current window" fill="#6366f1" fillOpacity={0.85} barSize={currentBarSize} isAnimationActive={false} />
      </BarChart>
      <figcaption className="sr-only">{title}</figcaption>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-indigo-700 dark:text-indigo-300">Show the numbers</summary>
        <table className="mt-2 w-full text-xs">
          <thead>
            <tr className="text-left text-slate-500 dark:text-slate-400">
              <th scope="col" className="py-1 pr-3">
                Bucket
              </th>
              <th scope="col" className="py-1 pr-3 text-right">
                Baseline
              </th>
              <th scope="col" className="py-1 text-right">
                Current
              </th>
            </tr>
          </thead>
          <tbody className="tabular-nums">
            {bars.map((bar) => (
              <tr key={bar.label} className="border-t border-slate-100 dark:border-slate-800">
                <td className="py-0.5 pr-3">{bar.label}</td>
                <td className="py-0.5 pr-3 text-right">{percent(bar.baseline)}</td>
                <td className="py-0.5 text-right">{percent(bar.current)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
