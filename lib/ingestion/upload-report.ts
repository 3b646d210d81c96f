// What the browser upload and the import list share with the client: the size limit, the report and
// list shapes, and the rejected-rows CSV. Pure (no database), so client components may import it.
import type { ImportMode, RowProblem } from "./usage-import";

/** 1 GiB: the largest usage file the browser may upload (checked in the browser and on the server). */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;
/** Row problems kept with an import for download (importUsageRows stores this many). */
export const KEPT_PROBLEMS = 1_000;
/** Row problems shown in the report on the page. */
export const SHOWN_PROBLEMS = 50;

export interface UploadReport {
  /** The import record: completed (rows written) or failed (nothing written, problems kept for download). */
  importId: string;
  state: "completed" | "failed";
  fileName: string;
  mode: ImportMode;
  bytes: number;
  rowsRead: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  costsEstimated: number;
  written: boolean;
  /** Row problems (a row may have several) kept for download, whether there were more, and the first few. */
  problemsKept: number;
  problemsTruncated: boolean;
  firstProblems: RowProblem[];
  rejectsUrl: string;
}

export interface ImportListItem {
  id: string;
  source: string;
  fileName: string | null;
  mode: ImportMode;
  state: "running" | "completed" | "failed";
  rowsTotal: number;
  rowsAccepted: number;
  rowsRejected: number;
  duplicates: number;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export function rejectsUrl(importId: string): string {
  return `/api/v1/usage/imports/${encodeURIComponent(importId)}/rejects`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(bytes % 1024 ** 3 === 0 ? 0 : 2)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/**
 * One CSV cell: a value a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
 * return) gets a leading apostrophe; then RFC 4180 quoting when it holds a comma, a quote or a line break.
 * Reasons quote the rejected values, which come from the uploaded file, so this is not hypothetical.
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rejected rows of an import as CSV: row, column, reason (CRLF line ends, as RFC 4180 has them). */
export function rejectsCsv(problems: readonly RowProblem[]): string {
  const lines = ["row,column,reason", ...problems.map((p) => [p.row, p.column, p.reason].map(csvCell).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}

/** A download name for the rejects of `fileName` ("usage.csv.gz" → "usage-rejects.csv"). */
export function rejectsFileName(fileName: string | null): string {
  const base = (fileName ?? "import").replace(/\.gz$/i, "").replace(/\.(csv|jsonl|ndjson|json)$/i, "");
  const safe =
    base
      .replace(/[^A-Za-z0-9._-]+/g, "_")
      .replace(/^[._]+/, "")
      .slice(0, 100) || "import";
  return `${safe}-rejects.csv`;
}
