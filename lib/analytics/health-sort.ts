// The order of the overview's per-workflow and per-model tables, kept in the URL (`wsort`/`wdir` for
// workflows, `msort`/`mdir` for models) so a copied link shows the same order. Pure: the server sorts
// the rows it renders, and the column buttons compute the next order with the same rule.
import { type HealthComparison, METRIC_KEYS, type MetricKey, type ModelHealth, type WorkflowHealth } from "./overview";

/** The metric columns of both tables, in display order (each one sortable): every metric, with feedback
 * shown as its positive share rather than the two raw counts. */
export const TABLE_COLUMNS: MetricKey[] = METRIC_KEYS.filter((key) => key !== "feedbackUp" && key !== "feedbackDown");

export type SortKey = "name" | MetricKey;
export type SortDir = "asc" | "desc";
export interface TableSort {
  key: SortKey;
  dir: SortDir;
}
export type HealthRow = (WorkflowHealth | ModelHealth) & HealthComparison;
export type HealthTableKind = "workflow" | "model";

/** The URL parameters holding one table's order. */
export function sortParams(kind: HealthTableKind): { key: string; dir: string } {
  const prefix = kind === "workflow" ? "w" : "m";
  return { key: `${prefix}sort`, dir: `${prefix}dir` };
}

/** A table's order from its URL values: by calls, most first, unless a known column is named. */
export function parseSort(key: string | null | undefined, dir: string | null | undefined): TableSort {
  const valid = key === "name" || (TABLE_COLUMNS as string[]).includes(key ?? "");
  return { key: valid ? (key as SortKey) : "requests", dir: dir === "asc" ? "asc" : dir === "desc" ? "desc" : valid && key === "name" ? "asc" : "desc" };
}

/** What choosing a column does: the same column flips its direction; a new one starts A→Z for names, largest first for figures. */
export function nextSort(current: TableSort, key: SortKey): TableSort {
  if (current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: key === "name" ? "asc" : "desc" };
}

export function rowName(row: HealthRow): string {
  return "workflow" in row ? (row.workflowName ?? row.workflow) || "(no workflow)" : (row.modelName ?? row.model);
}

/** Sorted copy; rows without a value for the column go last in either direction, ties by name. */
export function sortRows<T extends HealthRow>(rows: readonly T[], sort: TableSort): T[] {
  const sign = sort.dir === "asc" ? 1 : -1;
  const key = sort.key;
  return [...rows].sort((a, b) => {
    if (key === "name") return sign * rowName(a).localeCompare(rowName(b));
    const x = a.metrics[key].value;
    const y = b.metrics[key].value;
    if (x === null && y === null) return rowName(a).localeCompare(rowName(b));
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || rowName(a).localeCompare(rowName(b));
  });
}
