// One benchmark figure as BENCHMARKS.md shows it: what was measured, its physical baseline from the same
// run, the ratio, the target and whether it was met.
import type { Backend } from "@/lib/bench/bench-database";

export type Section = "import" | "rss" | "online" | "dashboards" | "audit" | "pages";

export interface Figure {
  section: Section;
  /** The database measured on, or "build" for figures read from the production build (pages). */
  backend: Backend | "build";
  what: string;
  measured: string;
  baseline: string | null;
  /** measured ÷ baseline as speeds (higher is better), or baseline time ÷ measured time. */
  ratio: number | null;
  target: string;
  /** null: not measured (not available, skipped, failed); see notes. */
  pass: boolean | null;
  notes: string[];
  /** Raw numbers for the JSON beside the report. */
  data?: Record<string, unknown>;
}

export const fmtInt = (n: number) => Math.round(n).toLocaleString("en-US");
export const fmtMs = (ms: number) =>
  ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
export const fmtRate = (perSecond: number, unit = "rows/s") => `${fmtInt(perSecond)} ${unit}`;
export const fmtMiB = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

export function log(message: string) {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${message}`);
}
