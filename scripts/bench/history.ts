// BENCHMARKS.json as a history: a full run on both backends at full size takes hours on 2 cores, so runs of
// some parts (`--only`, `--backend`) replace exactly the figures they measured and keep the others, each
// figure naming the run (command, date, machine) that produced it.
import type { MachineFacts } from "@/lib/bench/machine";
import type { Figure, Section } from "./figures";

export interface BenchRun {
  id: number;
  command: string;
  startedAt: string;
  finishedAt: string;
  machine: MachineFacts;
  loadBefore: number[];
  loadAfter: number[];
  postgres: { version: string; settings: Record<string, string>; where: string } | null;
  pglite: string;
  /** What this run noticed on the way (build reused, parse-only speed, …). */
  diagnostics: string[];
}

export interface Skipped {
  section: Section;
  backend?: string;
  reason: string;
}

export interface BenchHistory {
  runs: BenchRun[];
  figures: (Figure & { run: number })[];
  skipped: (Skipped & { run: number })[];
}

export const EMPTY_HISTORY: BenchHistory = { runs: [], figures: [], skipped: [] };

/** What a run covered: these sections on these backends (the dashboards at these sizes, when given). */
export interface RunScope {
  sections: readonly Section[];
  backends: readonly string[];
  dashboardEvents?: readonly number[];
}

/** The event count a dashboards entry names ("…, 1,000,846 events" or "postgres, 1,000,000 events"). */
function eventsNamed(text: string | undefined): number | null {
  const match = text?.match(/([\d,]+) events\b/);
  return match ? Number(match[1].replaceAll(",", "")) : null;
}

/** Whether an earlier entry is one this run measured again (so the new result replaces it). */
function covered(scope: RunScope, entry: { section: Section; backend?: string; what?: string }): boolean {
  if (!scope.sections.includes(entry.section)) return false;
  if (entry.section === "dashboards" && scope.dashboardEvents) {
    // A size comes out within a few per cent of the one asked for (the synthetic arrivals are calibrated).
    const events = eventsNamed(entry.what) ?? eventsNamed(entry.backend);
    if (events !== null && !scope.dashboardEvents.some((asked) => Math.abs(events - asked) <= asked * 0.05)) return false;
  }
  // Skipped entries may name an endpoint or "postgres, 1,000,000 events" rather than a bare backend.
  if (entry.backend === undefined || !/^(postgres|pglite)\b/.test(entry.backend)) return true;
  return scope.backends.some((b) => entry.backend!.startsWith(b));
}

/** The history with this run's results in place of the ones it measured again; runs nothing cites are dropped. */
export function mergeRun(previous: BenchHistory, run: Omit<BenchRun, "id">, scope: RunScope, figures: Figure[], skipped: Skipped[]): BenchHistory {
  const id = previous.runs.reduce((max, r) => Math.max(max, r.id), 0) + 1;
  const kept = {
    figures: previous.figures.filter((f) => !covered(scope, f)),
    skipped: previous.skipped.filter((s) => !covered(scope, s)),
  };
  const merged: BenchHistory = {
    runs: [...previous.runs, { ...run, id }],
    figures: [...kept.figures, ...figures.map((f) => ({ ...f, run: id }))],
    skipped: [...kept.skipped, ...skipped.map((s) => ({ ...s, run: id }))],
  };
  const cited = new Set([...merged.figures.map((f) => f.run), ...merged.skipped.map((s) => s.run)]);
  merged.runs = merged.runs.filter((r) => cited.has(r.id));
  const order: Section[] = ["import", "rss", "online", "dashboards", "audit", "pages"];
  merged.figures.sort(
    (a, b) =>
      order.indexOf(a.section) - order.indexOf(b.section) ||
      (a.backend < b.backend ? -1 : a.backend > b.backend ? 1 : 0) ||
      (eventsNamed(a.what) ?? 0) - (eventsNamed(b.what) ?? 0),
  );
  return merged;
}

/** Reads a history written by this or an older version (one run, no run ids). */
export function readHistory(json: unknown): BenchHistory {
  if (!json || typeof json !== "object") return EMPTY_HISTORY;
  const value = json as Partial<BenchHistory>;
  if (Array.isArray(value.runs) && Array.isArray(value.figures)) return { runs: value.runs, figures: value.figures, skipped: value.skipped ?? [] };
  return EMPTY_HISTORY;
}
