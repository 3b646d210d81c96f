"use client";
import Link from "next/link";
import { METRIC_INFO, type HealthComparison, type MetricKey, type ModelHealth, type WorkflowHealth } from "@/lib/analytics/overview";
import { formatMetric } from "./format";
import { MetricDelta } from "./metric-delta";
import { useUrlParams } from "./use-url-params";

export const TABLE_COLUMNS: MetricKey[] = [
  "requests",
  "costUsd",
  "costPerTask",
  "latencyP50Ms",
  "latencyP95Ms",
  "latencyP99Ms",
  "ttftP50Ms",
  "ttftP95Ms",
  "errorRate",
  "retryRate",
  "fallbackRate",
  "inputTokens",
  "outputTokens",
  "qualityMean",
  "feedbackPositiveShare",
];

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

export type SortKey = "name" | MetricKey;
export type Row = (WorkflowHealth | ModelHealth) & HealthComparison;

export function parseSort(key: string | null, dir: string | null): { key: SortKey; dir: "asc" | "desc" } {
  const valid = key === "name" || (TABLE_COLUMNS as string[]).includes(key ?? "");
  return { key: valid ? (key as SortKey) : "requests", dir: dir === "asc" ? "asc" : dir === "desc" ? "desc" : valid && key === "name" ? "asc" : "desc" };
}

function nameOf(row: Row): string {
  return "workflow" in row ? (row.workflowName ?? row.workflow) || "(no workflow)" : (row.modelName ?? row.model);
}

/** Sorted copy; rows without a value for the column go last in either direction. */
export function sortRows<T extends Row>(rows: readonly T[], key: SortKey, dir: "asc" | "desc"): T[] {
  const sign = dir === "asc" ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (key === "name") return sign * nameOf(a).localeCompare(nameOf(b));
    const x = a.metrics[key].value;
    const y = b.metrics[key].value;
    if (x === null && y === null) return nameOf(a).localeCompare(nameOf(b));
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || nameOf(a).localeCompare(nameOf(b));
  });
}

/**
 * Per-workflow or per-model health, every metric with its change against the previous period. Sorting is
 * kept in the URL (`wsort`/`wdir` for workflows, `msort`/`mdir` for models).
 */
export function HealthTable({ kind, rows, caption }: { kind: "workflow" | "model"; rows: Row[]; caption: string }) {
  const { searchParams, update } = useUrlParams();
  const prefix = kind === "workflow" ? "w" : "m";
  const sort = parseSort(searchParams.get(`${prefix}sort`), searchParams.get(`${prefix}dir`));
  const sorted = sortRows(rows, sort.key, sort.dir);
  const setSort = (key: SortKey) => {
    const dir = sort.key === key ? (sort.dir === "asc" ? "desc" : "asc") : key === "name" ? "asc" : "desc";
    update({ [`${prefix}sort`]: key, [`${prefix}dir`]: dir }, "replace");
  };
  const header = (key: SortKey, label: string, numeric: boolean) => {
    const active = sort.key === key;
    return (
      <th
        key={key}
        scope="col"
        aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}
        className={`px-3 py-2 font-medium ${numeric ? "text-right" : "sticky left-0 z-10 min-w-[12rem] bg-slate-100 text-left dark:bg-slate-800"}`}
      >
        <button
          type="button"
          onClick={() => setSort(key)}
          className={`inline-flex items-center gap-1 whitespace-nowrap rounded hover:text-indigo-700 dark:hover:text-indigo-300 ${active ? "text-slate-900 dark:text-white" : ""}`}
        >
          {label}
          <span aria-hidden>{active ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}</span>
        </button>
      </th>
    );
  };
  return (
    <section aria-labelledby={`${kind}-table-heading`} className="mt-6">
      <h2 id={`${kind}-table-heading`} className="mb-2 text-lg font-semibold">
        {caption}
      </h2>
      {rows.length === 0 ? (
        <p className="card text-sm text-slate-600 dark:text-slate-400">No {kind === "workflow" ? "workflow" : "model"} had traffic in this range or the previous one.</p>
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
              {sorted.map((row) => {
                const id = "workflow" in row ? row.workflow : row.model;
                return (
                  <tr key={id} className="group hover:bg-slate-50 dark:hover:bg-slate-800/50" data-testid={`${kind}-row`}>
                    <th scope="row" className="sticky left-0 z-10 bg-white px-3 py-2 text-left font-medium group-hover:bg-slate-50 dark:bg-slate-900 dark:group-hover:bg-slate-800">
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

function RowName({ row }: { row: Row }) {
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
