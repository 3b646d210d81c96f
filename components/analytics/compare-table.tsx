import { type Assessment, type CompareReport, type MetricComparison, type MetricUnit, formatValue } from "@/lib/analytics/compare-report";

// Words first, colour second: the badge says what the test found.
const ASSESSMENT: Record<Assessment, { label: string; className: string; mark: string }> = {
  better: {
    label: "B better",
    className: "bg-emerald-100 text-emerald-900 ring-emerald-300 dark:bg-emerald-950 dark:text-emerald-100 dark:ring-emerald-800",
    mark: "▲",
  },
  worse: { label: "B worse", className: "bg-red-100 text-red-900 ring-red-300 dark:bg-red-950 dark:text-red-100 dark:ring-red-800", mark: "▼" },
  unclear: {
    label: "Not significant",
    className: "bg-slate-100 text-slate-800 ring-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:ring-slate-600",
    mark: "≈",
  },
  insufficient: {
    label: "Not enough data",
    className: "bg-amber-50 text-amber-900 ring-amber-300 dark:bg-amber-950 dark:text-amber-100 dark:ring-amber-800",
    mark: "○",
  },
  none: { label: "Info", className: "bg-white text-slate-600 ring-slate-200 dark:bg-slate-900 dark:text-slate-300 dark:ring-slate-700", mark: "·" },
};

export function AssessmentBadge({ assessment }: { assessment: Assessment }) {
  const a = ASSESSMENT[assessment];
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${a.className}`}
      data-assessment={assessment}
    >
      <span aria-hidden>{a.mark}</span>
      {a.label}
    </span>
  );
}

/** A signed difference in the metric's unit: +1.2 pts, −150 ms, +$0.0012, −0.024. */
export function formatDifference(value: number, unit: MetricUnit): string {
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  if (unit === "rate") {
    const pts = Math.abs(value) * 100;
    return `${sign}${pts < 1 ? pts.toFixed(2) : pts.toFixed(1)} pts`;
  }
  return `${sign}${formatValue(Math.abs(value), unit)}`;
}

const cell = (value: number | null, unit: MetricUnit) => (value === null ? "—" : formatValue(value, unit));

function ciText(row: MetricComparison): string {
  if (!row.ci) return "—";
  return `${formatDifference(row.ci.lower, row.unit)} to ${formatDifference(row.ci.upper, row.unit)}`;
}

export function CompareTable({ report }: { report: CompareReport }) {
  const level = `${Math.round((1 - report.alpha) * 100)} %`;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-sm" data-testid="compare-table">
        <caption className="sr-only">
          {report.armB} (B) against {report.armA} (A): each metric with its difference B − A, a {level} confidence interval, the p-value and a verdict.
        </caption>
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            <th scope="col" className="px-3 py-2">
              Metric
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              A: <span className="font-mono normal-case">{report.armA}</span>
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              B: <span className="font-mono normal-case">{report.armB}</span>
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              B − A
            </th>
            <th scope="col" className="px-3 py-2">
              {level} CI
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              p
            </th>
            <th scope="col" className="px-3 py-2">
              Verdict
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {report.rows.map((row) => (
            <tr key={row.key} data-testid="compare-row" data-metric={row.key} className="align-top">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {row.label}
                <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">{row.test === "—" ? "" : row.test}</span>
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{cell(row.a, row.unit)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{cell(row.b, row.unit)}</td>
              <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">
                {row.difference === null ? "—" : formatDifference(row.difference, row.unit)}
              </td>
              <td className="px-3 py-2 tabular-nums whitespace-nowrap">{ciText(row)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.pValue === null ? "—" : row.pValue < 0.001 ? "< 0.001" : row.pValue.toFixed(3)}</td>
              <td className="px-3 py-2">
                <div className="flex flex-col items-start gap-1">
                  <AssessmentBadge assessment={row.assessment} />
                  <span data-testid="verdict">{row.verdict}</span>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
