// The catalog's filters, sorting and paging, parsed once from URL query parameters: the page, the links
// it makes and GET /api/v1/models all read the same names, so a copied link reproduces the view.
import { z } from "zod";
import { MODEL_STATUSES, LEVELS } from "./model-vocabulary";

export const SORT_COLUMNS = [
  "name",
  "provider",
  "snapshotId",
  "status",
  "contextWindow",
  "inputPrice",
  "outputPrice",
  "costLevel",
  "deprecation",
  "updatedAt",
] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];

export const PAGE_SIZES = [25, 50, 100, 200] as const;

const list = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .array(z.string())
    .transform((items) =>
      items
        .flatMap((item) => item.split(","))
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values, { error: (issue) => `Unknown ${label} "${String(issue.input)}"; expected one of ${values.join(", ")}` })));

const positiveInt = (label: string, max: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(0, `${label} cannot be negative`)
    .max(max, `${label} is too large`);

export const catalogFiltersSchema = z
  .object({
    q: z.string().trim().max(200, "Search text is too long").optional(),
    status: list(MODEL_STATUSES, "status").default([]),
    provider: z
      .array(z.string())
      .transform((items) =>
        items
          .flatMap((i) => i.split(","))
          .map((s) => s.trim().toLowerCase())
          .filter(Boolean),
      )
      .default([]),
    workflow: z.string().trim().optional(),
    language: z.string().trim().toLowerCase().optional(),
    cost: list(LEVELS, "cost level").default([]),
    ctxMin: positiveInt("Minimum context window", 100_000_000).optional(),
    ctxMax: positiveInt("Maximum context window", 100_000_000).optional(),
    deprecatingWithin: positiveInt("Deprecation window (days)", 3650).optional(),
    sort: z.enum(SORT_COLUMNS, { error: `Sort must be one of ${SORT_COLUMNS.join(", ")}` }).default("name"),
    dir: z.enum(["asc", "desc"], { error: "Direction must be asc or desc" }).default("asc"),
    page: z.coerce.number().int("Page must be a whole number").min(1, "Page starts at 1").default(1),
    pageSize: z.coerce
      .number()
      .int()
      .refine((n) => (PAGE_SIZES as readonly number[]).includes(n), `Page size must be one of ${PAGE_SIZES.join(", ")}`)
      .default(50),
  })
  .refine((f) => f.ctxMin === undefined || f.ctxMax === undefined || f.ctxMin <= f.ctxMax, {
    message: "Minimum context window is above the maximum",
    path: ["ctxMin"],
  });

export type CatalogFilters = z.infer<typeof catalogFiltersSchema>;

const MULTI = new Set(["status", "provider", "cost"]);

/** Collects URLSearchParams (or Next's searchParams object) into the shape the schema expects. */
export function searchParamsToObject(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const entries: [string, string][] =
    params instanceof URLSearchParams
      ? [...params.entries()]
      : Object.entries(params).flatMap(([k, v]) =>
          v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]],
        );
  for (const [key, value] of entries) {
    if (value === "") continue;
    if (MULTI.has(key)) ((out[key] as string[] | undefined) ?? (out[key] = [] as string[])).push(value);
    else out[key] = value;
  }
  return out;
}

/** The query string for a filter set, leaving out defaults so links stay short. */
export function filtersToQuery(filters: Partial<CatalogFilters>): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  for (const key of ["status", "provider", "cost"] as const) {
    const values = filters[key];
    if (values?.length) params.set(key, values.join(","));
  }
  if (filters.workflow) params.set("workflow", filters.workflow);
  if (filters.language) params.set("language", filters.language);
  if (filters.ctxMin !== undefined) params.set("ctxMin", String(filters.ctxMin));
  if (filters.ctxMax !== undefined) params.set("ctxMax", String(filters.ctxMax));
  if (filters.deprecatingWithin !== undefined) params.set("deprecatingWithin", String(filters.deprecatingWithin));
  if (filters.sort && filters.sort !== "name") params.set("sort", filters.sort);
  if (filters.dir && filters.dir !== "asc") params.set("dir", filters.dir);
  if (filters.page && filters.page !== 1) params.set("page", String(filters.page));
  if (filters.pageSize && filters.pageSize !== 50) params.set("pageSize", String(filters.pageSize));
  return params.toString();
}
