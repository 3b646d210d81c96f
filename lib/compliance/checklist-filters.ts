// The compliance page's view, from its URL: which models (all, or only those with gaps, or with a gap
// on one item) and in which order. Pure.
import { z } from "zod";
import { searchParamsToObject } from "@/lib/catalog/catalog-filters";
import { parseInput } from "@/lib/validation";
import { CHECKLIST_ITEMS, type ChecklistItemId } from "./checklist";
import type { ModelCompliance } from "./checklist-query";

export const CHECKLIST_SORTS = ["gaps", "name", "status"] as const;

export const checklistFiltersSchema = z.object({
  gaps: z.enum(["only", "all"], { error: "gaps must be only or all" }).default("all"),
  item: z.enum(CHECKLIST_ITEMS, { error: `item must be one of ${CHECKLIST_ITEMS.join(", ")}` }).optional(),
  sort: z.enum(CHECKLIST_SORTS, { error: `sort must be one of ${CHECKLIST_SORTS.join(", ")}` }).default("gaps"),
  dir: z.enum(["asc", "desc"], { error: "dir must be asc or desc" }).optional(),
});
export type ChecklistFilters = z.infer<typeof checklistFiltersSchema>;

export function parseChecklistFilters(params: Record<string, string | string[] | undefined>): ChecklistFilters {
  return parseInput(checklistFiltersSchema, searchParamsToObject(params));
}

export function checklistQuery(filters: ChecklistFilters, change: Partial<ChecklistFilters> = {}): string {
  const next = { ...filters, ...change };
  const params = new URLSearchParams();
  if (next.gaps !== "all") params.set("gaps", next.gaps);
  if (next.item) params.set("item", next.item);
  if (next.sort !== "gaps") params.set("sort", next.sort);
  if (next.dir) params.set("dir", next.dir);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Most gaps first by default; names A→Z; status in lifecycle order. */
export function applyChecklistFilters(rows: ModelCompliance[], filters: ChecklistFilters): ModelCompliance[] {
  const hasGap = (row: ModelCompliance, item: ChecklistItemId) => row.items.some((i) => i.id === item && i.state === "gap");
  const kept = rows.filter((row) => (filters.gaps === "only" ? row.gaps > 0 : true) && (filters.item ? hasGap(row, filters.item) : true));
  const dir = filters.dir ?? (filters.sort === "gaps" ? "desc" : "asc");
  const sign = dir === "asc" ? 1 : -1;
  const statusRank = ["approved", "fallback_only", "testing", "deprecated", "disabled", "retired"];
  const key = (row: ModelCompliance): number | string =>
    filters.sort === "gaps" ? row.gaps : filters.sort === "status" ? statusRank.indexOf(row.facts.status) : row.facts.name.toLowerCase();
  return [...kept].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return (ka < kb ? -1 : 1) * sign;
    return a.facts.name.localeCompare(b.facts.name);
  });
}
