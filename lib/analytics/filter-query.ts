// The analytics filters' names, defaults and URL form, without the parser: what client components need
// (the filter bar, the charts) without zod in their JavaScript. The parameters are described, and parsed,
// in rollup-filters.ts, which re-exports all of this.

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

export const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// Date-time with an explicit zone (Z or ±hh:mm) or none (read as UTC, like the rollup hours).
export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

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
export function searchParamsToAnalyticsInput(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const entries: [string, string][] =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).flatMap(([k, v]) =>
          v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]],
        );
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
    const joined = values
      .map((v) => v.trim())
      .filter(Boolean)
      .join(",");
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
