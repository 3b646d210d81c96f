// How the analytics pages write numbers and changes. Pure, shared by the tables, the cards and the charts.
// Dates are shown in UTC (the rollup hours are UTC) so the server render and the browser agree.
import type { MetricComparison, MetricUnit } from "@/lib/analytics/overview";

export const DASH = "—";

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function formatUsd(value: number): string {
  if (value === 0) return "$0";
  const abs = Math.abs(value);
  if (abs >= 1000) return `$${int.format(value)}`;
  if (abs >= 1) return `$${value.toFixed(2)}`;
  // Cost per task is often a fraction of a cent: keep three significant digits.
  return `$${Number(value.toPrecision(3))}`;
}

export function formatMs(value: number): string {
  if (value < 1000) return `${Math.round(value)} ms`;
  if (value < 10_000) return `${(value / 1000).toFixed(2)} s`;
  return `${(value / 1000).toFixed(1)} s`;
}

export function formatRate(value: number): string {
  const pct = value * 100;
  if (pct === 0) return "0 %";
  if (Math.abs(pct) < 1) return `${pct.toFixed(2)} %`;
  return `${pct.toFixed(1)} %`;
}

export function formatTokens(value: number): string {
  return Math.abs(value) < 10_000 ? int.format(value) : compact.format(value);
}

export function formatMetric(unit: MetricUnit, value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return DASH;
  switch (unit) {
    case "count":
      return int.format(value);
    case "usd":
      return formatUsd(value);
    case "ms":
      return formatMs(value);
    case "rate":
      return formatRate(value);
    case "tokens":
      return formatTokens(value);
    case "score":
      return value.toFixed(2);
  }
}

export type ChangeDirection = "up" | "down" | "flat" | "new" | "unknown";
export type ChangeTone = "good" | "bad" | "neutral";

export interface ChangeView {
  direction: ChangeDirection;
  /** Short text beside the arrow: "+3.4 %", "−0.21 pp", "new". */
  text: string;
  /** Full sentence for screen readers and the tooltip. */
  sentence: string;
  tone: ChangeTone;
}

// Changes smaller than these read as "no change" (noise in a month of traffic).
const FLAT_RELATIVE = 0.005;
const FLAT_POINTS = 0.0001;
const FLAT_SCORE = 0.005;

const signed = (x: number, text: string) => (x > 0 ? `+${text}` : x < 0 ? `−${text}` : text);

/**
 * The change against the previous period as people read it: rates in percentage points, scores as
 * differences, everything else as a percentage of the previous value. `better` colours it.
 */
export function describeChange(unit: MetricUnit, c: MetricComparison, better: "higher" | "lower" | "neither"): ChangeView {
  const previousText = formatMetric(unit, c.previous);
  if (c.value === null || c.previous === null || c.change === null) {
    return {
      direction: "unknown",
      text: "",
      sentence: c.previous === null ? "no figure for the previous period" : "no figure for this period",
      tone: "neutral",
    };
  }
  let direction: ChangeDirection;
  let text: string;
  if (unit === "rate") {
    direction = Math.abs(c.change) < FLAT_POINTS ? "flat" : c.change > 0 ? "up" : "down";
    text = signed(c.change, `${Math.abs(c.change * 100).toFixed(2)} pp`);
  } else if (unit === "score") {
    direction = Math.abs(c.change) < FLAT_SCORE ? "flat" : c.change > 0 ? "up" : "down";
    text = signed(c.change, Math.abs(c.change).toFixed(2));
  } else if (c.relativeChange === null) {
    // Previous value 0: a percentage would be infinite.
    direction = c.value === 0 ? "flat" : "new";
    text = c.value === 0 ? "0 %" : "new";
  } else {
    direction = Math.abs(c.relativeChange) < FLAT_RELATIVE ? "flat" : c.relativeChange > 0 ? "up" : "down";
    const pct = Math.abs(c.relativeChange * 100);
    text = signed(c.relativeChange, `${pct >= 100 ? int.format(pct) : pct.toFixed(1)} %`);
  }
  const tone: ChangeTone =
    better === "neither" || direction === "flat" ? "neutral" : (direction === "up" || direction === "new") === (better === "higher") ? "good" : "bad";
  const verb = { up: "up", down: "down", flat: "unchanged", new: "new", unknown: "" }[direction];
  const sentence =
    direction === "flat"
      ? `unchanged from ${previousText} in the previous period`
      : direction === "new"
        ? `new: none in the previous period`
        : `${verb} ${text.replace(/^[+−]/, "")} from ${previousText} in the previous period`;
  return { direction, text: direction === "flat" ? "±0" : text, sentence, tone };
}

const dateTime = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });
const hourLabel = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
const dayLabel = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short" });

/** "16 Nov 2026 – 23 Nov 2026" for whole days, with hours otherwise; `to` is exclusive. */
export function formatRange(range: { from: string; to: string }): string {
  const from = new Date(range.from);
  const to = new Date(range.to);
  const wholeDays = from.getUTCHours() === 0 && to.getUTCHours() === 0;
  if (wholeDays) {
    const last = new Date(to.getTime() - 86_400_000);
    return `${dateOnly.format(from)} – ${dateOnly.format(last)}`;
  }
  return `${dateTime.format(from)} – ${dateTime.format(to)} UTC`;
}

export function formatBucket(iso: string, granularity: "hour" | "day"): string {
  return (granularity === "hour" ? hourLabel : dayLabel).format(new Date(iso));
}

export function formatDate(iso: string): string {
  return dateOnly.format(new Date(iso));
}
