// The drift page's and GET /api/v1/analytics/drift's parameters, parsed once from the URL so a copied link
// or a script asks exactly what the page shows.
//
//   baselineFrom, baselineTo, currentFrom, currentTo
//       ISO date or date-time, read like the overview's from/to (rollup-filters.ts parseInstant): a
//       date-only "to" means through that day; bounds are rounded to whole UTC hours (rollups are hourly),
//       "from" down and "to" up. Defaults chain: currentTo = the next hour boundary, currentFrom = 7 days
//       before currentTo, baselineTo = currentFrom, baselineFrom = 28 days before baselineTo. So giving
//       only a current window puts the baseline in the 28 days just before it.
//   watch, alert   PSI thresholds, 0 < watch < alert (defaults 0.1 and 0.2, docs/vocabulary.md).
//   minSamples     calls (or scored calls, for quality) each window needs before a metric is judged;
//                  default 100. Below it the metric shows "not enough data", never a level.
//   workflow, model, provider, region, bundle
//                  the overview's dimension filters (same names, lists allowed).
//   sort, dir, show, showModel, showWorkflow
//                  page state only: table order and the row whose histograms are open.
import { z } from "zod";
import { DomainError } from "@/lib/errors";
import { DEFAULT_DRIFT_THRESHOLDS } from "./drift";
import { type AnalyticsFilters, DAY_MS, MAX_RANGE_DAYS, analyticsFiltersSchema, ceilHour, floorHour, parseInstant } from "./rollup-filters";

export const DEFAULT_CURRENT_DAYS = 7;
export const DEFAULT_BASELINE_DAYS = 28;
export const DEFAULT_MIN_SAMPLES = 100;

export const DRIFT_METRICS = ["latency", "inputTokens", "outputTokens", "quality", "errorType"] as const;
export type DriftMetric = (typeof DRIFT_METRICS)[number];

export const DRIFT_SORTS = ["psi", "ks", "model", "workflow", "metric", "current"] as const;
export type DriftSort = (typeof DRIFT_SORTS)[number];

export interface DriftWindow {
  /** Inclusive, on an hour boundary. */
  from: Date;
  /** Exclusive, on an hour boundary. */
  to: Date;
}

export interface DriftParams {
  baseline: DriftWindow;
  current: DriftWindow;
  thresholds: { watch: number; alert: number };
  minSamples: number;
  /** Dimension filters; the range in here is unused (the two windows above replace it). */
  filters: AnalyticsFilters;
  /** Which window bounds the caller gave (the rest are defaults), so links keep "the last 7 days" moving. */
  given: { baselineFrom: boolean; baselineTo: boolean; currentFrom: boolean; currentTo: boolean };
  sort: DriftSort;
  dir: "asc" | "desc";
  show: { metric: DriftMetric; model: string; workflow: string } | null;
}

const DATE_LIKE = /^\d{4}-\d{2}-\d{2}(T.*)?$/;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const instant = (label: string) =>
  optionalText.refine((v) => v === undefined || DATE_LIKE.test(v), `${label} must be an ISO date (2026-01-31) or date-time (2026-01-31T12:00:00Z)`);

const threshold = (label: string) =>
  optionalText.pipe(
    z.coerce
      .number<string>({ error: `${label} must be a number` })
      .refine((n) => Number.isFinite(n), `${label} must be a number`)
      .refine((n) => n > 0, `${label} must be above 0`)
      .refine((n) => n <= 10, `${label} must be at most 10`)
      .optional(),
  );

const rawSchema = z.object({
  baselineFrom: instant("baselineFrom"),
  baselineTo: instant("baselineTo"),
  currentFrom: instant("currentFrom"),
  currentTo: instant("currentTo"),
  watch: threshold("watch"),
  alert: threshold("alert"),
  minSamples: optionalText.pipe(
    z.coerce
      .number<string>({ error: "minSamples must be a number" })
      .int("minSamples must be a whole number")
      .min(1, "minSamples must be at least 1")
      .max(1_000_000, "minSamples must be at most 1,000,000")
      .optional(),
  ),
  sort: optionalText.pipe(z.enum(DRIFT_SORTS, { error: `sort must be one of ${DRIFT_SORTS.join(", ")}` }).optional()),
  dir: optionalText.pipe(z.enum(["asc", "desc"], { error: "dir must be asc or desc" }).optional()),
  show: optionalText.pipe(z.enum(DRIFT_METRICS, { error: `show must be one of ${DRIFT_METRICS.join(", ")}` }).optional()),
  showModel: optionalText,
  showWorkflow: z.string().optional(),
});

const DIMENSION_KEYS = ["workflow", "model", "provider", "region", "bundle"] as const;

/** Parses drift parameters (strings or string arrays, as from searchParamsToAnalyticsInput); throws a 422 DomainError. */
export function parseDriftParams(input: Record<string, unknown>, now: number = Date.now()): DriftParams {
  const fieldErrors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => (fieldErrors[field] ??= []).push(message);
  // A repeated scalar (?watch=0.1&watch=0.2) is ambiguous: take the last, as URLSearchParams.get would not.
  const scalar = (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : v);
  const raw = rawSchema.safeParse(Object.fromEntries(Object.keys(rawSchema.shape).map((k) => [k, scalar(input[k])])));
  if (!raw.success) for (const issue of raw.error.issues) fail(issue.path.join(".") || "_form", issue.message);
  const dims = analyticsFiltersSchema.safeParse(Object.fromEntries(DIMENSION_KEYS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]])));
  if (!dims.success) for (const issue of dims.error.issues) fail(issue.path.join(".") || "_form", issue.message);
  if (!raw.success || !dims.success) throw invalid(fieldErrors);
  const p = raw.data;

  const instantOf = (field: "baselineFrom" | "baselineTo" | "currentFrom" | "currentTo", end: boolean) => {
    const text = p[field];
    if (text === undefined) return undefined;
    const date = parseInstant(text, end);
    if (!date) {
      fail(field, `${field} "${text}" is not a real date`);
      return null;
    }
    return end ? ceilHour(date.getTime()) : floorHour(date.getTime());
  };
  const cf = instantOf("currentFrom", false);
  const ct = instantOf("currentTo", true);
  const bf = instantOf("baselineFrom", false);
  const bt = instantOf("baselineTo", true);
  if (cf === null || ct === null || bf === null || bt === null) throw invalid(fieldErrors);

  const currentTo = ct ?? ceilHour(now);
  const currentFrom = cf ?? currentTo - DEFAULT_CURRENT_DAYS * DAY_MS;
  const baselineTo = bt ?? currentFrom;
  const baselineFrom = bf ?? baselineTo - DEFAULT_BASELINE_DAYS * DAY_MS;
  if (currentFrom >= currentTo) fail("currentFrom", "The current window must start before it ends");
  if (baselineFrom >= baselineTo) fail("baselineFrom", "The baseline window must start before it ends");
  if (baselineTo > currentFrom) fail("baselineTo", "The baseline window must end before the current window starts");
  if (currentTo - currentFrom > MAX_RANGE_DAYS * DAY_MS) fail("currentFrom", `The current window is longer than ${MAX_RANGE_DAYS} days`);
  if (baselineTo - baselineFrom > MAX_RANGE_DAYS * DAY_MS) fail("baselineFrom", `The baseline window is longer than ${MAX_RANGE_DAYS} days`);

  const watch = p.watch ?? DEFAULT_DRIFT_THRESHOLDS.watch;
  const alert = p.alert ?? DEFAULT_DRIFT_THRESHOLDS.alert;
  if (!(watch < alert)) fail(p.alert !== undefined ? "alert" : "watch", `The watch threshold (${watch}) must be below the alert threshold (${alert})`);
  if (Object.keys(fieldErrors).length) throw invalid(fieldErrors);

  const show = p.show && p.showModel !== undefined && p.showWorkflow !== undefined ? { metric: p.show, model: p.showModel, workflow: p.showWorkflow } : null;
  return {
    baseline: { from: new Date(baselineFrom), to: new Date(baselineTo) },
    current: { from: new Date(currentFrom), to: new Date(currentTo) },
    thresholds: { watch, alert },
    minSamples: p.minSamples ?? DEFAULT_MIN_SAMPLES,
    filters: dims.data,
    given: { baselineFrom: bf !== undefined, baselineTo: bt !== undefined, currentFrom: cf !== undefined, currentTo: ct !== undefined },
    sort: p.sort ?? "psi",
    dir: p.dir ?? (p.sort === undefined || p.sort === "psi" || p.sort === "ks" || p.sort === "current" ? "desc" : "asc"),
    show,
  };
}

function invalid(fieldErrors: Record<string, string[]>): DomainError {
  const summary = Object.entries(fieldErrors)
    .map(([field, messages]) => `${field}: ${messages[0]}`)
    .join("; ");
  return new DomainError("validation", `Invalid drift parameters: ${summary}`, fieldErrors);
}

/**
 * The query string for a parameter set with some changes; defaults are left out, and window bounds the
 * caller did not give stay out too (so "the last 7 days" keeps meaning that when the link is reopened).
 */
export function driftQuery(params: DriftParams, change: Partial<Omit<DriftParams, "given" | "filters">> = {}): string {
  const next = { ...params, ...change };
  const q = new URLSearchParams();
  const iso = (d: Date) => d.toISOString().replace(":00:00.000Z", ":00Z");
  if (params.given.baselineFrom || change.baseline) q.set("baselineFrom", iso(next.baseline.from));
  if (params.given.baselineTo || change.baseline) q.set("baselineTo", iso(next.baseline.to));
  if (params.given.currentFrom || change.current) q.set("currentFrom", iso(next.current.from));
  if (params.given.currentTo || change.current) q.set("currentTo", iso(next.current.to));
  if (next.thresholds.watch !== DEFAULT_DRIFT_THRESHOLDS.watch) q.set("watch", String(next.thresholds.watch));
  if (next.thresholds.alert !== DEFAULT_DRIFT_THRESHOLDS.alert) q.set("alert", String(next.thresholds.alert));
  if (next.minSamples !== DEFAULT_MIN_SAMPLES) q.set("minSamples", String(next.minSamples));
  for (const d of DIMENSION_KEYS) if (params.filters[d].length) q.set(d, params.filters[d].join(","));
  if (next.sort !== "psi") q.set("sort", next.sort);
  const defaultDir = next.sort === "psi" || next.sort === "ks" || next.sort === "current" ? "desc" : "asc";
  if (next.dir !== defaultDir) q.set("dir", next.dir);
  if (next.show) {
    q.set("show", next.show.metric);
    q.set("showModel", next.show.model);
    q.set("showWorkflow", next.show.workflow);
  }
  return q.toString();
}
