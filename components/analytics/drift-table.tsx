import { type DriftParams, type DriftSort, driftQuery } from "@/lib/analytics/drift-params";
import { type DriftTableRow, METRIC_INFO, formatBucketValue } from "@/lib/analytics/drift-report";
import { AnalyticsLink } from "./analytics-navigation";
import { DriftLevelBadge } from "./drift-level-badge";

const COLUMNS: { key: DriftSort | null; label: string; numeric?: boolean }[] = [
  { key: "model", label: "Model" },
  { key: "workflow", label: "Workflow" },
  { key: "metric", label: "Metric" },
  { key: null, label: "Level" },
  { key: "psi", label: "PSI", numeric: true },
  { key: "ks", label: "KS", numeric: true },
  { key: null, label: "Baseline calls", numeric: true },
  { key: "current", label: "Current calls", numeric: true },
  { key: null, label: "Median, baseline → current" },
];

const href = (params: DriftParams, change: Parameters<typeof driftQuery>[1]) => {
  const q = driftQuery(params, change);
  return q ? `/analytics/drift?${q}` : "/analytics/drift";
};

export const formatStat = (value: number | null) => (value === null ? "—" : value < 0.001 && value > 0 ? "< 0.001" : value.toFixed(3));

export function medianShift(row: Pick<DriftTableRow, "metric" | "percentiles">): string {
  const unit = METRIC_INFO[row.metric].layout?.unit;
  if (!unit || !row.percentiles) return "—";
  const f = (v: number | null) => (v === null ? "—" : formatBucketValue(v, unit));
  return `${f(row.percentiles.p50.baseline)} → ${f(row.percentiles.p50.current)}`;
}

export function DriftTable({ params, rows }: { params: DriftParams; rows: DriftTableRow[] }) {
  const isOpen = (r: DriftTableRow) => params.show?.metric === r.metric && params.show.model === r.model && params.show.workflow === r.workflow;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-sm" data-testid="drift-table">
        <caption className="sr-only">Drift per model, workflow and metric; choose a metric to see both histograms.</caption>
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          <tr>
            {COLUMNS.map((column) => {
              if (!column.key) {
                return (
                  <th key={column.label} scope="col" className={`px-3 py-2 ${column.numeric ? "text-right" : ""}`}>
                    {column.label}
                  </th>
                );
              }
              const active = params.sort === column.key;
              const numericSort = column.key === "psi" || column.key === "ks" || column.key === "current";
              const nextDir = active ? (params.dir === "asc" ? "desc" : "asc") : numericSort ? "desc" : "asc";
              return (
                <th
                  key={column.key}
                  scope="col"
                  className={`px-3 py-2 ${column.numeric ? "text-right" : ""}`}
                  aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : "none"}
                >
                  <AnalyticsLink
                    href={href(params, { sort: column.key, dir: nextDir })}
                    scroll={false}
                    className="inline-flex items-center gap-1 hover:text-indigo-700 dark:hover:text-indigo-300"
                  >
                    {column.label}
                    <span aria-hidden>{active ? (params.dir === "asc" ? "▲" : "▼") : "↕"}</span>
                  </AnalyticsLink>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => {
            const open = isOpen(r);
            return (
              <tr
                key={`${r.model}\u0000${r.workflow}\u0000${r.metric}`}
                className={open ? "bg-indigo-50 dark:bg-indigo-950/40" : "hover:bg-slate-50 dark:hover:bg-slate-800/50"}
                data-testid="drift-row"
                data-level={r.level}
              >
                <td className="px-3 py-2 font-mono text-xs">{r.model}</td>
                <td className="px-3 py-2">{r.workflow || <span className="text-slate-500">(none)</span>}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <AnalyticsLink
                    href={`${href(params, { show: { metric: r.metric, model: r.model, workflow: r.workflow } })}#drift-detail`}
                    className="link"
                    aria-current={open ? "true" : undefined}
                    aria-label={`${METRIC_INFO[r.metric].label} of ${r.model} on ${r.workflow || "no workflow"}: show histograms`}
                  >
                    {METRIC_INFO[r.metric].label}
                  </AnalyticsLink>
                </td>
                <td className="px-3 py-2">
                  <DriftLevelBadge level={r.level} />
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatStat(r.psi)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{formatStat(r.ks)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.samples.baseline.toLocaleString("en-US")}</td>
                <td className="px-3 py-2 text-right tabular-nums">{r.samples.current.toLocaleString("en-US")}</td>
                <td className="px-3 py-2 whitespace-nowrap tabular-nums">{medianShift(r)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
