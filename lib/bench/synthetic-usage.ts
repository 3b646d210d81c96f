// Synthetic usage for the benchmark: the demo's traffic model (lib/demo/demo-usage.ts: arrivals that
// walk the Azure LLM inference traces' inter-arrival gaps under a daily and weekly curve, tokens drawn
// from the traces' (context, generated) pairs, the demo's workflows, models, fallbacks, errors and
// regions) at whatever volume the benchmark needs, kept to the last `days` days.
//
// The demo generator spans 90 days; the benchmark keeps the most recent `days` (35 by default: the
// drift page's default compares the last 7 days with the 28 before them, and the overview reads 30), so
// all of the N events fall in the windows the dashboards query. The volume is set by the demo's `scale`,
// calibrated on a small pilot run: the count lands within a fraction of a percent of the target, and
// the benchmark reports the exact count it produced.
import { loadTrace } from "@/lib/demo/demo-traces";
import { DEMO_TRAFFIC, generateUsage, type UsagePlan, type UsageRow } from "@/lib/demo/demo-usage";
import type { StoredUsageRow } from "@/lib/ingestion/usage-bulk-insert";
import { USAGE_COLUMNS } from "@/lib/ingestion/usage-event";
import type { BenchCatalog } from "./bench-catalog";

export const DAY_MS = 86_400_000;

export interface SyntheticOptions {
  /** End of the window (exclusive of later events). */
  now: Date;
  /** Days of traffic kept before `now`. */
  days?: number;
  /** Events wanted in the window (approximately: see calibrateScale). */
  events: number;
  catalog: BenchCatalog;
  /** Folder holding the traces (defaults to the repository's data/, lib/public-data.ts). */
  dataDir?: string;
}

function plan(options: SyntheticOptions, scale: number): UsagePlan {
  return {
    now: options.now,
    scale,
    traffic: DEMO_TRAFFIC,
    traces: { code: loadTrace("code", options.dataDir), conv: loadTrace("conv", options.dataDir) },
    models: options.catalog.models,
    workflowIds: options.catalog.workflowIds,
  };
}

function* inWindow(rows: Iterable<UsageRow>, from: number, to: number): Generator<UsageRow> {
  for (const row of rows) if (row.timestamp >= from && row.timestamp < to) yield row;
}

/** Demo events per unit of scale in a 35-day window, roughly: only picks the pilot's scale. */
const EVENTS_PER_SCALE_35_DAYS = 96_000;

/**
 * The demo scale that yields about `events` events in the window: counted on a pilot run, then scaled
 * linearly. Arrivals are a stretched replay of the trace's gaps, so the count is proportional to the
 * scale except for where the window cuts the trace's gap sequence; a pilot of a few hundred thousand
 * events (or the target itself, when smaller) walks enough of the sequence to land within ~1 %.
 */
export function calibrateScale(options: SyntheticOptions): number {
  const days = options.days ?? 35;
  const to = options.now.getTime();
  const pilotScale = Math.min(4, Math.max(0.5, (options.events / EVENTS_PER_SCALE_35_DAYS) * (35 / days)));
  let pilot = 0;
  for (const _ of inWindow(generateUsage(plan(options, pilotScale)), to - days * DAY_MS, to)) pilot++;
  if (pilot === 0) throw new Error("The demo traffic produced no events in the window.");
  return (pilotScale * options.events) / pilot;
}

/** Every synthetic event, workflow by workflow, each in time order, ids bench-<n>. */
export function* syntheticUsage(options: SyntheticOptions & { scale?: number }): Generator<UsageRow> {
  const days = options.days ?? 35;
  const to = options.now.getTime();
  const scale = options.scale ?? calibrateScale(options);
  let n = 0;
  for (const row of inWindow(generateUsage(plan(options, scale)), to - days * DAY_MS, to)) {
    row.eventId = `bench-${n++}`;
    yield row;
  }
}

/** The row as the import path stores it (the generator already priced it and knows the catalog ids). */
export function toStoredRow(row: UsageRow): StoredUsageRow {
  return { ...row, costEstimated: false };
}

// ─── CSV in the usage event format of docs/data-formats.md ───────────────────

export const CSV_HEADER = `${USAGE_COLUMNS.join(",")}\n`;

const cell = (v: string | number | boolean | null) => (v === null ? "" : String(v));

/** One CSV line (no quoting needed: generated values hold no commas, quotes or newlines). */
export function toCsvLine(row: UsageRow): string {
  return (
    [
      row.eventId,
      new Date(row.timestamp).toISOString(),
      row.model,
      row.responseModel,
      row.provider,
      row.workflow,
      row.bundle,
      row.latencyMs,
      row.ttftMs,
      row.inputTokens,
      row.outputTokens,
      row.costUsd,
      row.status,
      row.errorType,
      row.isFallback,
      row.retries,
      row.region,
      row.userHash,
      row.qualityScore,
      row.feedback,
    ]
      .map(cell)
      .join(",") + "\n"
  );
}
