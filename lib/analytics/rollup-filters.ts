// The analytics filters (time range + workflow / model / provider / region / bundle), parsed once from URL
// query parameters, and their URL form. The overview page, its API, the charts, the drift page and the
// drift API all read the same names, so a copied link reproduces the view and a script gets the numbers
// the page shows. Pure (client components import it); the SQL the filters mean is in rollup-sql.ts.
//
// Query parameters:
//   from, to     ISO date (2026-01-31) or date-time (2026-01-31T12:00:00Z). The range is [from, to), on
//                hour boundaries (rollups are hourly): `from` is rounded down to its hour, `to` up. A
//                date-only `to` means "through that day" (to the next midnight, UTC).
//   range        preset "24h" | "7d" | "30d" | "90d": the last N, ending at the next hour boundary.
//                Ignored when `from` is given. With neither: the last 30 days.
//   workflow, model, provider, region, bundle
//                each may repeat (?model=a&model=b) or be a comma list (?model=a,b); a row matches when
//                its value is any of the listed ones. A rollup's model is the model that answered (the
//                response model when the log names one, else the requested model), as logged.
//
// Ranges longer than MAX_RANGE_DAYS are refused (a comparison period doubles the span read).
import { z } from "zod";

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 400;
export const MAX_VALUES_PER_FILTER = 100;

export const RANGE_PRESETS = ["24h", "7d", "30d", "90d"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const PRESET_MS: Record<RangePreset, number> = { "24h": DAY_MS, "7d": 7 * DAY_MS, "30d": 30 * DAY_MS, "90d": 90 * DAY_MS };

export const DIMENSIONS = ["workflow", "model", "provider", "region", "bundle"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// Date-time with an explicit zone (Z or ±hh:mm) or none (read as UTC, like the rollup hours).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

export function floorHour(ms: number): number {
  return Math.floor(ms / HOUR_MS) * HOUR_MS;
}
export function ceilHour(ms: number): number {
  return Math.ceil(ms / HOUR_MS) * HOUR_MS;
}

/** Parses a from/to value; null when it is not a real date. */
export function parseInstant(value: string, end: boolean): Date | null {
  const text = value.trim();
  if (DATE_ONLY.test(text)) {
    const ms = Date.parse(`${text}T00:00:00.000Z`);
    // Date.parse accepts 2026-02-30 by rolling over; the round trip refuses it.
    if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== text) return null;
    return new Date(end ? ms + DAY_MS : ms);
  }
  if (DATE_TIME.test(text)) {
    const hasZone = /(?:Z|[+-]\d{2}:?\d{2})$/.test(text);
    const ms = Date.parse(hasZone ? text : `${text}Z`);
    if (Number.isNaN(ms)) return null;
    const day = text.slice(0, 10);
    const [y, m, d] = day.split("-").map(Number);
    if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1970) return null;
    return new Date(ms);
  }
  return null;
}

const valueList = (label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((input) => {
      const items = input === undefined ? [] : Array.isArray(input) ? input : [input];
      return [...new Set(items.flatMap((item) => item.split(",")).map((s) => s.trim()).filter(Boolean))];
    })
    .pipe(
      z
        .array(z.string().max(300, `A ${label} name is at most 300 characters`))
        .max(MAX_VALUES_PER_FILTER, `At most ${MAX_VALUES_PER_FILTER} ${label} values`),
    );

const instant = (label: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
    .refine((v) => v === undefined || DATE_ONLY.test(v) || DATE_TIME.test(v), `${label} must be an ISO date (2026-01-31) or date-time (2026-01-31T12:00:00Z)`);

/**
 * Input: the raw query values (strings or string arrays, as from searchParamsToAnalyticsInput).
 * Output: a resolved, hour-aligned [from, to) range plus the dimension lists.
 * `now` is read when parsing; pass a fixed `now` through `parseAnalyticsFilters` in tests.
 */
export function makeAnalyticsFiltersSchema(now: () => number = Date.now) {
  return z
    .object({
      from: instant("from"),
      to: instant("to"),
      range: z
        .string()
        .optional()
        .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))
        .pipe(z.enum(RANGE_PRESETS, { error: `range must be one of ${RANGE_PRESETS.join(", ")}` }).optional()),
      workflow: valueList("workflow"),
      model: valueList("model"),
      provider: valueList("provider"),
      region: valueList("region"),
      bundle: valueList("bundle"),
    })
    .transform((input, ctx) => {
      const fromDate = input.from === undefined ? undefined : parseInstant(input.from, false);
      const toDate = input.to === undefined ? undefined : parseInstant(input.to, true);
      if (fromDate === null) ctx.addIssue({ code: "custom", path: ["from"], message: `from "${input.from}" is not a real date` });
      if (toDate === null) ctx.addIssue({ code: "custom", path: ["to"], message: `to "${input.to}" is not a real date` });
      if (fromDate === null || toDate === null) return z.NEVER;

      const to = ceilHour(toDate ? toDate.getTime() : now());
      const preset: RangePreset | undefined = fromDate ? undefined : (input.range ?? (toDate ? undefined : "30d"));
      const from = fromDate ? floorHour(fromDate.getTime()) : to - (preset ? PRESET_MS[preset] : DEFAULT_RANGE_DAYS * DAY_MS);
      if (from >= to) {
        ctx.addIssue({ code: "custom", path: ["from"], message: "from must be before to" });
        return z.NEVER;
      }
      if (to - from > MAX_RANGE_DAYS * DAY_MS) {
        ctx.addIssue({ code: "custom", path: ["from"], message: `The range is longer than ${MAX_RANGE_DAYS} days` });
        return z.NEVER;
      }
      return {
        from: new Date(from),
        to: new Date(to),
        /** The preset the range came from, if any (the page highlights it). */
        preset: preset ?? null,
        workflow: input.workflow,
        model: input.model,
        provider: input.provider,
        region: input.region,
        bundle: input.bundle,
      };
    });
}

/** The shared schema (reads the clock when parsing). Marked pure so client bundles importing only the
 * constants and URL helpers below leave zod out. */
export const analyticsFiltersSchema = /* @__PURE__ */ makeAnalyticsFiltersSchema();

export interface AnalyticsFilters {
  /** Inclusive, on an hour boundary. */
  from: Date;
  /** Exclusive, on an hour boundary. */
  to: Date;
  preset: RangePreset | null;
  workflow: string[];
  model: string[];
  provider: string[];
  region: string[];
  bundle: string[];
}

// Keeps the declared interface and the schema's output in step.
type SchemaOutput = z.output<typeof analyticsFiltersSchema>;
const _sameShape: [SchemaOutput extends AnalyticsFilters ? true : false, AnalyticsFilters extends SchemaOutput ? true : false] = [true, true];
void _sameShape;

/** The default filters: the last 30 days (to the next hour), no dimension filter. */
export function defaultAnalyticsFilters(nowMs: number = Date.now()): AnalyticsFilters {
  const to = ceilHour(nowMs);
  return { from: new Date(to - DEFAULT_RANGE_DAYS * DAY_MS), to: new Date(to), preset: "30d", workflow: [], model: [], provider: [], region: [], bundle: [] };
}

/** The period of the same length just before the filters' range (for comparisons). */
export function previousRange(filters: Pick<AnalyticsFilters, "from" | "to">): { from: Date; to: Date } {
  const length = filters.to.getTime() - filters.from.getTime();
  return { from: new Date(filters.from.getTime() - length), to: new Date(filters.from.getTime()) };
}

/** Collects URLSearchParams or Next's searchParams object into the schema's input (repeated keys → arrays). */
export function searchParamsToAnalyticsInput(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const entries: [string, string][] =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
  for (const [key, value] of entries) {
    if ((DIMENSIONS as readonly string[]).includes(key)) {
      const prior = out[key];
      out[key] = prior === undefined ? [value] : [...(prior as string[]), value];
    } else {
      out[key] = value;
    }
  }
  return out;
}

const FILTER_KEYS = ["range", "from", "to", ...DIMENSIONS] as const;

/**
 * Just the filter parameters of a URL query, in a fixed order (other keys such as sort are dropped):
 * the API query for the page's current URL, and the cache key both the server render and the client use.
 */
export function analyticsApiQuery(params: URLSearchParams | Record<string, string | string[] | undefined>): string {
  const input = searchParamsToAnalyticsInput(params);
  const out = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = input[key];
    const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
    const joined = values.map((v) => v.trim()).filter(Boolean).join(",");
    if (joined) out.set(key, joined);
  }
  return out.toString();
}

/**
 * The query string for a filter set: a preset range is written as `range=` (so a link keeps meaning "the
 * last 7 days"), a custom one as from/to; dimensions as comma lists. Other keys (sort, …) are not touched.
 */
export function analyticsFiltersToQuery(filters: AnalyticsFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.preset) {
    if (filters.preset !== "30d") params.set("range", filters.preset);
  } else {
    params.set("from", filters.from.toISOString());
    params.set("to", filters.to.toISOString());
  }
  for (const d of DIMENSIONS) if (filters[d].length) params.set(d, filters[d].join(","));
  return params;
}

/** Time-series granularity for a range: hourly up to 7 days (at most 168 points), daily beyond. */
export type Granularity = "hour" | "day";
export function granularityFor(filters: Pick<AnalyticsFilters, "from" | "to">): Granularity {
  return filters.to.getTime() - filters.from.getTime() <= 7 * DAY_MS ? "hour" : "day";
}
