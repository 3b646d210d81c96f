// The list of recent usage imports: its filters, sort and page, read from and written to the URL.
import { z } from "zod";
import { blankToUndefined } from "@/lib/validation/form-fields";

export const IMPORT_SOURCES = ["file", "api", "otlp", "all"] as const;
export const IMPORT_SORTS = ["createdAt", "fileName", "state", "rowsAccepted", "rowsRejected"] as const;
export type ImportSort = (typeof IMPORT_SORTS)[number];

// A blank parameter (?page=) is the default, as if it were not in the URL.
export const importListSchema = z.object({
  // Uploads by default: API batches are many small imports and would push the files off the list.
  source: z.preprocess(blankToUndefined, z.enum(IMPORT_SOURCES, { error: `Source must be one of ${IMPORT_SOURCES.join(", ")}` }).default("file")),
  sort: z.preprocess(blankToUndefined, z.enum(IMPORT_SORTS, { error: `Sort must be one of ${IMPORT_SORTS.join(", ")}` }).default("createdAt")),
  dir: z.preprocess(blankToUndefined, z.enum(["asc", "desc"], { error: 'Direction must be "asc" or "desc"' }).default("desc")),
  page: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "Page must be a number" }).int("Page must be a whole number").min(1, "Page starts at 1").max(10_000).default(1),
  ),
  pageSize: z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: "Page size must be a number" }).int().min(1).max(100, "Page size is at most 100").default(20),
  ),
});

export type ImportListFilters = z.infer<typeof importListSchema>;

export function importListFrom(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, unknown> {
  const entries: [string, string | string[] | undefined][] = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v !== undefined && v !== "" && key in importListSchema.shape) out[key] = v;
  }
  return out;
}

export function importListToQuery(filters: Partial<ImportListFilters>): string {
  const params = new URLSearchParams();
  if (filters.source && filters.source !== "file") params.set("source", filters.source);
  if (filters.sort && filters.sort !== "createdAt") params.set("sort", filters.sort);
  if (filters.dir && filters.dir !== "desc") params.set("dir", filters.dir);
  if (filters.page && filters.page !== 1) params.set("page", String(filters.page));
  if (filters.pageSize && filters.pageSize !== 20) params.set("pageSize", String(filters.pageSize));
  return params.toString();
}
