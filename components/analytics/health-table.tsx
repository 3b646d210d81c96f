// The per-workflow and per-model health tables, rendered on the server in the order the URL names
// (lib/analytics/health-sort.ts); only the column buttons run in the browser.
import Link from "next/link";
import { type HealthRow, type HealthTableKind, type SortKey, TABLE_COLUMNS, type TableSort } from "@/lib/analytics/health-sort";
import { METRIC_INFO, type MetricKey } from "@/lib/analytics/overview";
import { formatMetric } from "./format";
import { MetricDelta } from "./metric-delta";
import { SortButton } from "./sort-button";

const HEADER: Partial<Record<MetricKey, string>> = {
  costPerTask: "Cost / task",
  latencyP50Ms: "p50",
  latencyP95Ms: "p95",
  latencyP99Ms: "p99",
  ttftP50Ms: "TTFT p50",
  ttftP95Ms: "TTFT p95",
  inputTokens: "Tokens in",
  outputTokens: "Tokens out",
  qualityMean: "Quality",
  feedbackPositiveShare: "Positive feedback",
};

/**
 * Per-workflow or per-model health, every metric with its change against the previous period; `rows` come
 * sorted by `sort` (kept in the URL: `wsort`/`wdir` for workflows, `msort`/`mdir` for models).
 */
export function HealthTable({ kind, rows, caption, sort }: { kind: HealthTableKind; rows: HealthRow[]; caption: string; sort: TableSort }) {
  const header = (key: SortKey, label: string, numeric: boolean) => {
    const active = sort.key === key;
    return (
      <th
        key={key}
        scope="col"
        aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
        className={`px-3 py-2 font-medium ${numeric ? "text-right" : "sticky left-0 z-10 min-w-[12rem] bg-slate-100 text-left dark:bg-slate-800"}`}
      >
        <SortButton kind={kind} sort={sort} column={key} active={active}>
          {label}
        </SortButton>
      </th>
    );
  };
  return (
    <section aria-labelledby={`${kind}-table-heading`} className="mt-6">
      <h2 id={`${kind}-table-heading`} className="mb-2 text-lg font-semibold">
        {caption}
      </h2>
      {rows.length === 0 ? (
        <p className="card text-sm text-slate-600 dark:text-slate-400">
          No {kind === "workflow" ? "workflow" : "model"} had traffic in this range or the previous one.
        </p>
      ) : (
        // relative: the sr-only change sentences (position: absolute) in scrolled-off columns must not widen the page.
        <div className="relative overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="min-w-full text-sm" data-testid={`${kind}-table`}>
            <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              <tr>
                {header("name", kind === "workflow" ? "Workflow" : "Model", false)}
                {TABLE_COLUMNS.map((key) => header(key, HEADER[key] ?? METRIC_INFO[key].label, true))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {rows.map((row) => {
                const id = "workflow" in row ? row.workflow : row.model;
                return (
                  <tr key={id} className="group hover:bg-slate-50 dark:hover:bg-slate-800/50" data-testid={`${kind}-row`}>
                    <th
                      scope="row"
                      className="sticky left-0 z-10 bg-white px-3 py-2 text-left font-medium group-hover:bg-slate-50 dark:bg-slate-900 dark:group-hover:bg-slate-800"
                    >
                      <RowName row={row} />
                    </th>
                    {TABLE_COLUMNS.map((key) => (
                      <td key={key} className="px-3 py-2 text-right align-top tabular-nums">
                        <div className="whitespace-nowrap">{formatMetric(METRIC_INFO[key].unit, row.metrics[key].value)}</div>
                        <MetricDelta metric={key} comparison={row.metrics[key]} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function RowName({ row }: { row: HealthRow }) {
  if ("workflow" in row) {
    const label = row.workflowName ?? (row.workflow || "(no workflow)");
    return (
      <span className="block max-w-[16rem]">
        {row.workflowId ? (
          <Link href={`/workflows/${encodeURIComponent(row.workflow)}`} className="link">
            {label}
          </Link>
        ) : (
          label
        )}
        {row.workflowName && <span className="block font-mono text-xs font-normal text-slate-500 dark:text-slate-400">{row.workflow}</span>}
      </span>
    );
  }
  return (
    <span className="block max-w-[18rem] break-words">
      {row.modelId ? (
        <Link href={`/models/${row.modelId}`} className="link">
          {row.modelName ?? row.model}
        </Link>
      ) : (
        (row.modelName ?? row.model)
      )}
      <span className="block font-mono text-xs font-normal text-slate-500 dark:text-slate-400">{row.model}</span>
    </span>
  );
}
