// The analytics filters (time range + workflow / model / provider / region / bundle), parsed once from URL
// query parameters, and their URL form. The overview page, its API, the charts, the drift page and the
// drift API all read the same names, so a copied link reproduces the view and a script gets the numbers
// the page shows. Pure; the SQL the filters mean is in rollup-sql.ts (server only). The names, defaults
// and URL helpers live in filter-query.ts (re-exported here), which client components import so that
// zod stays out of their JavaScript.
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
import {
  type AnalyticsFilters,
  DATE_ONLY,
  DATE_TIME,
  DAY_MS,
  DEFAULT_RANGE_DAYS,
  MAX_RANGE_DAYS,
  MAX_VALUES_PER_FILTER,
  PRESET_MS,
  RANGE_PRESETS,
  type RangePreset,
  ceilHour,
  floorHour,
  parseInstant,
} from "./filter-query";

export * from "./filter-query";

const valueList = (label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((input) => {
      const items = input === undefined ? [] : Array.isArray(input) ? input : [input];
      return [
        ...new Set(
          items
            .flatMap((item) => item.split(","))
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
    })
    .pipe(
      z.array(z.string().max(300, `A ${label} name is at most 300 characters`)).max(MAX_VALUES_PER_FILTER, `At most ${MAX_VALUES_PER_FILTER} ${label} values`),
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

/** The shared schema (reads the clock when parsing). */
export const analyticsFiltersSchema = /* @__PURE__ */ makeAnalyticsFiltersSchema();

// Keeps the declared interface and the schema's output in step.
type SchemaOutput = z.output<typeof analyticsFiltersSchema>;
const _sameShape: [SchemaOutput extends AnalyticsFilters ? true : false, AnalyticsFilters extends SchemaOutput ? true : false] = [true, true];
void _sameShape;
